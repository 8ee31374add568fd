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

    /// <summary>Runs with a process whose diffusion depends on the position (noise sqrt(2 D(x, t)), Itô).</summary>
    /// <typeparam name="TProcess">The functor type.</typeparam>
    /// <param name="process">The functor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">This user does not handle a position-dependent diffusion.</exception>
    TResult UseDiffusing<TProcess>(TProcess process) where TProcess : struct, IPointProcess, Kernels.Grid.IPointDiffusion =>
        throw new ArgumentException($"a position-dependent diffusion is not supported here ({GetType().Name})", "process");
}
