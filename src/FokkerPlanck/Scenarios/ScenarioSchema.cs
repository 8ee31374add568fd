using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// The scenario format's JSON Schema (docs/scenario.schema.json, embedded), evaluated with JsonSchema.Net. The parser's
/// own checks come first (they give the more specific messages); the schema is then evaluated on every scenario the
/// parser accepted, so no file the schema forbids is ever run.
/// </summary>
public static class ScenarioSchema
{
    private static readonly object Gate = new();
    private static (int Process, int Density) _builtFor = (-1, -1);
    private static JsonSchema? _schema;

    // The shipped schema, extended with the rules of the kinds registered since (none unless a friend assembly adds some):
    // each such kind joins its object's "kind" enum and brings an if/then on its name.
    private static JsonSchema Schema
    {
        get
        {
            lock (Gate)
            {
                var version = (ProcessKinds.Registry.Version, DensityKinds.Registry.Version);
                if (_schema is null || version != _builtFor)
                {
                    var root = JsonNode.Parse(Text)!.AsObject();
                    Extend(root, "process", ProcessKinds.Registry.All.Select(k => (k.Kind, k.Schema)));
                    Extend(root, "density", DensityKinds.Registry.All.Select(k => (k.Kind, k.Schema)));
                    _schema = JsonSchema.FromText(root.ToJsonString());
                    _builtFor = version;
                }
                return _schema;
            }
        }
    }

    private static void Extend(JsonObject root, string def, IEnumerable<(string Kind, string? Schema)> kinds)
    {
        var node = root["$defs"]![def]!.AsObject();
        var names = node["properties"]!["kind"]!["enum"]!.AsArray();
        var rules = node["allOf"]!.AsArray();
        foreach (var (kind, schema) in kinds)
        {
            if (schema is null || names.Any(n => n!.GetValue<string>() == kind)) continue;
            names.Add(kind);
            rules.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = kind } } },
                ["then"] = JsonNode.Parse(schema),
            });
        }
    }

    /// <summary>Whether the shipped schema names a kind of an object ("process" or "density") in its enum.</summary>
    /// <param name="def">The object's definition name.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>True when the shipped schema has the kind (and so its rules).</returns>
    internal static bool Ships(string def, string kind) =>
        JsonNode.Parse(Text)!["$defs"]![def]!["properties"]!["kind"]!["enum"]!.AsArray().Any(n => n!.GetValue<string>() == kind);

    /// <summary>The schema text as shipped.</summary>
    public static string Text
    {
        get
        {
            using var s = typeof(ScenarioSchema).Assembly.GetManifestResourceStream("FokkerPlanck.scenario.schema.json")!;
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
    }

    /// <summary>Evaluates a JSON document against the schema.</summary>
    /// <param name="document">The scenario's root element.</param>
    /// <returns>Violations as (JSON path in $.a.b[1] form, rule); empty when valid.</returns>
    public static IReadOnlyList<(string Path, string Rule)> Violations(JsonElement document)
    {
        var result = Schema.Evaluate(ForDecimal(JsonNode.Parse(document.GetRawText(), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var list = new List<(string, string)>();
        foreach (var d in result.Details)
        {
            if (d.Errors is null) continue;
            foreach (var (keyword, message) in d.Errors)
                list.Add((ToJsonPath(d.InstanceLocation.ToString()), $"schema rule '{(keyword.Length > 0 ? keyword : d.EvaluationPath.ToString())}': {message}"));
        }
        if (list.Count == 0) list.Add(("$", "does not match the scenario schema"));
        return list;
    }

    /// <summary>
    /// JsonSchema.Net compares numbers as System.Decimal (magnitudes up to 7.9e28, 28 digits): 1e308 throws and 5e-324
    /// becomes 0. Magnitudes are therefore clamped into [1e-20, 1e20] (sign kept, 0 stays 0) before evaluation, which keeps
    /// every decision this schema makes: its bounds are 0, 1, 2, 3, 100000 and 2^31 - 1, and a clamped value is an integer
    /// exactly when the original is (1e20 is; 1e-20 and non-integers below 1e20 are not).
    /// </summary>
    private static JsonNode? ForDecimal(JsonNode? n)
    {
        switch (n)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = ForDecimal(o[key]?.DeepClone());
                return o;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) a[i] = ForDecimal(a[i]?.DeepClone());
                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
            {
                double d = v.GetValue<double>();
                double m = Math.Abs(d);
                if (m == 0 || (m >= 1e-20 && m <= 1e20)) return v;
                return JsonValue.Create(Math.CopySign(m > 1e20 ? 1e20 : 1e-20, d));
            }
            default:
                return n;
        }
    }

    /// <summary>Turns a JSON Pointer (/initial/covariances/1) into a JSON path ($.initial.covariances[1]).</summary>
    /// <param name="pointer">JSON Pointer.</param>
    /// <returns>JSON path.</returns>
    public static string ToJsonPath(string pointer)
    {
        var sb = new System.Text.StringBuilder("$");
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw.Replace("~1", "/").Replace("~0", "~");
            if (token.All(char.IsAsciiDigit)) sb.Append('[').Append(token).Append(']');
            else sb.Append('.').Append(token);
        }
        return sb.ToString();
    }
}
