namespace FokkerPlanck.Kernels;

/// <summary>The built-in flow-matching path (rectified flow, optimal-transport conditional path): α = t, σ = 1 − t, so
/// u = (E[Z | x] − x) / (1 − t), finite for t &lt; 1.</summary>
public readonly struct RectifiedFlowPath : IFlowPath
{
    /// <inheritdoc />
    public double Alpha(double t) => t;

    /// <inheritdoc />
    public double Sigma(double t) => 1 - t;

    /// <inheritdoc />
    public double Variance(double t) => (1 - t) * (1 - t);

    /// <inheritdoc />
    public double Velocity(double t, double x, double e) => (e - x) / (1 - t);

    /// <inheritdoc />
    public double Jacobian(double t, double dE, double identity) => (dE - identity) / (1 - t);
}
