namespace FokkerPlanck.Learned;

/// <summary>What a network's time input is, as a function of the process time t.</summary>
public enum TimeConvention
{
    /// <summary>The process time t.</summary>
    Time,

    /// <summary>The noise level σ(t) of the affine form x_t = α(t) x_0 + σ(t) ε (EDM's σ).</summary>
    Sigma,

    /// <summary>log σ(t) (EDM's c_noise up to the factor ¼, which a network can fold in).</summary>
    LogSigma,
}
