using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Model;

/// <summary>
/// Something that runs with a process's grid drift (the solver, the field builder): the process hands it its face-drift
/// functor, a struct the kernels are compiled for, and the per-cell values the functor reads. This is how a process
/// reaches the grid code without the grid code naming it (<see cref="Process.UseFaceDrift{TResult}"/>).
/// </summary>
/// <typeparam name="TResult">What the user returns.</typeparam>
public interface IFaceDriftUser<out TResult>
{
    /// <summary>The dimension of the grid it runs on (1 or 2): the process calls <see cref="Use1D"/> or <see cref="Use2D"/>
    /// accordingly, or refuses when it has no form of that dimension.</summary>
    int Dimension { get; }

    /// <summary>Runs with a 1D drift.</summary>
    /// <typeparam name="TDrift">The functor.</typeparam>
    /// <param name="drift">The functor.</param>
    /// <param name="aux">The per-cell value at a cell centre (passed to the functor as auxL/auxR), or null for zeros.</param>
    /// <returns>The result.</returns>
    TResult Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D;

    /// <summary>Runs with a 2D drift.</summary>
    /// <typeparam name="TDrift">The functor.</typeparam>
    /// <param name="drift">The functor.</param>
    /// <param name="aux">The per-cell value at a cell centre, or null for zeros.</param>
    /// <returns>The result.</returns>
    TResult Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D;

    /// <summary>Runs with a 1D drift and a position-dependent diffusion D(x, t) in one functor (the process's
    /// <see cref="Process.Diffusion"/> is then not used). Users that have no form for it refuse.</summary>
    /// <typeparam name="TDrift">The functor.</typeparam>
    /// <param name="drift">The functor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">This user does not handle a position-dependent diffusion.</exception>
    TResult Use1DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift1D, IPointDiffusion =>
        throw new ArgumentException($"a position-dependent diffusion D(x, t) is not supported here ({GetType().Name})", "process");

    /// <summary>2D form of <see cref="Use1DDiffusing"/>.</summary>
    /// <typeparam name="TDrift">The functor.</typeparam>
    /// <param name="drift">The functor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">This user does not handle a position-dependent diffusion.</exception>
    TResult Use2DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift2D, IPointDiffusion =>
        throw new ArgumentException($"a position-dependent diffusion D(x, y, t) is not supported here ({GetType().Name})", "process");
}
