using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>
/// The EDM process (Karras et al. 2022) with sigma(t) = t and no scaling: X_t = X_0 + t Z, so f = 0, g = sqrt(2 t)
/// (g² = d sigma²/dt), m = 1, v = t². Time is the noise level: a scenario runs over sigma in [time.start, time.end].
/// </summary>
public sealed class EdmProcess : LinearProcess<EdmSchedule>
{
    /// <summary>Creates the process.</summary>
    public EdmProcess() : base(default) { }

    /// <inheritdoc />
    public override string Kind => "edm";

    /// <inheritdoc />
    public override string? TimeRangeProblem(double start, double end) =>
        start < 0 ? $"the EDM process's time is its noise level sigma(t) = t ≥ 0 (got time.start = {start:R})" : base.TimeRangeProblem(start, end);
}

/// <summary>The formulas of <see cref="EdmProcess"/>: a = 0, g = sqrt(2 t), m = 1, v = t².</summary>
public readonly struct EdmSchedule : ILinearSchedule
{
    /// <inheritdoc />
    public bool DriftIsConstant => true;

    /// <inheritdoc />
    public double A(double t) => 0.0;

    /// <inheritdoc />
    public double G(double t) => Math.Sqrt(2 * t);

    /// <inheritdoc />
    public double MeanFactor(double t) => 1.0;

    /// <inheritdoc />
    public double AddedVariance(double t) => t * t;
}
