namespace FokkerPlanck.Learned;

/// <summary>What a trained network's output is. Every one converts to the score s = ∇log p_t of a diffusion process
/// (see <see cref="LearnedScore"/>); x_t = α(t) x_0 + σ(t) ε is the process's affine form.</summary>
public enum Parametrisation
{
    /// <summary>The score s(x, t) itself.</summary>
    Score,

    /// <summary>Noise prediction ε(x, t): s = −ε / σ(t) (DDPM); needs σ(t) &gt; 0.</summary>
    Noise,

    /// <summary>Data prediction, the denoiser D(x, σ) = E[x_0 | x_t = x] (EDM): s = (α(t) D − x) / σ(t)²; needs σ(t) &gt; 0.</summary>
    Denoiser,

    /// <summary>Velocity v(x, t): for a diffusion process the probability-flow velocity f − D s (so s = (f − v) / D);
    /// for a flow-matching path the velocity itself.</summary>
    Velocity,
}
