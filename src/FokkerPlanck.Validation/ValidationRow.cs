namespace FokkerPlanck.Validation;

/// <summary>What a row of the report is.</summary>
public enum RowKind
{
    /// <summary>A null test (correct dynamics against the grid): part of the case's Holm family; passes when not rejected.</summary>
    Test,

    /// <summary>A test of a negative control: the control passes when rejected.</summary>
    Control,

    /// <summary>A deterministic accuracy check (grid against exact, maps, likelihoods) against a tolerance.</summary>
    Accuracy,

    /// <summary>A distance reported beside its noise floor; not part of the decision.</summary>
    Distance,
}

/// <summary>One line of the validation report.</summary>
/// <param name="Case">Case name.</param>
/// <param name="Kind">Row kind.</param>
/// <param name="Dynamics">Dynamics (or the check, e.g. "grid vs exact").</param>
/// <param name="Time">Time of the comparison.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Value">Statistic or error.</param>
/// <param name="NoiseFloor">Expected value of the statistic under the null at this sample size (computed), if any.</param>
/// <param name="P">p-value, for tests.</param>
/// <param name="Threshold">The level or tolerance the row is judged against, if any.</param>
/// <param name="Passed">Verdict (null for distances, which are reported only).</param>
public sealed record ValidationRow(string Case, RowKind Kind, string Dynamics, double Time, string Metric, double Value, double? NoiseFloor,
    double? P, double? Threshold, bool? Passed)
{
    /// <summary>Standard deviation of the statistic under the null (same replicates as the floor), if any.</summary>
    public double? NoiseSd { get; init; }

    /// <summary>Verdict as printed.</summary>
    public string Verdict => Passed switch
    {
        null => "report",
        true => Kind == RowKind.Control ? "rejected (ok)" : "pass",
        false => Kind == RowKind.Control ? "NOT REJECTED" : "FAIL",
    };
}
