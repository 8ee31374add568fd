namespace FokkerPlanck.Kernels;

/// <summary>The schedule that does nothing (a = 0, g = 0, m = 1, v = 0): a mixture read at its own time, e.g. the Langevin
/// target or the flow-matching data, whose score fields never move.</summary>
public readonly struct FrozenSchedule : ILinearSchedule
{
    /// <inheritdoc />
    public double A(double t) => 0.0;

    /// <inheritdoc />
    public double G(double t) => 0.0;

    /// <inheritdoc />
    public double MeanFactor(double t) => 1.0;

    /// <inheritdoc />
    public double AddedVariance(double t) => 0.0;

    /// <inheritdoc />
    public bool DriftIsConstant => true;
}
