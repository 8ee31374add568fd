using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// Strict reader over one JSON object: every read names its JSON path in errors, unknown fields are refused, and
/// each value read (defaults included) is copied into <see cref="Resolved"/>, the fully explicit scenario.
/// </summary>
internal sealed class JsonReader
{
    private readonly JsonElement _e;
    private readonly HashSet<string> _read = [];

    public JsonReader(string source, string path, JsonElement e, List<string>? notes = null)
    {
        Source = source; Path = path; _e = e; Notes = notes ?? [];
        if (e.ValueKind != JsonValueKind.Object) throw Error(path, $"must be an object (got {Kind(e)})");
        var seen = new HashSet<string>();
        foreach (var prop in e.EnumerateObject())
            if (!seen.Add(prop.Name)) throw Error(P(prop.Name), $"duplicate field '{prop.Name}'");
    }

    public string Source { get; }

    /// <summary>What the parser changed or decided that the user should hear (shared by the readers of one file).</summary>
    public List<string> Notes { get; }

    /// <summary>Records a note at a path of this file.</summary>
    public void Note(string path, string text) => Notes.Add($"{Source}: {path}: {text}");

    public string Path { get; }

    public JsonObject Resolved { get; } = new();

    public ScenarioException Error(string path, string rule, Exception? inner = null) => new(Source, path, rule, inner);

    public bool Has(string name) => _e.TryGetProperty(name, out _);

    public string String(string name, string? fallback = null)
    {
        var v = Get(name, fallback is null);
        string s = v is { } e ? (e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(P(name), $"must be a string (got {Kind(e)})")) : fallback!;
        Resolved[name] = s;
        return s;
    }

    public double Number(string name, double? fallback = null)
    {
        var v = Get(name, fallback is null);
        double d = v is { } e ? ToDouble(e, P(name)) : fallback!.Value;
        Resolved[name] = d;
        return d;
    }

    public double? OptionalNumber(string name)
    {
        if (Get(name, false) is not { } e) return null;
        if (e.ValueKind == JsonValueKind.Null) { _read.Add(name); return null; }
        double d = ToDouble(e, P(name));
        Resolved[name] = d;
        return d;
    }

    public bool Boolean(string name, bool fallback)
    {
        var v = Get(name, false);
        bool b = v is { } e ? (e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw Error(P(name), $"must be true or false (got {Kind(e)})")) : fallback;
        Resolved[name] = b;
        return b;
    }

    public int Integer(string name, int? fallback = null)
    {
        var v = Get(name, fallback is null);
        int i = v is { } e ? ToInt(e, P(name)) : fallback!.Value;
        Resolved[name] = i;
        return i;
    }

    /// <summary>The raw element of an optional field (marked as read), or null when absent.</summary>
    public JsonElement? Raw(string name) => Get(name, false);

    public JsonReader Object(string name)
    {
        var e = Get(name, true)!.Value;
        var r = new JsonReader(Source, P(name), e, Notes);
        return r;
    }

    public void Store(string name, JsonNode node) => Resolved[name] = node;

    public double[] Numbers(string name) => Array(name, (e, p) => ToDouble(e, p));

    public int[] Integers(string name) => Array(name, (e, p) => ToInt(e, p));

    public double[][] Vectors(string name) => Array(name, (e, p) => ArrayOf(e, p, (x, q) => ToDouble(x, q)));

    public double[][][] Matrices(string name) => Array(name, (e, p) => ArrayOf(e, p, (x, q) => ArrayOf(x, q, (y, r) => ToDouble(y, r))));

    /// <summary>Throws for any field that was never read.</summary>
    public void RejectUnknown(params string[] allowedButUnread)
    {
        foreach (var prop in _e.EnumerateObject())
        {
            if (!_read.Contains(prop.Name) && !allowedButUnread.Contains(prop.Name))
                throw Error(P(prop.Name), $"unknown field '{prop.Name}'");
        }
    }

    public string P(string name) => $"{Path}.{name}";

    /// <summary>A file named in the scenario: absolute as given, relative to the scenario file's folder (or to the current
    /// directory when the scenario is not a file).</summary>
    public string ResolvePath(string file)
    {
        if (System.IO.Path.IsPathRooted(file)) return file;
        string folder = File.Exists(Source) ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Source))! : Directory.GetCurrentDirectory();
        return System.IO.Path.Combine(folder, file);
    }

    private T[] Array<T>(string name, Func<JsonElement, string, T> item)
    {
        var e = Get(name, true)!.Value;
        var r = ArrayOf(e, P(name), item);
        Resolved[name] = JsonNode.Parse(e.GetRawText());
        return r;
    }

    private T[] ArrayOf<T>(JsonElement e, string path, Func<JsonElement, string, T> item)
    {
        if (e.ValueKind != JsonValueKind.Array) throw Error(path, $"must be an array (got {Kind(e)})");
        return e.EnumerateArray().Select((x, k) => item(x, $"{path}[{k}]")).ToArray();
    }

    private JsonElement? Get(string name, bool required)
    {
        if (_e.TryGetProperty(name, out var v))
        {
            _read.Add(name);
            return v;
        }
        if (required) throw Error(P(name), "required field is missing");
        return null;
    }

    public double ToDouble(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number) throw Error(path, $"must be a number (got {Kind(e)})");
        if (!e.TryGetDouble(out double d) || !double.IsFinite(d)) throw Error(path, $"must be a finite number (got {e.GetRawText()})");
        return d;
    }

    public int ToInt(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number) throw Error(path, $"must be an integer (got {Kind(e)})");
        if (e.TryGetInt32(out int i)) return i;
        // Any JSON form of a whole number (1e3, 64.0) is that number, as in the schema's "integer".
        if (!e.TryGetDouble(out double d) || !double.IsFinite(d) || d != Math.Floor(d)) throw Error(path, $"must be a whole number (got {e.GetRawText()})");
        if (d > int.MaxValue) throw Error(path, $"must be ≤ {int.MaxValue} (got {e.GetRawText()})");
        if (d < int.MinValue) throw Error(path, $"must be ≥ {int.MinValue} (got {e.GetRawText()})");
        return (int)d;
    }

    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => "number " + e.GetRawText(),
        JsonValueKind.String => "string \"" + e.GetString() + "\"",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
