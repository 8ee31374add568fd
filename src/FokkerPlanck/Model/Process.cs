using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Model;

/// <summary>
/// A forward process dX = f(X, t) dt + g(t) dW with isotropic noise (docs/conventions.md).
/// Host-side description: the kernels get the drift as a struct functor (<see cref="IFaceDrift1D"/>).
/// </summary>
public abstract class Process
{
    /// <summary>Scenario-file kind: ou, vp, ve or langevin.</summary>
    public abstract string Kind { get; }

    /// <summary>True for a process compiled from a scenario's expressions: a problem with its values is the expressions'
    /// (reported at the process), not the time range's.</summary>
    public virtual bool FromExpressions => false;

    /// <summary>True when neither the drift nor g depends on t (a steady state can exist).</summary>
    public virtual bool IsTimeHomogeneous => false;

    /// <summary>Noise amplitude g(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>g(t) ≥ 0.</returns>
    public abstract double G(double t);

    /// <summary>Diffusion coefficient D(t) = ½ g(t)².</summary>
    /// <param name="t">Time.</param>
    /// <returns>D(t).</returns>
    public double Diffusion(double t)
    {
        double g = G(t);
        return 0.5 * g * g;
    }

    /// <summary>Drift f(x, t) at a point of dimension 1 or 2.</summary>
    /// <param name="x">Position (length = dimension).</param>
    /// <param name="t">Time.</param>
    /// <param name="f">Receives the drift.</param>
    public abstract void Drift(ReadOnlySpan<double> x, double t, Span<double> f);

    /// <summary>
    /// Why the process cannot run over [start, end], or null: g(t) must be finite and ≥ 0 there, checked at both ends and
    /// 255 points between (a schedule that diverges inside the range says so more precisely by overriding this).
    /// </summary>
    /// <param name="start">First time.</param>
    /// <param name="end">Last time (&gt; start).</param>
    /// <returns>The reason, or null.</returns>
    public virtual string? TimeRangeProblem(double start, double end)
    {
        for (int k = 0; k <= 256; k++)
        {
            double t = k == 256 ? end : start + (end - start) * k / 256.0;
            if (Problem(t) is { } why) return $"process '{Kind}' cannot run over [{start:R}, {end:R}]: {why}";
        }
        return null;
    }

    /// <summary>
    /// Why the process cannot run on these grid points and times, or null (a process compiled from expressions checks its
    /// values there; the built-in ones have nothing to check).
    /// </summary>
    /// <param name="xs">The x coordinates (cell centres and faces).</param>
    /// <param name="ys">The y coordinates, or null in 1D.</param>
    /// <param name="times">The times.</param>
    /// <returns>The reason, or null.</returns>
    public virtual string? GridProblem(double[] xs, double[]? ys, double[] times) => null;

    /// <summary>What is wrong with the process at one time, or null (used by <see cref="TimeRangeProblem"/>).</summary>
    /// <param name="t">Time.</param>
    /// <returns>The reason, or null.</returns>
    protected virtual string? Problem(double t)
    {
        double g = G(t);
        return double.IsFinite(g) && g >= 0 ? null : $"g({t:R}) = {g:R}";
    }

    /// <summary>
    /// Hands the grid code this process's face-drift functor (the Fokker–Planck grid form). A process without one (the
    /// flow-matching path is a continuity equation) keeps this default, which refuses.
    /// </summary>
    /// <typeparam name="TResult">What the user returns.</typeparam>
    /// <param name="user">The solver or field builder.</param>
    /// <returns>The user's result.</returns>
    public virtual TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user) =>
        throw new ArgumentException($"process '{Kind}' has no Fokker–Planck grid form", "process");
}
