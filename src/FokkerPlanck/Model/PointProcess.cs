using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Model;

/// <summary>A process given by a pointwise drift f(x, t) and noise g(t) (e.g. compiled from a scenario's expressions):
/// the grid evaluates the drift at face midpoints, the particle engine runs the functor itself.</summary>
public abstract class PointProcess : Process
{
    /// <summary>Hands the particle engine this process's functor.</summary>
    /// <typeparam name="TResult">What the user returns.</typeparam>
    /// <param name="user">The user.</param>
    /// <returns>The user's result.</returns>
    public abstract TResult UsePointProcess<TResult>(IPointProcessUser<TResult> user);

    /// <summary>The unnormalised stationary density e^{−(U − shift)/T} when the process is a time-independent potential at a
    /// constant temperature T &gt; 0, else null. Pass the smallest U over the domain as the shift to keep the weights in
    /// range.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y (0 in 1D).</param>
    /// <param name="shift">Subtracted from U.</param>
    /// <returns>The Gibbs weight, or null.</returns>
    public abstract double? GibbsWeight(double x, double y, double shift = 0);

    /// <summary>U(x, y) of a time-independent potential, else null.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y (0 in 1D).</param>
    /// <returns>U, or null.</returns>
    public abstract double? PotentialAt(double x, double y);

    /// <summary>True when the noise is a position-dependent diffusion D(x, t) (particles: Euler–Maruyama only).</summary>
    public abstract bool PositionDependentDiffusion { get; }
}

/// <summary>
/// The drift and noise of a scenario's <c>sde</c> process, compiled from its expressions into <typeparamref name="TProcess"/>
/// (which is also its own face drift: f at the face midpoint, second order as for the built-in drifts, and autonomous
/// when no drift expression uses t). The noise is g(t), or a position-dependent diffusion D(x, t) (Itô,
/// dX = f dt + sqrt(2 D) dW): the grid then uses the diffusing face rates, <see cref="G"/> is NaN, and particles run by
/// Euler–Maruyama with the Itô drift correction (see the particle model).
/// </summary>
/// <typeparam name="TProcess">The compiled functor.</typeparam>
public sealed class SdeProcess<TProcess> : PointProcess where TProcess : struct, IPointProcess, IFaceDrift1D, IFaceDrift2D, IPointDiffusion
{
    private readonly TProcess _p;

    /// <summary>Creates the process.</summary>
    /// <param name="process">The compiled functor.</param>
    /// <param name="dimension">1 or 2: the dimension its drift was written for.</param>
    /// <param name="drift">The drift expressions, as written (one per component).</param>
    /// <param name="g">The g(t) expression, as written.</param>
    /// <param name="timeHomogeneous">True when neither the drift nor g (or D) uses t.</param>
    /// <param name="diffusion">The D(x, t) expression, as written, or null when the noise is g(t).</param>
    /// <param name="potential">The U(x, t) expression when the process was given by a potential (drift −∇U), else null.</param>
    /// <param name="temperature">Its temperature T(t) expression (g = sqrt(2T)), else null.</param>
    public SdeProcess(TProcess process, int dimension, string[] drift, string? g, bool timeHomogeneous, string? diffusion,
        string? potential = null, string? temperature = null)
    {
        DiffusionText = diffusion;
        PotentialText = potential;
        TemperatureText = temperature;
        _u = potential is null ? null
            : typeof(TProcess).GetMethod("U", [typeof(double), typeof(double), typeof(double)])!.CreateDelegate<Func<double, double, double, double>>();
        IsTimeHomogeneous = timeHomogeneous;
        _p = process;
        Dimension = dimension;
        DriftText = drift;
        GText = g;
    }

    /// <summary>The dimension the drift was written for.</summary>
    public int Dimension { get; }

    /// <summary>The drift expressions.</summary>
    public IReadOnlyList<string> DriftText { get; }

    /// <summary>The g(t) expression (null with a position-dependent diffusion).</summary>
    public string? GText { get; }

    /// <summary>The D(x, t) expression, or null when the noise is g(t).</summary>
    public string? DiffusionText { get; }

    /// <summary>The potential U(x, t) when the process was given by one (drift −∇U, g = sqrt(2 T)), else null.</summary>
    public string? PotentialText { get; }

