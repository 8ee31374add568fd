using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>
/// The sub-VP SDE (Song et al. 2021): f = -½ beta(t) x, g = sqrt(beta(t) (1 - e^{-2 B(t)})), with the VP's linear
/// beta(t) = betaMin + t (betaMax - betaMin) and B(t) = ∫₀ᵗ beta. Same mean factor as VP, m = e^{-B/2}, and a smaller
/// variance v = (1 - e^{-B})² (v' - 2 a v = g² holds exactly).
/// </summary>
public sealed class SubVpProcess : LinearProcess<SubVpSchedule>
{
    /// <summary>Creates the process.</summary>
    /// <param name="betaMin">beta(0) ≥ 0.</param>
    /// <param name="betaMax">beta(1) ≥ betaMin.</param>
    public SubVpProcess(double betaMin = 0.1, double betaMax = 20.0) : base(new SubVpSchedule(VpSchedule.Checked(betaMin, betaMax))) { }

    /// <summary>beta(0).</summary>
    public double BetaMin => Schedule.Vp.BetaMin;

    /// <summary>beta(1).</summary>
    public double BetaMax => Schedule.Vp.BetaMax;

    /// <inheritdoc />
    public override string Kind => "sub-vp";
}

/// <summary>The formulas of <see cref="SubVpProcess"/>: the VP's drift and mean factor, g² = beta (1 - e^{-2B}),
/// v = (1 - e^{-B})².</summary>
public readonly struct SubVpSchedule : ILinearSchedule
{
    /// <summary>Creates the schedule on a VP schedule's beta(t).</summary>
    /// <param name="vp">The VP schedule whose beta(t) it uses.</param>
    public SubVpSchedule(VpSchedule vp) { Vp = vp; }

    /// <summary>The VP schedule whose beta(t) it uses.</summary>
    public VpSchedule Vp { get; }

    /// <inheritdoc />
    public bool DriftIsConstant => Vp.DriftIsConstant;

    /// <inheritdoc />
    public double A(double t) => Vp.A(t);

    /// <inheritdoc />
    public double G(double t) => Math.Sqrt(Vp.Beta(t) * -KernelMath.ExpM1(-2 * Vp.Integral(t)));

    /// <inheritdoc />
    public double MeanFactor(double t) => Vp.MeanFactor(t);

    /// <inheritdoc />
    public double AddedVariance(double t)
    {
        double u = -KernelMath.ExpM1(-Vp.Integral(t));
        return u * u;
    }
}
