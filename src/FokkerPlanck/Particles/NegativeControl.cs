namespace FokkerPlanck.Particles;

/// <summary>Deliberately wrong dynamics that statistical checks must reject (negative controls).</summary>
public enum NegativeControl
{
    /// <summary>The correct dynamics.</summary>
    None,

    /// <summary>The score enters with the wrong sign.</summary>
    FlipScoreSign,

    /// <summary>The score coefficient doubled: g² in place of ½ g² (for the PF-ODE: v = f - g² s).</summary>
    FullScoreFactor,

    /// <summary>Noise √λ g added without the drift correction ½ λ g² s (the PF drift with lambda noise).</summary>
    OmitLambdaCorrection,

    /// <summary>The process drift f enters with the wrong sign (for flow matching, where g = 0: the velocity reversed).</summary>
    FlipDriftSign,

    /// <summary>With a position-dependent diffusion: the Itô term ∇D left out of the drift (the PF velocity f − D s instead
    /// of f − D s − ∇D).</summary>
    OmitDiffusionGradient,
}
