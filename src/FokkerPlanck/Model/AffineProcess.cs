using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>
/// The linear process of an affine path X_t = alpha(t) X + sigma(t) Z given by the user's expressions for alpha and sigma
/// (or the variance sigma²): m(t) = alpha(t)/alpha(0), v(t) = sigma(t)² - m² sigma(0)², a = alpha'/alpha and
/// g² = v' - 2 a v = 2 sigma² (log(sigma/alpha))'. The schedule struct is compiled from the expressions (with exact
/// derivatives by dual numbers), so its formulas run in the kernels like a built-in schedule's.
/// </summary>
/// <typeparam name="TSchedule">The compiled schedule.</typeparam>
public sealed class AffineProcess<TSchedule> : LinearProcess<TSchedule> where TSchedule : struct, ILinearSchedule
{
    /// <summary>Creates the process.</summary>
    /// <param name="schedule">The compiled schedule.</param>
    /// <param name="alpha">The alpha expression, as written.</param>
    /// <param name="spread">The sigma or variance expression, as written.</param>
    /// <param name="spreadIsVariance">True when <paramref name="spread"/> is sigma².</param>
    public AffineProcess(TSchedule schedule, string alpha, string spread, bool spreadIsVariance) : base(schedule)
    {
        Alpha = alpha;
        Spread = spread;
        SpreadIsVariance = spreadIsVariance;
    }

    /// <summary>The alpha expression.</summary>
    public string Alpha { get; }

    /// <summary>The sigma (or variance) expression.</summary>
    public string Spread { get; }

    /// <summary>True when <see cref="Spread"/> is the variance sigma².</summary>
    public bool SpreadIsVariance { get; }

    /// <inheritdoc />
    public override string Kind => "affine";

    /// <inheritdoc />
    public override bool FromExpressions => true;

    /// <inheritdoc />
    /// <remarks>The user's expressions are checked at every time: m finite and &gt; 0, v finite and ≥ 0, g² ≥ 0.</remarks>
    protected override string? Problem(double t)
    {
        double m = MeanFactor(t), v = AddedVariance(t), g = G(t);
        if (!(double.IsFinite(m) && m > 0)) return $"mean factor m({t:R}) = alpha(t)/alpha(0) = {m:R}";
        if (!(double.IsFinite(v) && v >= 0)) return $"added variance v({t:R}) = {v:R}";
        if (double.IsNaN(g))
            return SpreadIsVariance || v > 0
                ? $"g(t)² = v' - 2 a v is negative at t = {t:R}: the path's sigma/alpha must not decrease"
                : $"g(t) is not defined at t = {t:R}, where sigma = 0 (sigma' is infinite there, as for sqrt): give variance (sigma²) instead of sigma";
        return base.Problem(t);
    }
}
