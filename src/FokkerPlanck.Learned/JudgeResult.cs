namespace FokkerPlanck.Learned;

/// <summary>What <see cref="ScoreJudge"/> measured.</summary>
/// <param name="Model">The model in words.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Times">Times of the score error, evenly spaced over [t_min, T].</param>
/// <param name="GSquared">g(t)² at those times.</param>
/// <param name="ScoreError">E_{p_t} |s_θ − ∇log p_t|² at those times (midpoint quadrature over the cells with the exact
/// cell averages and the exact score at the centres).</param>
/// <param name="ScoreNorm">E_{p_t} |∇log p_t|², the scale of the error.</param>
/// <param name="WeightedError">½ ∫ g² E|s_θ − ∇log p_t|² dt over [t_min, T] (Simpson): the Girsanov bound on
/// KL(p_{t_min} ‖ p̂_{t_min}) of the reverse SDE started from the exact p_T.</param>
/// <param name="TrueDensity">The true marginal at t_min (exact cell averages).</param>
/// <param name="ReverseSde">The law of the learned reverse SDE; null for a flow-matching path (no diffusion).</param>
/// <param name="ProbabilityFlow">The law of the learned PF-ODE.</param>
/// <param name="Particles">The particle checks (empty when skipped).</param>
/// <param name="Fwer">Family-wise error rate of the particle checks.</param>
/// <param name="Evaluations">Batched model evaluations.</param>
public sealed record JudgeResult(string Model, string Scenario, double[] Times, double[] GSquared, double[] ScoreError, double[] ScoreNorm,
    double WeightedError, double[] TrueDensity, SamplerLaw? ReverseSde, SamplerLaw ProbabilityFlow, IReadOnlyList<ParticleCheck> Particles, double Fwer,
    long Evaluations)
{
    /// <summary>For a velocity model, E_{p_t} |v_θ − v_t|² at <see cref="Times"/> with v_t = f − D ∇log p_t the exact
    /// marginal (PF) velocity: the excess flow-matching loss, the part of the loss the model can still remove; else null.</summary>
    public double[]? VelocityError { get; init; }

    /// <summary>The error density p_t |s_θ − ∇log p_t|² (a flow-matching velocity model: p_t |v_θ − u_t|²) per cell at some
    /// of <see cref="Times"/>: where the error of (a) comes from.</summary>
    public ErrorMap? ErrorMap { get; init; }

    /// <summary>Whether this judged a velocity model of a flow-matching path: then <see cref="ScoreError"/> holds E|v_θ − u_t|²,
    /// <see cref="ScoreNorm"/> E|u_t|², <see cref="WeightedError"/> ∫E|v_θ − u_t|²dt, the flow runs from time.start (noise) to
    /// <see cref="End"/> (towards the data), <see cref="ProbabilityFlow"/> is its law at the end and there is no reverse SDE.</summary>
    public bool FlowMatching { get; init; }

    /// <summary>The samplers' laws that were computed (the reverse SDE's, when there is one, then the flow's).</summary>
    public IReadOnlyList<SamplerLaw> Laws => ReverseSde is null ? [ProbabilityFlow] : [ReverseSde, ProbabilityFlow];

    /// <summary>t_min.</summary>
    public double TMin => Times[0];

    /// <summary>T.</summary>
    public double End => Times[^1];
}
