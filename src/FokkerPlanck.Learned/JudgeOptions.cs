namespace FokkerPlanck.Learned;

/// <summary>Options of <see cref="ScoreJudge"/>.</summary>
public sealed record JudgeOptions
{
    /// <summary>The sampler's end time (the learned samplers run from time.end down to it), ≥ time.start; null: time.start.
    /// Noise and denoiser models need σ(t_min) &gt; 0.</summary>
    public double? TMin { get; init; }

    /// <summary>Number of times at which the score error is measured, evenly spaced over [t_min, time.end]; odd, ≥ 3
    /// (Simpson's rule integrates the weighted error over them).</summary>
    public int Times { get; init; } = 61;

    /// <summary>Time tolerance of the reverse-time Fokker–Planck solve (the solver's local error control).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Spatial Richardson extrapolation of the samplers' laws (as the solver's default), with a companion-grid
    /// estimate.</summary>
    public bool Extrapolate { get; init; } = true;

    /// <summary>Node intervals over [t_min, T] at which the samplers' solves evaluate the model, interpolating cubically
    /// in between (see <see cref="TimeInterpolatedField"/>); the interpolation error is O(Δt⁴).</summary>
    public int FieldIntervals { get; init; } = 512;

    /// <summary>RK4 steps over [t_min, T] of the 1D PF-ODE's characteristics (even, ≥ 4; half as many give the estimate).</summary>
    public int FlowSteps { get; init; } = 2000;

    /// <summary>Particles per particle check; 0 skips the particle checks.</summary>
    public int Particles { get; init; } = 20_000;

    /// <summary>Time steps of each particle run over [t_min, T].</summary>
    public int ParticleSteps { get; init; } = 400;

    /// <summary>Times (evenly spaced over [t_min, T]) at which the model is tabulated on the grid for the particles.</summary>
    public int ParticleFieldTimes { get; init; } = 201;

    /// <summary>Seed of the particle runs (each run adds its index).</summary>
    public ulong Seed { get; init; }

    /// <summary>Family-wise error rate of all particle checks of a run together (Bonferroni).</summary>
    public double Fwer { get; init; } = 1e-3;

    /// <summary>Receives progress lines, or null.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Cancels the run.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Times < 3 || Times % 2 == 0) throw new ArgumentOutOfRangeException(nameof(Times), Times, $"times must be odd and ≥ 3 (got {Times})");
        if (Particles < 0) throw new ArgumentOutOfRangeException(nameof(Particles), Particles, $"particles must be ≥ 0 (got {Particles})");
        if (ParticleSteps < 1) throw new ArgumentOutOfRangeException(nameof(ParticleSteps), ParticleSteps, $"particle steps must be ≥ 1 (got {ParticleSteps})");
        if (ParticleFieldTimes < 2) throw new ArgumentOutOfRangeException(nameof(ParticleFieldTimes), ParticleFieldTimes, $"particle field times must be ≥ 2 (got {ParticleFieldTimes})");
        if (!(Fwer > 0 && Fwer < 1)) throw new ArgumentOutOfRangeException(nameof(Fwer), Fwer, $"the FWER must lie in (0, 1) (got {Fwer})");
        if (FlowSteps < 4 || FlowSteps % 2 != 0) throw new ArgumentOutOfRangeException(nameof(FlowSteps), FlowSteps, $"flow steps must be even and ≥ 4 (got {FlowSteps})");
        if (FieldIntervals < 3) throw new ArgumentOutOfRangeException(nameof(FieldIntervals), FieldIntervals, $"field intervals must be ≥ 3 (got {FieldIntervals})");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"tolerance must be > 0 (got {Tolerance})");
        if (TMin is { } t && !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(TMin), t, "t-min must be finite");
    }
}
