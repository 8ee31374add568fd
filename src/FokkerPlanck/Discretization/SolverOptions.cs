namespace FokkerPlanck.Discretization;

/// <summary>Options of the grid solver. Defaults are what the CLI uses.</summary>
public sealed record SolverOptions
{
    /// <summary>Time integrator.</summary>
    public TimeScheme Scheme { get; init; } = TimeScheme.Implicit;

    /// <summary>Implicit scheme: target for the accumulated time-discretisation error in L1 over the whole run.
    /// A step of size dt is accepted when its step-doubling (Richardson) error estimate is ≤ Tolerance · dt / (tEnd - tStart).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Fixed step size instead of automatic control (steps are shrunk uniformly so that snapshots land exactly).
    /// With the explicit scheme a step above the stability bound is refused.</summary>
    public double? FixedStep { get; init; }

    /// <summary>Explicit scheme: fraction of the positivity (stability) bound 1 / max outflow rate used as the step.</summary>
    public double Cfl { get; init; } = 0.9;

    /// <summary>Implicit scheme: number of initial steps done as two implicit-Euler half steps (Rannacher start), so that
    /// non-smooth initial data (Laplace kinks) does not ring.</summary>
    public int StartupSteps { get; init; } = 2;

    /// <summary>Spatial Richardson extrapolation: also solve on a grid with twice the cells per axis and return
    /// (4 R(p_fine) - p_coarse) / 3, R the exact restriction (average of 2 or 2×2 fine cells). Cancels the h² term of the
    /// Scharfetter–Gummel error (measured order ≈ 4 on smooth data) at 3× (1D) or 5× (2D) the cost; keeps mass exactly
    /// but not positivity (far-tail values can dip below zero by round-off-sized amounts). Needs the initial density as
    /// a function (the <see cref="FokkerPlanckSolver"/> overloads taking a density); ignored by the array overloads.</summary>
    public bool Extrapolate { get; init; } = true;

    /// <summary>Largest step allowed (either scheme).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Called after every snapshot and, between snapshots, at most every <see cref="SolverProgress.ProgressInterval"/> of wall time.</summary>
    public IProgress<SolverProgress>? Progress { get; init; }

    /// <summary>Stops the run between steps (throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"tolerance must be > 0 and finite (got {Tolerance})");
        if (FixedStep is double h && (!(h > 0) || !double.IsFinite(h)))
            throw new ArgumentOutOfRangeException(nameof(FixedStep), h, $"fixedStep must be > 0 and finite (got {h})");
        if (!(Cfl > 0) || !(Cfl <= 1))
            throw new ArgumentOutOfRangeException(nameof(Cfl), Cfl, $"cfl must be in (0, 1] (got {Cfl})");
        if (StartupSteps < 0) throw new ArgumentOutOfRangeException(nameof(StartupSteps), StartupSteps, $"startupSteps must be ≥ 0 (got {StartupSteps})");
        if (!(MaxStep > 0)) throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, $"maxStep must be > 0 (got {MaxStep})");
    }
}

/// <summary>Progress of a run, reported after each snapshot and periodically between snapshots.</summary>
/// <param name="Time">Simulated time reached.</param>
/// <param name="Snapshot">Index of the last snapshot stored.</param>
/// <param name="Snapshots">Total snapshots.</param>
/// <param name="Steps">Accepted steps so far (in this pass).</param>
/// <param name="Rejected">Rejected steps so far (in this pass).</param>
/// <param name="Pass">1, or 2 for the fine-grid pass of spatial Richardson extrapolation.</param>
/// <param name="Passes">1, or 2 when extrapolating.</param>
public sealed record SolverProgress(double Time, int Snapshot, int Snapshots, long Steps, long Rejected, int Pass = 1, int Passes = 1)
{
    /// <summary>Wall time between two reports inside a snapshot interval.</summary>
    public static TimeSpan ProgressInterval { get; } = TimeSpan.FromMilliseconds(200);
}
