using System.Text.Json.Nodes;
using Json.Schema;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>The sweep format's JSON Schema (docs/sweep.schema.json, embedded), evaluated with JsonSchema.Net before the
/// sweep's own rules (equal zip lengths, known options and summary names), which a schema cannot state.</summary>
public static class SweepSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Text));

    /// <summary>The schema text as shipped.</summary>
    public static string Text
    {
        get
        {
            using var s = typeof(SweepSchema).Assembly.GetManifestResourceStream("FokkerPlanck.Cli.sweep.schema.json")!;
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
    }

    /// <summary>Evaluates a sweep document against the schema.</summary>
    /// <param name="document">The sweep's root node.</param>
    /// <returns>Violations as (JSON path, rule); empty when valid.</returns>
    public static IReadOnlyList<(string Path, string Rule)> Violations(JsonNode document)
    {
        var result = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var list = new List<(string, string)>();
        Walk(result, list);
        if (list.Count == 0 && !result.IsValid) list.Add(("$", "does not match the sweep schema"));
        return list;
    }

    // Only failing nodes are walked, so the branches of a oneOf that holds and an "if" that does not (it picks the "else")
    // report nothing. A failing oneOf names what each of its branches wanted.
    private static void Walk(EvaluationResults r, List<(string, string)> list)
    {
        if (r.IsValid) return;
        string evaluation = r.EvaluationPath.ToString();
        if (evaluation.EndsWith("/if", StringComparison.Ordinal)) return;
        string at = Scenarios.ScenarioSchema.ToJsonPath(r.InstanceLocation.ToString());
        if (r.Errors is not null)
            foreach (var (keyword, message) in r.Errors)
            {
                string rule = keyword.Length > 0 ? keyword : evaluation[(evaluation.LastIndexOf('/') + 1)..];
                string text = rule switch
                {
                    "additionalProperties" => Friendly("All values fail against the false schema"),
                    "oneOf" when r.Details is { Count: > 0 } => message + ": " + string.Join(" | ", r.Details.Where(d => !d.IsValid)
                        .SelectMany(d => d.Errors?.Values ?? (IEnumerable<string>)[]).Select(Friendly).Distinct()),
                    _ => Friendly(message),
                };
                list.Add((at, $"schema rule '{rule}': {text}"));
            }
        if (r.Details is null) return;
        foreach (var d in r.Details)
        {
            // The branches of a oneOf or anyOf are mistakes only when the keyword itself failed.
            var segments = d.EvaluationPath.ToString().Split('/');
            if (segments.Length >= 2 && segments[^2] is "oneOf" or "anyOf" && r.Errors?.ContainsKey(segments[^2]) != true) continue;
            Walk(d, list);
        }
    }

    private static string Friendly(string message) =>
        message.Contains("false schema", StringComparison.Ordinal) ? "unknown field (see docs/sweep.schema.json)" : message;
}
