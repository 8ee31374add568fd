using FokkerPlanck.Kernels;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Variance exploding: f = 0, g = sigma(t) sqrt(2 ln(sigmaMax/sigmaMin)), sigma(t) = sigmaMin (sigmaMax/sigmaMin)^t.</summary>
public sealed class VeProcess : LinearProcess<VeSchedule>
{
    /// <summary>Creates the process.</summary>
    /// <param name="sigmaMin">sigma(0) &gt; 0.</param>
    /// <param name="sigmaMax">sigma(1) &gt; sigmaMin.</param>
    public VeProcess(double sigmaMin = 0.01, double sigmaMax = 5.0) : base(VeSchedule.Checked(sigmaMin, sigmaMax)) { }

    /// <summary>sigma(0).</summary>
    public double SigmaMin => Schedule.SigmaMin;

    /// <summary>sigma(1).</summary>
    public double SigmaMax => Schedule.SigmaMax;

    /// <inheritdoc />
    public override string Kind => "ve";

    /// <summary>sigma(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>sigma(t).</returns>
    public double SigmaAt(double t) => Schedule.SigmaAt(t);
}

/// <summary>The formulas of <see cref="VeProcess"/>: a = 0, g = sigma(t) sqrt(2 ln(sigmaMax/sigmaMin)), m = 1,
/// v = sigma(t)² - sigmaMin².</summary>
public readonly struct VeSchedule : ILinearSchedule
{
    /// <summary>Creates the schedule (parameters unchecked: see <see cref="Checked"/>).</summary>
    /// <param name="sigmaMin">sigma(0).</param>
    /// <param name="sigmaMax">sigma(1).</param>
    public VeSchedule(double sigmaMin, double sigmaMax) { SigmaMin = sigmaMin; SigmaMax = sigmaMax; }

    /// <summary>Creates the schedule after checking 0 &lt; sigmaMin &lt; sigmaMax.</summary>
    /// <param name="sigmaMin">sigma(0) &gt; 0.</param>
    /// <param name="sigmaMax">sigma(1) &gt; sigmaMin.</param>
    /// <returns>The schedule.</returns>
    public static VeSchedule Checked(double sigmaMin, double sigmaMax)
    {
        Guard.Positive(sigmaMin, nameof(sigmaMin));
        Guard.Positive(sigmaMax, nameof(sigmaMax));
        if (!(sigmaMax > sigmaMin))
            throw new ArgumentOutOfRangeException(nameof(sigmaMax), sigmaMax, $"sigmaMax must be > sigmaMin = {Guard.Fmt(sigmaMin)} (got {Guard.Fmt(sigmaMax)})");
        return new VeSchedule(sigmaMin, sigmaMax);
    }

    /// <summary>sigma(0).</summary>
    public double SigmaMin { get; }

    /// <summary>sigma(1).</summary>
    public double SigmaMax { get; }

    /// <inheritdoc />
    public bool DriftIsConstant => true;

    /// <summary>sigma(t) = sigmaMin (sigmaMax/sigmaMin)^t.</summary>
    /// <param name="t">Time.</param>
    /// <returns>sigma(t).</returns>
    public double SigmaAt(double t) => SigmaMin * Math.Pow(SigmaMax / SigmaMin, t);

    /// <inheritdoc />
    public double A(double t) => 0.0;

    /// <inheritdoc />
    public double G(double t) => SigmaAt(t) * Math.Sqrt(2 * Math.Log(SigmaMax / SigmaMin));

    /// <inheritdoc />
    public double MeanFactor(double t) => 1.0;

    /// <inheritdoc />
    public double AddedVariance(double t)
    {
        double s = SigmaAt(t);
        return s * s - SigmaMin * SigmaMin;
    }
}
