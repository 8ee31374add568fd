using FokkerPlanck.Particles;

namespace FokkerPlanck.Validation;

/// <summary>Sizes and levels of a validation suite. <see cref="Quick"/> runs in CI (≤ 3 minutes on 2 cores),
/// <see cref="Full"/> by hand (≤ 30 minutes).</summary>
public sealed record ValidationSettings
{
    /// <summary>Suite name (quick or full).</summary>
    public string Suite { get; init; } = "quick";

    /// <summary>Cases to run (names of files in validation/cases).</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];

    /// <summary>Particles per run in 1D.</summary>
    public int Particles1D { get; init; } = 10_000;

    /// <summary>Particles per run in 2D.</summary>
    public int Particles2D { get; init; } = 10_000;

    /// <summary>Points per sample of the MMD (an O(m²) statistic: a subsample of the particles).</summary>
    public int MmdPoints { get; init; } = 1000;

    /// <summary>Monte Carlo replicates of each statistic under the null (noise floors).</summary>
    public int FloorReplicates { get; init; } = 10;

    /// <summary>Steps of the SDE runs (SRA1, weak order 2).</summary>
    public int SdeSteps { get; init; } = 200;

    /// <summary>Steps of the PF-ODE runs (RK4).</summary>
    public int OdeSteps { get; init; } = 100;

    /// <summary>Points whose likelihood / Kim–Milman image is checked.</summary>
    public int MapPoints { get; init; } = 400;

    /// <summary>Cells per axis in 2D override (null: the case file's grid).</summary>
    public int? Cells2D { get; init; }

    /// <summary>Family-wise level of each case's null tests (Holm).</summary>
    public double Alpha { get; init; } = 1e-3;

    /// <summary>Level at which every negative control must be rejected (Bonferroni over its tests).</summary>
    public double ControlLevel { get; init; } = 1e-6;

    /// <summary>Run the error budget (vp-laplace-1d) too.</summary>
    public bool ErrorBudget { get; init; }

    /// <summary>Fault injection for the suite's own tests: the "correct" runs use this deliberately wrong variant,
    /// and the suite must then fail. Never set in normal use.</summary>
    public NegativeControl Inject { get; init; } = NegativeControl.None;

    /// <summary>Base seed; each run derives its own from it.</summary>
    public ulong Seed { get; init; } = 20261125;

    /// <summary>The quick suite: four cases at small sizes.</summary>
    public static ValidationSettings Quick { get; } = new()
    {
        Suite = "quick", Cases = ["ou-gmm-1d", "vp-laplace-1d", "fm-gmm-1d", "ou-gmm-2d"],
        Particles1D = 10_000, Particles2D = 10_000, MmdPoints = 800, FloorReplicates = 10, SdeSteps = 100, OdeSteps = 50, MapPoints = 200,
        Cells2D = 128,
    };

    /// <summary>The full suite: every case at research sizes, plus the error budget.</summary>
    public static ValidationSettings Full { get; } = new()
    {
        Suite = "full", Cases = [.. ValidationCases.Names],
        Particles1D = 100_000, Particles2D = 50_000, MmdPoints = 2000, FloorReplicates = 30, SdeSteps = 200, OdeSteps = 100, MapPoints = 1000,
        ErrorBudget = true,
    };

    /// <summary>Settings by suite name.</summary>
    /// <param name="name">quick or full.</param>
    /// <returns>Settings.</returns>
    public static ValidationSettings Named(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => throw new ArgumentException($"suite must be quick or full (got '{name}')", "suite"),
    };

    /// <summary>Checks the settings.</summary>
    public void Validate()
    {
        if (Cases.Count == 0) throw new ArgumentException("no cases to run");
        foreach (var c in Cases)
            if (!ValidationCases.Names.Contains(c)) throw new ArgumentException($"no validation case named '{c}' (known: {string.Join(", ", ValidationCases.Names)})");
        if (Particles1D < 1000 || Particles2D < 1000) throw new ArgumentException("need at least 1000 particles per run");
        if (FloorReplicates < 2) throw new ArgumentException("need at least 2 replicates for a noise floor");
        if (!(Alpha > 0 && Alpha < 1) || !(ControlLevel > 0 && ControlLevel < 1)) throw new ArgumentException("levels must lie in (0, 1)");
        if (SdeSteps < 4 || OdeSteps < 4) throw new ArgumentException("need at least 4 steps");
    }
}