    /// <summary>The temperature T(t) of a potential, else null.</summary>
    public string? TemperatureText { get; }

    /// <inheritdoc />
    public override double? GibbsWeight(double x, double y, double shift = 0)
    {
        if (PotentialText is null || !IsTimeHomogeneous) return null;
        double temperature = _p.Diffusion(x, y, 0.0, out _, out _);
        return temperature > 0 ? Math.Exp(-(_u!(x, y, 0.0) - shift) / temperature) : null;
    }

    /// <inheritdoc />
    public override double? PotentialAt(double x, double y) => PotentialText is null || !IsTimeHomogeneous ? null : _u!(x, y, 0.0);

    // U(x, y, t): the compiled struct's static U (host only).
    private readonly Func<double, double, double, double>? _u;

    /// <summary>True when the noise is a position-dependent diffusion D(x, t).</summary>
    public override bool PositionDependentDiffusion => DiffusionText is not null;

    /// <inheritdoc />
    public override string Kind => "sde";

    /// <inheritdoc />
    public override bool FromExpressions => true;

    /// <inheritdoc />
    public override bool IsTimeHomogeneous { get; }

    /// <inheritdoc />
    public override double G(double t) => _p.G(t);

    /// <inheritdoc />
    /// <remarks>With a position-dependent diffusion nothing depends on t alone: its values are checked on the grid
    /// (<see cref="GridProblem"/>).</remarks>
    protected override string? Problem(double t)
    {
        if (PositionDependentDiffusion) return null;
        if (PotentialText is null) return base.Problem(t);
        double temperature = _p.Diffusion(0.0, 0.0, t, out _, out _);
        return double.IsFinite(temperature) && temperature >= 0 ? null : $"temperature T({t:R}) = {temperature:R} (it must be finite and ≥ 0)";
    }

    /// <inheritdoc />
    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f)
    {
        _p.Drift(x[0], x.Length > 1 ? x[1] : 0.0, t, out double fx, out double fy, out _, out _, out _, out _);
        f[0] = fx;
        if (f.Length > 1) f[1] = fy;
    }

    /// <inheritdoc />
    public override TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Dimension != Dimension) throw new ArgumentException($"the sde drift was written for {Dimension}D, the grid is {user.Dimension}D", "process");
        if (PositionDependentDiffusion) return user.Dimension == 2 ? user.Use2DDiffusing(_p) : user.Use1DDiffusing(_p);
        return user.Dimension == 2 ? user.Use2D(_p, null) : user.Use1D(_p, null);
    }

    /// <inheritdoc />
    public override TResult UsePointProcess<TResult>(IPointProcessUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return PositionDependentDiffusion ? user.UseDiffusing(_p) : user.Use(_p);
    }

    /// <inheritdoc />
    public override string? GridProblem(double[] xs, double[]? ys, double[] times)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(times);
        foreach (double t in times)
        {
            double g = _p.G(t);
            if (!PositionDependentDiffusion && !(double.IsFinite(g) && g >= 0)) return $"g({t:R}) = {g:R}";
            foreach (double x in xs)
                foreach (double y in ys ?? [0.0])
                {
                    if (PositionDependentDiffusion)
                    {
                        double d = _p.Diffusion(x, y, t, out double ddx, out double ddy);
                        if (!(double.IsFinite(d) && d > 0 && double.IsFinite(ddx) && double.IsFinite(ddy)))
                            return (ys is null ? $"diffusion D(x = {x:R}, t = {t:R}) = {d:R}" : $"diffusion D(x = {x:R}, y = {y:R}, t = {t:R}) = {d:R}") +
                                (double.IsFinite(d) && d > 0 ? $" with a gradient that is not finite ({ddx:R}, {ddy:R})" : " (it must be > 0)");
                    }
                    _p.Drift(x, y, t, out double fx, out double fy, out _, out _, out _, out _);
                    if (!double.IsFinite(fx) || !double.IsFinite(fy))
                        return ys is null ? $"drift f(x = {x:R}, t = {t:R}) = {fx:R}" : $"drift f(x = {x:R}, y = {y:R}, t = {t:R}) = ({fx:R}, {fy:R})";
                }
        }
        return null;
    }
}
