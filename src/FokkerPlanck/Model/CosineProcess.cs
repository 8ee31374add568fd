using FokkerPlanck.Numerics;
using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>
/// The cosine schedule of improved DDPM (Nichol and Dhariwal 2021) as a variance-preserving SDE: alpha-bar(t) =
/// cos²φ(t) / cos²φ(0) with φ(t) = (t + s)/(1 + s) · π/2, so that m(t) = cos φ(t)/cos φ(0), v = 1 - m², and
/// beta(t) = -d log alpha-bar/dt = π tan φ(t)/(1 + s): f = -½ beta(t) x, g = sqrt(beta(t)). beta diverges at t = 1
/// (alpha-bar(1) = 0), so a scenario must end before t = 1.
/// </summary>
public sealed class CosineProcess : LinearProcess<CosineSchedule>
{
    /// <summary>Creates the process.</summary>
    /// <param name="s">Offset s ≥ 0 (0.008 in improved DDPM).</param>
    public CosineProcess(double s = 0.008) : base(new CosineSchedule(Guard.NonNegative(s, nameof(s)))) { }

    /// <summary>The offset s.</summary>
    public double S => Schedule.S;

    /// <inheritdoc />
    public override string Kind => "cosine";

    /// <inheritdoc />
    public override string? TimeRangeProblem(double start, double end) =>
        start < 0 ? $"the cosine schedule starts at t = 0 (got time.start = {start:R})"
        : end >= 1 ? $"the cosine schedule ends at t = 1, where alpha-bar = 0 and beta is infinite: time.end must be < 1 (got {end:R})"
        : base.TimeRangeProblem(start, end);
}

/// <summary>The formulas of <see cref="CosineProcess"/>, with c = π / (2 (1 + s)) = φ': a = -c tan φ(t),
/// g = sqrt(2 c tan φ(t)), m = cos φ(t)/cos φ(0), v = 1 - m² = sin(c t) sin(φ(t) + φ(0)) / cos²φ(0) (no cancellation
/// at small t).</summary>
public readonly struct CosineSchedule : ILinearSchedule
{
    /// <summary>Creates the schedule (s unchecked: <see cref="CosineProcess"/> checks it).</summary>
    /// <param name="s">Offset s ≥ 0.</param>
    public CosineSchedule(double s) { S = s; }

    /// <summary>The offset s.</summary>
    public double S { get; }

    /// <inheritdoc />
    public bool DriftIsConstant => false;

    /// <summary>φ'(t) = π / (2 (1 + s)).</summary>
    public double Rate => 0.5 * Math.PI / (1 + S);

    /// <summary>φ(t) = (t + s) · φ'.</summary>
    /// <param name="t">Time.</param>
    /// <returns>φ(t).</returns>
    public double Phase(double t) => (t + S) * Rate;

    /// <inheritdoc />
    public double A(double t) => -Rate * Math.Tan(Phase(t));

    /// <inheritdoc />
    public double G(double t) => Math.Sqrt(2 * Rate * Math.Tan(Phase(t)));

    /// <inheritdoc />
    public double MeanFactor(double t) => Math.Cos(Phase(t)) / Math.Cos(Phase(0));

    /// <inheritdoc />
    public double AddedVariance(double t)
    {
        double c0 = Math.Cos(Phase(0));
        return Math.Sin(Rate * t) * Math.Sin(Phase(t) + Phase(0)) / (c0 * c0);
    }
}
