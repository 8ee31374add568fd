using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>A process with drift f = a(t) x, a(t) = A0 + A1 t, and Gaussian transitions X_t = m X_s + sqrt(v) Z.</summary>
public abstract class LinearProcess : Process
{
    /// <summary>Constant part of a(t).</summary>
    protected abstract double A0 { get; }

    /// <summary>Slope of a(t) in t.</summary>
    protected abstract double A1 { get; }

    /// <summary>The kernel functor of this drift.</summary>
    public LinearDrift FaceDrift => new(A0, A1);

    /// <inheritdoc />
    public override TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Dimension == 2 ? user.Use2D(FaceDrift, null) : user.Use1D(FaceDrift, null);
    }

    /// <summary>Mean factor m(t) of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>m(t).</returns>
    public abstract double MeanFactor(double t);

    /// <summary>Added variance v(t) of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>v(t).</returns>
    public abstract double AddedVariance(double t);

    /// <summary>Transition from s to t: X_t = m X_s + sqrt(v) Z, with m = m(t)/m(s) and v = v(t) - m² v(s).</summary>
    /// <param name="s">Start time.</param>
    /// <param name="t">End time (≥ s).</param>
    /// <returns>The pair (m, v).</returns>
    public (double M, double V) Transition(double s, double t)
    {
        double m = MeanFactor(t) / MeanFactor(s);
        return (m, Math.Max(0, AddedVariance(t) - m * m * AddedVariance(s)));
    }

    /// <inheritdoc />
    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f)
    {
        double a = A0 + A1 * t;
        for (int d = 0; d < x.Length; d++) f[d] = a * x[d];
    }
}

/// <summary>Ornstein–Uhlenbeck: f = -theta x, g = sigma; theta = 0 is free diffusion (Brownian motion, variance sigma² t
/// added). The built-in ou-gmm-1d uses theta = 1, sigma = √2 (stationary N(0, 1)).</summary>
public sealed class OuProcess : LinearProcess
{
    /// <summary>Creates the process.</summary>
    /// <param name="theta">Mean-reversion rate, ≥ 0 (0: free diffusion).</param>
    /// <param name="sigma">Noise amplitude, &gt; 0.</param>
    public OuProcess(double theta = 1.0, double sigma = 1.4142135623730951)
    {
        Theta = Guard.NonNegative(theta, nameof(theta));
        Sigma = Guard.Positive(sigma, nameof(sigma));
    }

    /// <summary>Mean-reversion rate.</summary>
    public double Theta { get; }

    /// <summary>Noise amplitude.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override string Kind => "ou";

    /// <inheritdoc />
    protected override double A0 => -Theta;

    /// <inheritdoc />
    protected override double A1 => 0;

    /// <inheritdoc />
    public override double G(double t) => Sigma;

    /// <inheritdoc />
    public override double MeanFactor(double t) => Math.Exp(-Theta * t);

    /// <inheritdoc />
    public override double AddedVariance(double t) => Kernels.Particles.LinearProcessKernel.OuAddedVariance(Theta, Sigma, t);
}

/// <summary>Variance preserving: f = -½ beta(t) x, g = sqrt(beta(t)), beta(t) = betaMin + t (betaMax - betaMin).</summary>
public sealed class VpProcess : LinearProcess
{
    /// <summary>Creates the process.</summary>
    /// <param name="betaMin">beta(0) ≥ 0.</param>
    /// <param name="betaMax">beta(1) ≥ betaMin.</param>
    public VpProcess(double betaMin = 0.1, double betaMax = 20.0)
    {
        BetaMin = Guard.NonNegative(betaMin, nameof(betaMin));
        BetaMax = Guard.NonNegative(betaMax, nameof(betaMax));
        if (betaMax < betaMin)
            throw new ArgumentOutOfRangeException(nameof(betaMax), betaMax, $"betaMax must be ≥ betaMin = {Guard.Fmt(betaMin)} (got {Guard.Fmt(betaMax)})");
    }

    /// <summary>beta(0).</summary>
    public double BetaMin { get; }

    /// <summary>beta(1).</summary>
    public double BetaMax { get; }

    /// <inheritdoc />
    public override string Kind => "vp";

    /// <inheritdoc />
    protected override double A0 => -0.5 * BetaMin;

    /// <inheritdoc />
    protected override double A1 => -0.5 * (BetaMax - BetaMin);

    /// <summary>beta(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>beta(t), clamped at 0.</returns>
    public double Beta(double t) => Math.Max(0, BetaMin + t * (BetaMax - BetaMin));

    /// <inheritdoc />
    public override double G(double t) => Math.Sqrt(Beta(t));

    /// <inheritdoc />
    public override double MeanFactor(double t) => Math.Exp(-0.5 * (BetaMin * t + 0.5 * (BetaMax - BetaMin) * t * t));

    /// <inheritdoc />
    public override double AddedVariance(double t) => -double.ExpM1(-(BetaMin * t + 0.5 * (BetaMax - BetaMin) * t * t));
}

/// <summary>Variance exploding: f = 0, g = sigma(t) sqrt(2 ln(sigmaMax/sigmaMin)), sigma(t) = sigmaMin (sigmaMax/sigmaMin)^t.</summary>
public sealed class VeProcess : LinearProcess
{
    /// <summary>Creates the process.</summary>
    /// <param name="sigmaMin">sigma(0) &gt; 0.</param>
    /// <param name="sigmaMax">sigma(1) &gt; sigmaMin.</param>
    public VeProcess(double sigmaMin = 0.01, double sigmaMax = 5.0)
    {
        SigmaMin = Guard.Positive(sigmaMin, nameof(sigmaMin));
        SigmaMax = Guard.Positive(sigmaMax, nameof(sigmaMax));
        if (!(sigmaMax > sigmaMin))
            throw new ArgumentOutOfRangeException(nameof(sigmaMax), sigmaMax, $"sigmaMax must be > sigmaMin = {Guard.Fmt(sigmaMin)} (got {Guard.Fmt(sigmaMax)})");
    }

    /// <summary>sigma(0).</summary>
    public double SigmaMin { get; }

    /// <summary>sigma(1).</summary>
    public double SigmaMax { get; }

    /// <inheritdoc />
    public override string Kind => "ve";

    /// <inheritdoc />
    protected override double A0 => 0;

    /// <inheritdoc />
    protected override double A1 => 0;

    /// <summary>sigma(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>sigma(t).</returns>
    public double SigmaAt(double t) => SigmaMin * Math.Pow(SigmaMax / SigmaMin, t);

    /// <inheritdoc />
    public override double G(double t) => SigmaAt(t) * Math.Sqrt(2 * Math.Log(SigmaMax / SigmaMin));

    /// <inheritdoc />
    public override double MeanFactor(double t) => 1.0;

    /// <inheritdoc />
    public override double AddedVariance(double t) => SigmaAt(t) * SigmaAt(t) - SigmaMin * SigmaMin;
}
