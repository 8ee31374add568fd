namespace FokkerPlanck.Learned;

/// <summary>One particle check of the judge: the learned sampler simulated with particles, its end positions tested
/// against a reference law at t_min.</summary>
/// <param name="Sampler">"reverse SDE" or "PF-ODE".</param>
/// <param name="Integrator">The particle integrator.</param>
/// <param name="Particles">Number of particles.</param>
/// <param name="Steps">Time steps.</param>
/// <param name="Reference">"p" (the true marginal) or "p̂" (the sampler's exact law from the grid).</param>
/// <param name="Statistic">The test (KS in 1D; KS of each marginal in 2D, the smaller p-value kept).</param>
/// <param name="Distance">The KS distance (largest over the marginals in 2D).</param>
/// <param name="PValue">Its p-value (the smaller one in 2D, times 2 for the two marginals).</param>
/// <param name="Rejected">Whether the p-value is below the family's level (FWER over all checks of the run, Bonferroni).</param>
public sealed record ParticleCheck(string Sampler, string Integrator, int Particles, int Steps, string Reference, string Statistic,
    double Distance, double PValue, bool Rejected);
