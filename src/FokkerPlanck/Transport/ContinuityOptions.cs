namespace FokkerPlanck.Transport;

/// <summary>Options of the continuity-equation solver.</summary>
public sealed record ContinuityOptions
{
    /// <summary>Fraction of the positivity bound dt ≤ ½ / Σ_d max|u_d|/h_d used as the step (checked at both ends of each step).</summary>
    public double Cfl { get; init; } = 0.9;

    /// <summary>Largest step allowed.</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Called after every snapshot and, between snapshots, at most every <see cref="Discretization.SolverProgress.ProgressInterval"/>.</summary>
    public IProgress<Discretization.SolverProgress>? Progress { get; init; }

    /// <summary>Stops the run between steps.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Cfl > 0 && Cfl <= 1)) throw new ArgumentOutOfRangeException(nameof(Cfl), Cfl, $"cfl must be in (0, 1] (got {Cfl})");
        if (!(MaxStep > 0)) throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, $"maxStep must be > 0 (got {MaxStep})");
    }
}
