using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>Something that runs with a pointwise process's functor (the particle engine): see
/// <see cref="PointProcess.UsePointProcess{TResult}"/>.</summary>
/// <typeparam name="TResult">What the user returns.</typeparam>
public interface IPointProcessUser<out TResult>
{
    /// <summary>Runs with the functor.</summary>
    /// <typeparam name="TProcess">The functor.</typeparam>
    /// <param name="process">The functor.</param>
    /// <returns>The result.</returns>
    TResult Use<TProcess>(TProcess process) where TProcess : struct, IPointProcess;
}
