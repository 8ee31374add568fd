namespace FokkerPlanck.Numerics;

/// <summary>Why an evolution was stopped by <see cref="SolverFailureException"/>.</summary>
public enum FailureCause
{
    /// <summary>NaN or infinity in the state (a density value or a particle position).</summary>
    NonFinite = 0,

    /// <summary>The drift or diffusion rates are not finite on this grid (they overflow).</summary>
    NonFiniteRates = 1,

    /// <summary>The step size fell below a few ulps of the time: the run cannot make progress.</summary>
    StepCollapse = 2,

    /// <summary>The run needs more steps (accepted + rejected) than <see cref="FailureChecks.MaxSteps"/>.</summary>
    StepBudget = 3,

    /// <summary>The mass changed on a reflecting or periodic domain beyond <see cref="FailureChecks.MassDriftTolerance"/>.</summary>
    MassDrift = 4,

    /// <summary>A density value fell below -<see cref="FailureChecks.NegativeTolerance"/> × max p.</summary>
    NegativeDensity = 5,

    /// <summary>An accuracy target could not be met within the refinement or memory budget.</summary>
    TargetNotMet = 6,
}
