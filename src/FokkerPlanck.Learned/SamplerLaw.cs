namespace FokkerPlanck.Learned;

/// <summary>The exact law p̂ of a learned sampler at t_min, computed on the grid, against the true marginal p.</summary>
/// <param name="Name">The sampler ("reverse SDE", "PF-ODE").</param>
/// <param name="Equation">The equation solved for its law.</param>
/// <param name="Density">p̂ as cell averages on the scenario's grid.</param>
/// <param name="KullbackLeibler">KL(p ‖ p̂) = Σ ΔV p ln(p / p̂) over the cells with p &gt; 0 (p̂ floored at the smallest
/// positive double).</param>
/// <param name="TotalVariation">½ Σ ΔV |p − p̂|.</param>
/// <param name="Wasserstein1">W1(p, p̂) = ∫ |F − F̂| dx (1D), else null.</param>
/// <param name="Mass">Σ ΔV p̂.</param>
/// <param name="ErrorEstimate">The grid's estimated L1 error of p̂ (companion grid), the floor under TV and KL that the
/// solve itself may contribute.</param>
/// <param name="Steps">Accepted time steps (all passes).</param>
public sealed record SamplerLaw(string Name, string Equation, double[] Density, double KullbackLeibler, double TotalVariation,
    double? Wasserstein1, double Mass, double ErrorEstimate, long Steps);
