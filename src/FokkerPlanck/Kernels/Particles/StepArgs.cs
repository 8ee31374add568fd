namespace FokkerPlanck.Kernels.Particles;

/// <summary>Arguments of one integration step shared by all particles (plain values, ILGPU-compatible).</summary>
internal readonly struct StepArgs
{
    public const int NoLikelihood = 0, ExactDivergence = 1, HutchinsonRademacher = 2, HutchinsonGaussian = 3;

    /// <summary><see cref="Increments"/>: an ODE integrator (no noise drawn); ΔW only; ΔW and I₁₀ = ∫(W_s - W_t) ds.</summary>
    public const int NoIncrements = 0, WienerIncrements = 1, WienerAndTimeIntegral = 2;

    public StepArgs(double tau, double h, int step, ulong seed, int refine, int likelihood, double rtol, double atol, int maxSubsteps, int increments)
    {
        Tau = tau; H = h; Step = step; Seed = seed; Refine = refine; Likelihood = likelihood;
        Rtol = rtol; Atol = atol; MaxSubsteps = maxSubsteps; Increments = increments;
    }

    /// <summary>Clock time at the start of the step.</summary>
    public double Tau { get; }

    /// <summary>Step size (&gt; 0; the whole interval for Dormand–Prince).</summary>
    public double H { get; }

    /// <summary>Step index: the counter of the random numbers.</summary>
    public int Step { get; }

    /// <summary>Seed: the key of the random numbers.</summary>
    public ulong Seed { get; }

    /// <summary>Brownian refinement R: the increments of a step are summed from R finer ones (step index Step · R + j),
    /// so that runs with K and K·R steps see the same Brownian path.</summary>
    public int Refine { get; }

    /// <summary>Log-density tracking (constants above).</summary>
    public int Likelihood { get; }

    /// <summary>Dormand–Prince relative tolerance.</summary>
    public double Rtol { get; }

    /// <summary>Dormand–Prince absolute tolerance.</summary>
    public double Atol { get; }

    /// <summary>Dormand–Prince: most attempts per interval before giving up (the particle becomes NaN).</summary>
    public int MaxSubsteps { get; }

    /// <summary>Which Brownian increments the integrator reads: <see cref="NoIncrements"/> (an ODE-only integrator),
    /// <see cref="WienerIncrements"/> or <see cref="WienerAndTimeIntegral"/>.</summary>
    public int Increments { get; }

    /// <summary>Whether the integrator reads I₁₀ too (<see cref="WienerAndTimeIntegral"/>), so its second normals are drawn.</summary>
    public bool TimeIntegral => Increments == WienerAndTimeIntegral;
}
