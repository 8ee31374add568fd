namespace FokkerPlanck.Particles;

/// <summary>How the PF-ODE log-likelihood integrates ∇·v.</summary>
public enum DivergenceEstimator
{
    /// <summary>The exact divergence of the field the particles follow (trace of its Jacobian).</summary>
    Exact,

    /// <summary>Hutchinson's εᵀ (∂v) ε with a Rademacher probe per particle and step (exact in 1D).</summary>
    HutchinsonRademacher,

    /// <summary>Hutchinson's estimator with a Gaussian probe.</summary>
    HutchinsonGaussian,
}
