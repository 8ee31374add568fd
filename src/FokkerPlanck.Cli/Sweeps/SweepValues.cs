using System.Globalization;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>The values of a parameter from its "values", "range" or "logRange" form, and their text forms.</summary>
internal static class SweepValues
{
    /// <summary>A number as text: integers without a decimal point, others in round-trip form.</summary>
    /// <param name="v">The number.</param>
    /// <returns>Invariant text.</returns>
    public static string Number(double v) =>
        v == Math.Round(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON number node's value, whatever .NET type it was made from.</summary>
    /// <param name="n">A number node.</param>
    /// <returns>The value.</returns>
    public static double Double(JsonNode n) => double.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Expands one parameter object of the sweep file.</summary>
    /// <param name="p">The parameter's JSON object (valid by the schema).</param>
    /// <returns>The values in order.</returns>
    public static List<JsonNode> Of(JsonObject p)
    {
        if (p["values"] is JsonArray list) return [.. list.Select(v => v!.DeepClone())];
        bool log = p["logRange"] is not null;
        var r = (p["range"] ?? p["logRange"])!.AsObject();
        double from = Double(r["from"]!), to = Double(r["to"]!);
        int count = (int)Double(r["count"]!);
        bool integer = p["integer"]?.GetValue<bool>() ?? false;
        var values = new List<JsonNode>(count);
        for (int k = 0; k < count; k++)
        {
            double f = count == 1 ? 0 : (double)k / (count - 1);
            double v = log ? Math.Exp(Math.Log(from) + f * (Math.Log(to) - Math.Log(from))) : from + f * (to - from);
            if (k == count - 1 && count > 1) v = to; // the end point exactly, not the rounding of the formula
            if (integer) v = Math.Round(v, MidpointRounding.AwayFromZero);
            values.Add(integer ? JsonValue.Create((long)v) : JsonValue.Create(v));
        }
        return values;
    }
}
