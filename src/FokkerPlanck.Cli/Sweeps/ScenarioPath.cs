using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// A scenario field by its path, "grid.cells[0]" or "process.theta": keys separated by dots, array elements by [i]. Every
/// object and element on the way must exist in the base scenario; the last key may be new (a field the base leaves at its
/// default, such as solver.tolerance).
/// </summary>
internal static partial class ScenarioPath
{
    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?<index>[0-9]+)\])*$")]
    private static partial Regex Segment();

    private static List<(string Key, int[] Indices)> Parts(string path) =>
        [.. path.Split('.').Select(s =>
        {
            var m = Segment().Match(s);
            // An index beyond int's range is no element of any array: int.MaxValue says so in the message.
            return (m.Groups["key"].Value, m.Groups["index"].Captures.Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : int.MaxValue).ToArray());
        })];

    /// <summary>Throws when the path does not lead into the base scenario.</summary>
    /// <param name="root">The base scenario.</param>
    /// <param name="path">The field's path.</param>
    /// <param name="source">Sweep file, for the message.</param>
    /// <param name="at">JSON path of the parameter in the sweep file.</param>
    public static void Check(JsonObject root, string path, string source, string at)
    {
        var copy = root.DeepClone().AsObject();
        if (Set(copy, path, JsonValue.Create(0)) is { } why) throw new SweepException(source, at, $"'{path}': {why}");
    }

    /// <summary>Sets the field to a value.</summary>
    /// <param name="root">The scenario (changed).</param>
    /// <param name="path">The field's path.</param>
    /// <param name="value">The value (cloned).</param>
    /// <returns>Null when set, else why not.</returns>
    public static string? Set(JsonObject root, string path, JsonNode value)
    {
        var parts = Parts(path);
        JsonNode node = root;
        string walked = "";
        for (int p = 0; p < parts.Count; p++)
        {
            var (key, indices) = parts[p];
            bool last = p == parts.Count - 1;
            if (node is not JsonObject obj) return $"{(walked.Length == 0 ? "the scenario" : walked)} is not an object";
            walked = walked.Length == 0 ? key : walked + "." + key;
            if (last && indices.Length == 0)
            {
                obj[key] = value.DeepClone();
                return null;
            }
            if (obj[key] is not { } child) return $"the scenario has no {walked}";
            node = child;
            for (int i = 0; i < indices.Length; i++)
            {
                if (node is not JsonArray arr) return $"{walked} is not an array";
                if (indices[i] >= arr.Count) return $"{walked} has {arr.Count} elements, no [{indices[i]}]";
                walked += $"[{indices[i]}]";
                if (last && i == indices.Length - 1)
                {
                    arr[indices[i]] = value.DeepClone();
                    return null;
                }
                node = arr[indices[i]]!;
            }
        }
        return null;
    }
}
