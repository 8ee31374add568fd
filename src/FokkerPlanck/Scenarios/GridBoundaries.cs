using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanck.Grids;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// Reads a scenario's <c>grid.boundary</c>: one kind for every edge (<c>"reflecting"</c>), one pair of sides for every
/// axis (<c>{"lower": "absorbing", "upper": "reflecting"}</c>), or one entry per axis, each a kind or a pair of sides
/// (<c>["periodic", {"lower": "reflecting", "upper": "absorbing"}]</c>). Periodic is a property of an axis: both of its
/// sides or neither. The resolved form is the single kind when all edges share it, else one entry per axis.
/// </summary>
internal static class GridBoundaries
{
    private const string Kinds = "reflecting, periodic or absorbing";

    /// <summary>The (lower, upper) boundary of each axis; stores the resolved form in the grid reader.</summary>
    /// <param name="g">The grid object's reader.</param>
    /// <param name="dim">Number of axes.</param>
    /// <returns>One pair per axis.</returns>
    public static (Boundary Lower, Boundary Upper)[] Read(JsonReader g, int dim)
    {
        string path = g.P("boundary");
        var result = new (Boundary Lower, Boundary Upper)[dim];
        if (g.Raw("boundary") is not { } e)
            Array.Fill(result, (Boundary.Reflecting, Boundary.Reflecting));
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int n = e.GetArrayLength();
            if (n != dim) throw g.Error(path, $"must have one entry per axis ({dim}) when it is an array (got {n})");
            int k = 0;
            foreach (var item in e.EnumerateArray()) { result[k] = Entry(g, item, $"{path}[{k}]"); k++; }
        }
        else Array.Fill(result, Entry(g, e, path));
        g.Store("boundary", Resolved(result));
        return result;
    }

    // One axis: a kind for both sides, or {"lower": kind, "upper": kind}.
    private static (Boundary, Boundary) Entry(JsonReader g, JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String) { var b = Kind(g, e, path); return (b, b); }
        if (e.ValueKind != JsonValueKind.Object)
            throw g.Error(path, $"must be {Kinds}, an object {{\"lower\": kind, \"upper\": kind}}, or an array with one of those per axis (got {JsonReader.Kind(e)})");
        foreach (var prop in e.EnumerateObject())
            if (prop.Name is not ("lower" or "upper")) throw g.Error($"{path}.{prop.Name}", $"unknown field '{prop.Name}' (a boundary object has lower and upper)");
        if (!e.TryGetProperty("lower", out var lo)) throw g.Error($"{path}.lower", "required field is missing");
        if (!e.TryGetProperty("upper", out var hi)) throw g.Error($"{path}.upper", "required field is missing");
        var (l, u) = (Kind(g, lo, $"{path}.lower"), Kind(g, hi, $"{path}.upper"));
        if ((l == Boundary.Periodic) != (u == Boundary.Periodic))
            throw g.Error(path, $"periodic applies to both sides of an axis (got lower {Grid1D.Name(l)}, upper {Grid1D.Name(u)}): write \"periodic\" for the axis");
        return (l, u);
    }

    private static Boundary Kind(JsonReader g, JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String) throw g.Error(path, $"must be {Kinds} (got {JsonReader.Kind(e)})");
        return e.GetString() switch
        {
            "reflecting" => Boundary.Reflecting,
            "periodic" => Boundary.Periodic,
            "absorbing" => Boundary.Absorbing,
            var s => throw g.Error(path, $"must be {Kinds} (got \"{s}\")"),
        };
    }

    private static JsonNode Resolved((Boundary Lower, Boundary Upper)[] axes)
    {
        var first = axes[0].Lower;
        if (axes.All(a => a.Lower == first && a.Upper == first)) return JsonValue.Create(Grid1D.Name(first));
        var arr = new JsonArray();
        foreach (var (lo, hi) in axes)
            arr.Add(lo == hi ? JsonValue.Create(Grid1D.Name(lo)) : new JsonObject { ["lower"] = Grid1D.Name(lo), ["upper"] = Grid1D.Name(hi) });
        return arr;
    }
}
