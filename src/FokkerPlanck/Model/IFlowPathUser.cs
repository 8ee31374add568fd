using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>Something that runs with a flow-matching path's functor as its struct type (the particle kernels), handed
/// over by <see cref="FlowMatchingPath.UsePath{TResult}"/>.</summary>
/// <typeparam name="TResult">What the user returns.</typeparam>
public interface IFlowPathUser<out TResult>
{
    /// <summary>Runs with the path.</summary>
    /// <typeparam name="TPath">The path's struct type.</typeparam>
    /// <param name="path">The path.</param>
    /// <returns>The result.</returns>
    TResult Use<TPath>(TPath path) where TPath : struct, IFlowPath;
}
