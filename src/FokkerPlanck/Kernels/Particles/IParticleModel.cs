namespace FokkerPlanck.Kernels.Particles;

/// <summary>What the integrators see of a particle system (ILGPU-compatible struct functor), in the particle's own
/// clock τ: drift, its Jacobian, noise amplitude, dimension.</summary>
internal interface IParticleModel
{
    /// <summary>1 or 2.</summary>
    int Dims { get; }

    /// <summary>Drift at (x, y, τ); returns the trust weight of the field values used.</summary>
    double Drift(double x, double y, double tau, out double bx, out double by);

    /// <summary>Drift and its Jacobian; returns the trust weight.</summary>
    double DriftJacobian(double x, double y, double tau, out double bx, out double by, out double jxx, out double jxy, out double jyx, out double jyy);

    /// <summary>Noise amplitude at τ (0 for an ODE).</summary>
    double Noise(double tau);
}
