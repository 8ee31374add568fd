using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Validation;

/// <summary>The outcome of a suite: per-case results, the error budget (full suite), and the writers of report.md
/// and report.json.</summary>
public sealed class ValidationReport
{
    /// <summary>Settings the suite ran with.</summary>
    public required ValidationSettings Settings { get; init; }

    /// <summary>Case results.</summary>
    public required IReadOnlyList<CaseResult> Cases { get; init; }

    /// <summary>The error budget, when run.</summary>
    public ErrorBudgetResult? Budget { get; init; }

    /// <summary>Figures written (paths relative to the report).</summary>
    public List<string> Figures { get; } = [];

    /// <summary>Tool version.</summary>
    public string Version { get; init; } = typeof(ValidationReport).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Total wall time.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>The command line that produced the report, quoted in it (null: not quoted).</summary>
    public string? Command { get; init; }

    /// <summary>True when every case passes.</summary>
    public bool Passed => Cases.All(c => c.Passed);

    private static string F(double v) => double.IsNaN(v) ? "NaN" : v.ToString(Math.Abs(v) is >= 1e-3 and < 1e4 || v == 0 ? "0.####" : "0.##E+0", CultureInfo.InvariantCulture);
    private static string F(double? v) => v is double d ? F(d) : "—";

    /// <summary>Text for a Markdown table cell: a pipe (as in "mean |z|") would end the cell, so it is escaped.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Writes report.md.</summary>
    /// <param name="path">File path.</param>
    public void WriteMarkdown(string path)
    {
        var sb = new StringBuilder();
        var s = Settings;
        sb.AppendLine($"# Validation report ({s.Suite} suite)");
        sb.AppendLine();
        sb.AppendLine($"Verdict: **{(Passed ? "PASS" : "FAIL")}** — {Cases.Count(c => c.Passed)} of {Cases.Count} cases pass. Tool {Version}, " +
            $"{Environment.ProcessorCount} cores, wall time {WallTime.TotalSeconds:F0} s.{(Command is null ? "" : $" Command: `{Command}`.")}");
        sb.AppendLine();
        sb.AppendLine($"Particles per run: {s.Particles1D} (1D), {s.Particles2D} (2D); SDEs by SRA1 with {s.SdeSteps} steps, the PF-ODE by RK4 with " +
            $"{s.OdeSteps} steps; grid fields (scores interpolated linearly in space, cubically in time). Each case's null tests form one family " +
            $"with Holm's step-down control at family-wise level {F(s.Alpha)}: a test passes when it is not rejected at its Holm level (threshold column). " +
            $"Negative controls pass when rejected: the smallest p of the control's tests times their number (Bonferroni) must be < {F(s.ControlLevel)}. " +
            $"Noise floor: the statistic's mean ± standard deviation over {s.FloorReplicates} samples of the same size drawn from the grid density " +
            "itself (its expected value under the null, by Monte Carlo; the floor's own standard error is sd / √" + s.FloorReplicates + "). Distances are reported beside their floors and do not enter the decision. Accuracy rows compare with a " +
            "tolerance.");
        sb.AppendLine();
        foreach (var c in Cases)
        {
            sb.AppendLine($"## {c.Name}: {(c.Passed ? "pass" : "FAIL")} ({c.WallTime.TotalSeconds:F0} s)");
            sb.AppendLine();
            int nt = c.Rows.Count(r => r.Kind == RowKind.Test), rej = c.Rows.Count(r => r.Kind == RowKind.Test && r.Passed == false);
            var ctl = c.Rows.Where(r => r.Kind == RowKind.Control && r.Passed is not null).ToArray();
            sb.AppendLine($"{nt} null tests, {rej} rejected; {ctl.Count(r => r.Passed == true)} of {ctl.Length} negative controls rejected; " +
                $"{c.Rows.Count(r => r.Kind == RowKind.Accuracy && r.Passed == true)} of {c.Rows.Count(r => r.Kind == RowKind.Accuracy)} accuracy checks hold.");
            sb.AppendLine();
            foreach (var fig in Figures.Where(f => Path.GetFileName(f).StartsWith(c.Name + "-", StringComparison.Ordinal)))
                sb.AppendLine($"![{c.Name}]({fig})");
            sb.AppendLine();
            sb.AppendLine("| case | dynamics | t | metric | value | noise floor | p | threshold | verdict |");
            sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in c.Rows)
                sb.AppendLine($"| {Cell(r.Case)} | {Cell(r.Dynamics)} | {F(r.Time)} | {Cell(r.Metric)} | {F(r.Value)} | {F(r.NoiseFloor)}{(r.NoiseSd is double sd ? " ± " + F(sd) : "")} | {F(r.P)} | " +
                    $"{(r.Threshold is null ? "—" : (r.Kind is RowKind.Test or RowKind.Control ? (r.Kind == RowKind.Test ? "p > " : "< ") : "≤ ") + F(r.Threshold))} | {r.Verdict} |");
            sb.AppendLine();
        }
        if (Budget is { } b) b.AppendMarkdown(sb, Figures);
        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>Writes report.json: the same rows, plus settings, seeds and versions.</summary>
    /// <param name="path">File path.</param>
    public void WriteJson(string path)
    {
        static JsonNode? N(double? v) => v is double d && double.IsFinite(d) ? JsonValue.Create(d) : v is double e ? JsonValue.Create(e.ToString(CultureInfo.InvariantCulture)) : null;
        var s = Settings;
        var root = new JsonObject
        {
            ["suite"] = s.Suite,
            ["passed"] = Passed,
            ["version"] = Version,
            ["dotnet"] = Environment.Version.ToString(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["cores"] = Environment.ProcessorCount,
            ["wallTimeSeconds"] = WallTime.TotalSeconds,
            ["settings"] = new JsonObject
            {
                ["particles1D"] = s.Particles1D, ["particles2D"] = s.Particles2D, ["mmdPoints"] = s.MmdPoints, ["floorReplicates"] = s.FloorReplicates,
                ["sdeSteps"] = s.SdeSteps, ["odeSteps"] = s.OdeSteps, ["mapPoints"] = s.MapPoints, ["alpha"] = s.Alpha, ["controlLevel"] = s.ControlLevel,
                ["baseSeed"] = s.Seed, ["inject"] = s.Inject.ToString(),
            },
            ["cases"] = new JsonArray(Cases.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["passed"] = c.Passed,
                ["wallTimeSeconds"] = c.WallTime.TotalSeconds,
                ["scenario"] = JsonNode.Parse(c.ScenarioJson),
                ["seeds"] = new JsonObject(c.Seeds.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
                ["rows"] = new JsonArray(c.Rows.Select(r => (JsonNode)new JsonObject
                {
                    ["case"] = r.Case, ["kind"] = r.Kind.ToString().ToLowerInvariant(), ["dynamics"] = r.Dynamics, ["time"] = r.Time, ["metric"] = r.Metric,
                    ["value"] = N(r.Value), ["noiseFloor"] = N(r.NoiseFloor), ["noiseSd"] = N(r.NoiseSd), ["p"] = N(r.P), ["threshold"] = N(r.Threshold), ["verdict"] = r.Verdict,
                }).ToArray()),
            }).ToArray()),
            ["figures"] = new JsonArray(Figures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        };
        if (Budget is { } b) root["errorBudget"] = b.ToJson();
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
