using FokkerPlanck.Kernels;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Variance preserving: f = -½ beta(t) x, g = sqrt(beta(t)), beta(t) = betaMin + t (betaMax - betaMin).</summary>
public sealed class VpProcess : LinearProcess<VpSchedule>
{
    /// <summary>Creates the process.</summary>
    /// <param name="betaMin">beta(0) ≥ 0.</param>
    /// <param name="betaMax">beta(1) ≥ betaMin.</param>
    public VpProcess(double betaMin = 0.1, double betaMax = 20.0) : base(VpSchedule.Checked(betaMin, betaMax)) { }

    /// <summary>beta(0).</summary>
    public double BetaMin => Schedule.BetaMin;

    /// <summary>beta(1).</summary>
    public double BetaMax => Schedule.BetaMax;

    /// <inheritdoc />
    public override string Kind => "vp";

    /// <summary>beta(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>beta(t), clamped at 0.</returns>
    public double Beta(double t) => Schedule.Beta(t);
}

/// <summary>The formulas of <see cref="VpProcess"/>, with B(t) = ∫₀ᵗ beta = betaMin t + ½ (betaMax - betaMin) t²:
/// a = -½ beta(t), g = sqrt(beta(t)), m = e^{-B/2}, v = 1 - e^{-B}.</summary>
public readonly struct VpSchedule : ILinearSchedule
{
    /// <summary>Creates the schedule (parameters unchecked: see <see cref="Checked"/>).</summary>
    /// <param name="betaMin">beta(0).</param>
    /// <param name="betaMax">beta(1).</param>
    public VpSchedule(double betaMin, double betaMax) { BetaMin = betaMin; BetaMax = betaMax; }

    /// <summary>Creates the schedule after checking 0 ≤ betaMin ≤ betaMax.</summary>
    /// <param name="betaMin">beta(0) ≥ 0.</param>
    /// <param name="betaMax">beta(1) ≥ betaMin.</param>
    /// <returns>The schedule.</returns>
    public static VpSchedule Checked(double betaMin, double betaMax)
    {
        Guard.NonNegative(betaMin, nameof(betaMin));
        Guard.NonNegative(betaMax, nameof(betaMax));
        if (betaMax < betaMin)
            throw new ArgumentOutOfRangeException(nameof(betaMax), betaMax, $"betaMax must be ≥ betaMin = {Guard.Fmt(betaMin)} (got {Guard.Fmt(betaMax)})");
        return new VpSchedule(betaMin, betaMax);
    }

    /// <summary>beta(0).</summary>
    public double BetaMin { get; }

    /// <summary>beta(1).</summary>
    public double BetaMax { get; }

    /// <inheritdoc />
    public bool DriftIsConstant => BetaMax == BetaMin;

    /// <summary>beta(t), clamped at 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>beta(t).</returns>
    public double Beta(double t) => Math.Max(0.0, BetaMin + t * (BetaMax - BetaMin));

    /// <summary>B(t) = ∫₀ᵗ beta.</summary>
    /// <param name="t">Time.</param>
    /// <returns>B(t).</returns>
    public double Integral(double t) => BetaMin * t + 0.5 * (BetaMax - BetaMin) * t * t;

    /// <inheritdoc />
    public double A(double t) => -0.5 * BetaMin + -0.5 * (BetaMax - BetaMin) * t;

    /// <inheritdoc />
    public double G(double t) => Math.Sqrt(Beta(t));

    /// <inheritdoc />
    public double MeanFactor(double t) => Math.Exp(-0.5 * Integral(t));

    /// <inheritdoc />
    public double AddedVariance(double t) => -KernelMath.ExpM1(-Integral(t));
}
