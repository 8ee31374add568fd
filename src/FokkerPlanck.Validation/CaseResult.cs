namespace FokkerPlanck.Validation;

/// <summary>The outcome of one validation case.</summary>
public sealed class CaseResult
{
    /// <summary>Case name.</summary>
    public required string Name { get; init; }

    /// <summary>Scenario JSON as run (after suite overrides).</summary>
    public required string ScenarioJson { get; init; }

    /// <summary>Report rows.</summary>
    public required IReadOnlyList<ValidationRow> Rows { get; init; }

    /// <summary>Seeds of the runs by label.</summary>
    public required IReadOnlyDictionary<string, ulong> Seeds { get; init; }

    /// <summary>Comparison times.</summary>
    public required double[] Times { get; init; }

    /// <summary>Grid densities at the comparison times (cell values).</summary>
    public required double[][] Densities { get; init; }

    /// <summary>Cell centres (x; and y in 2D).</summary>
    public required double[] CentersX { get; init; }

    /// <summary>Cell centres in y (2D) or null.</summary>
    public double[]? CentersY { get; init; }

    /// <summary>For each null dynamics: its samples at the comparison times (x), for figures; indexed like Times.</summary>
    public required IReadOnlyDictionary<string, double[]?[]> SamplesX { get; init; }

    /// <summary>As <see cref="SamplesX"/> for y (2D).</summary>
    public IReadOnlyDictionary<string, double[]?[]>? SamplesY { get; init; }

    /// <summary>Wall time of the case.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>True when no null test rejects, every control is rejected and every accuracy check holds.</summary>
    public bool Passed => Rows.All(r => r.Passed != false);
}
