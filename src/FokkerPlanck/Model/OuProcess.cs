using FokkerPlanck.Kernels;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Ornstein–Uhlenbeck: f = -theta x, g = sigma; theta = 0 is free diffusion (Brownian motion, variance sigma² t
/// added). The built-in ou-gmm-1d uses theta = 1, sigma = √2 (stationary N(0, 1)).</summary>
public sealed class OuProcess : LinearProcess<OuSchedule>
{
    /// <summary>Creates the process.</summary>
    /// <param name="theta">Mean-reversion rate, ≥ 0 (0: free diffusion).</param>
    /// <param name="sigma">Noise amplitude, &gt; 0.</param>
    public OuProcess(double theta = 1.0, double sigma = 1.4142135623730951)
        : base(new OuSchedule(Guard.NonNegative(theta, nameof(theta)), Guard.Positive(sigma, nameof(sigma)))) { }

    /// <summary>Mean-reversion rate.</summary>
    public double Theta => Schedule.Theta;

    /// <summary>Noise amplitude.</summary>
    public double Sigma => Schedule.Sigma;

    /// <inheritdoc />
    public override string Kind => "ou";

    /// <inheritdoc />
    public override bool IsTimeHomogeneous => true;
}

/// <summary>The formulas of <see cref="OuProcess"/>: a = -theta, g = sigma, m = e^{-theta t},
/// v = sigma² (1 - e^{-2 theta t}) / (2 theta), and its limit sigma² t at theta = 0.</summary>
public readonly struct OuSchedule : ILinearSchedule
{
    /// <summary>Creates the schedule (parameters unchecked: <see cref="OuProcess"/> checks them).</summary>
    /// <param name="theta">theta ≥ 0.</param>
    /// <param name="sigma">sigma &gt; 0.</param>
    public OuSchedule(double theta, double sigma) { Theta = theta; Sigma = sigma; }

    /// <summary>Mean-reversion rate.</summary>
    public double Theta { get; }

    /// <summary>Noise amplitude.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public bool DriftIsConstant => true;

    /// <inheritdoc />
    public double A(double t) => -Theta;

    /// <inheritdoc />
    public double G(double t) => Sigma;

    /// <inheritdoc />
    public double MeanFactor(double t) => Math.Exp(-Theta * t);

    /// <inheritdoc />
    public double AddedVariance(double t) =>
        Theta == 0 ? Sigma * Sigma * t : Sigma * Sigma / (2 * Theta) * -KernelMath.ExpM1(-2 * Theta * t);
}
