namespace FokkerPlanck.Particles;

/// <summary>Options of a particle run. Defaults are what the CLI uses.</summary>
public sealed record ParticleOptions
{
    /// <summary>Which member of the lambda-family, in which direction (default: the reverse SDE).</summary>
    public Dynamics Dynamics { get; init; } = Dynamics.ReverseSde;

    /// <summary>Number of particles (default 10 000).</summary>
    public int Particles { get; init; } = 10_000;

    /// <summary>Number of steps from the first snapshot to the last, shared out over the snapshot intervals
    /// (Dormand–Prince: the intervals it lands on; it takes its own steps inside each). Default 200.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Seed of the counter-based random numbers, keyed by (seed, particle, step).</summary>
    public ulong Seed { get; init; }

    /// <summary>Integrator; null: SRA1 for an SDE, RK4 for the ODE.</summary>
    public Integrator? Integrator { get; init; }

    /// <summary>Grid or exact fields.</summary>
    public FieldKind Field { get; init; } = FieldKind.Grid;

    /// <summary>Number of particles (the first ones) whose every step is recorded.</summary>
    public int Trajectories { get; init; }

    /// <summary>Dormand–Prince relative tolerance.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Dormand–Prince absolute tolerance.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>Dormand–Prince: most step attempts per interval before a particle is given up (set to NaN).</summary>
    public int MaxSubsteps { get; init; } = 100_000;

    /// <summary>Deliberately wrong dynamics for negative controls.</summary>
    public NegativeControl Control { get; init; } = NegativeControl.None;

    /// <summary>Brownian refinement R ≥ 1: each step's increments are summed from R finer ones, so that a run with K steps
    /// and one with K·R steps (R = 1) follow the same Brownian path (coupled step ladders for weak-error studies).</summary>
    public int BrownianRefinement { get; init; } = 1;

    /// <summary>Called after every snapshot.</summary>
    public IProgress<ParticleProgress>? Progress { get; init; }

    /// <summary>Stops the run between steps (throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The integrator used.</summary>
    public Integrator EffectiveIntegrator => Integrator ?? Integrators.DefaultFor(Dynamics);

    /// <summary>Throws when an option is out of range or inconsistent.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Dynamics);
        Dynamics.Validate();
        if (Particles < 1) throw new ArgumentOutOfRangeException(nameof(Particles), Particles, $"particles must be ≥ 1 (got {Particles})");
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"steps must be ≥ 1 (got {Steps})");
        if (Trajectories < 0 || Trajectories > Particles)
            throw new ArgumentOutOfRangeException(nameof(Trajectories), Trajectories, $"trajectories must be in [0, particles = {Particles}] (got {Trajectories})");
        if (!(RelativeTolerance > 0) || !(AbsoluteTolerance > 0) || !double.IsFinite(RelativeTolerance) || !double.IsFinite(AbsoluteTolerance))
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), $"tolerances must be > 0 and finite (got rtol {RelativeTolerance}, atol {AbsoluteTolerance})");
        if (MaxSubsteps < 1) throw new ArgumentOutOfRangeException(nameof(MaxSubsteps), MaxSubsteps, "maxSubsteps must be ≥ 1");
        if (BrownianRefinement < 1) throw new ArgumentOutOfRangeException(nameof(BrownianRefinement), BrownianRefinement, "Brownian refinement must be ≥ 1");
        if ((long)Steps * BrownianRefinement >= int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"steps × refinement must stay below {int.MaxValue}");
        if (EffectiveIntegrator.OdeOnly && !Dynamics.IsOde)
            throw new ArgumentException($"integrator {EffectiveIntegrator.Name} is for the PF-ODE (lambda = 0); {Dynamics} has noise: use euler-maruyama or sra1");
    }
}

/// <summary>Progress of a particle run, after each snapshot and at most every <see cref="Discretization.SolverProgress.ProgressInterval"/> between.</summary>
/// <param name="Time">Process time reached.</param>
/// <param name="Snapshot">Index of the last snapshot stored (in the order simulated).</param>
/// <param name="Snapshots">Total snapshots.</param>
/// <param name="Steps">Steps done.</param>
/// <param name="TotalSteps">Steps in the run.</param>
public sealed record ParticleProgress(double Time, int Snapshot, int Snapshots, int Steps, int TotalSteps);
