namespace FokkerPlanck.Particles;

/// <summary>Result of a particle run: positions at every snapshot (in the order simulated), recorded trajectories and
/// what the run cost.</summary>
public sealed class ParticleResult
{
    internal ParticleResult() { }

    /// <summary>1 or 2.</summary>
    public int Dimension { get; internal init; }

    /// <summary>Dynamics simulated.</summary>
    public required Dynamics Dynamics { get; init; }

    /// <summary>Integrator used.</summary>
    public Integrator Integrator { get; internal init; } = Integrator.Sra1;

    /// <summary>Fields used.</summary>
    public FieldKind Field { get; internal init; }

    /// <summary>Negative control applied (None for a real run).</summary>
    public NegativeControl Control { get; internal init; }

    /// <summary>Seed.</summary>
    public ulong Seed { get; internal init; }

    /// <summary>Steps taken (Dormand–Prince: intervals landed on).</summary>
    public int Steps { get; internal init; }

    /// <summary>Backend that ran the kernels.</summary>
    public string Backend { get; internal init; } = "";

    /// <summary>Process time t of each snapshot, in the order simulated (decreasing for reverse dynamics).</summary>
    public required double[] Times { get; init; }

    /// <summary>x-coordinates per snapshot: [snapshot][particle].</summary>
    public required double[][] X { get; init; }

    /// <summary>y-coordinates per snapshot (2D), else null.</summary>
    public double[][]? Y { get; internal init; }

    /// <summary>Process time of every recorded trajectory point (Steps + 1 values), in the order simulated.</summary>
    public double[] TrajectoryTimes { get; internal init; } = [];

    /// <summary>x of the recorded particles: [point][particle]; empty when none were recorded.</summary>
    public double[][] TrajectoryX { get; internal init; } = [];

    /// <summary>y of the recorded particles (2D), else null.</summary>
    public double[][]? TrajectoryY { get; internal init; }

    /// <summary>Per-particle change of log-density along the path, ∫ ∇·b dτ, when tracked; else null.</summary>
    public double[]? LogDensityChange { get; internal init; }

    /// <summary>Field evaluations over all particles.</summary>
    public long FieldEvaluations { get; internal init; }

    /// <summary>Bound on the error of interpolating the grid fields in time (<see cref="Fields.GridFields.TimeInterpolationError"/>),
    /// relative, max |Δ| / (1 + |F|); NaN for exact fields or when it cannot be estimated.</summary>
    public double FieldInterpolationError { get; internal init; } = double.NaN;

    /// <summary>Field evaluations that used the trust-region fallback (grid fields only).</summary>
    public long Fallbacks { get; internal init; }

    /// <summary>Particles whose final position is not finite (Dormand–Prince gave up, or the run blew up).</summary>
    public long NonFinite { get; internal init; }

    /// <summary>Warnings (particles outside the grid, non-finite positions, fallbacks).</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan WallTime { get; internal init; }

    /// <summary>Number of particles.</summary>
    public int Count => X[0].Length;
}
