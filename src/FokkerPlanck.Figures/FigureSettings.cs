namespace FokkerPlanck.Figures;

/// <summary>
/// Sizes of the runs behind the figures. <see cref="Full"/> makes the gallery (docs/figures); <see cref="Quick"/> the same
/// figures from small runs (tests, previews). Seeds are fixed: the same settings give the same figures.
/// </summary>
public sealed record FigureSettings
{
    /// <summary>Cells of the 1D grids.</summary>
    public int Cells1D { get; init; } = 1024;

    /// <summary>Cells per axis of the 2D grids.</summary>
    public int Cells2D { get; init; } = 160;

    /// <summary>
    /// Snapshots of the 1D runs on [0, 2] and of the funnel on [0, 1]. Particles driven by grid fields interpolate the
    /// score cubically in time between snapshots: too few snapshots give wrong particles (the funnel with 6 snapshots
    /// maps back to a visibly wrong shape; the validation case uses 81).
    /// </summary>
    public int Snapshots { get; init; } = 81;

    /// <summary>Particles per run (histograms, quantiles, scatter plots).</summary>
    public int Particles { get; init; } = 20_000;

    /// <summary>Time steps of the particle runs.</summary>
    public int Steps { get; init; } = 400;

    /// <summary>Paths drawn in the trajectory figures.</summary>
    public int Paths { get; init; } = 12;

    /// <summary>Particles of the error-budget ladders.</summary>
    public int BudgetParticles { get; init; } = 20_000;

    /// <summary>Step ladder of the error budget.</summary>
    public int[] BudgetSteps { get; init; } = [8, 16, 32, 64, 128, 256];

    /// <summary>Reference steps of the error budget (a multiple of every ladder entry).</summary>
    public int BudgetReference { get; init; } = 1024;

    /// <summary>Cell ladder of the error budget.</summary>
    public int[] BudgetCells { get; init; } = [256, 512, 1024, 2048];

    /// <summary>Grid solver tolerance replacing the scenarios' own (null: keep theirs).</summary>
    public double? Tolerance { get; init; }

    /// <summary>Spatial Richardson extrapolation (null: the scenarios' own setting).</summary>
    public bool? Extrapolate { get; init; }

    /// <summary>Cells of the error budget's own solve (null: the validation case's 3072) and its snapshots (null: 161).</summary>
    public int? BudgetCaseCells { get; init; }

    /// <summary>Snapshots of the error budget's own solve (null: the validation case's).</summary>
    public int? BudgetCaseSnapshots { get; init; }

    /// <summary>Base seed.</summary>
    public ulong Seed { get; init; } = 20261125;

    /// <summary>The gallery's settings.</summary>
    public static FigureSettings Full { get; } = new();

    /// <summary>Small runs: every figure in seconds.</summary>
    public static FigureSettings Quick { get; } = new()
    {
        Cells1D = 256, Cells2D = 64, Snapshots = 41, Particles = 2000, Steps = 120, Paths = 10,
        BudgetParticles = 2000, BudgetSteps = [4, 8, 16], BudgetReference = 64, BudgetCells = [64, 128, 256],
        Tolerance = 1e-5, Extrapolate = false, BudgetCaseCells = 768, BudgetCaseSnapshots = 41,
    };
}
