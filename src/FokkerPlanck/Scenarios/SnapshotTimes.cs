using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// The output times of a scenario, from <c>time.snapshots</c>: a count of equally spaced times, an explicit list, or a
/// geometric spacing toward one end (<c>{"count": N, "spacing": "geometric", "toward": "start", "smallest": d}</c>: the
/// offsets from that end are d, …, time.end − time.start in geometric progression, as numpy's geomspace, plus the end
/// itself). Output times are what the user wants to see; they do not set the time resolution of the fields that drive
/// particles (see <see cref="Fields.FieldTimeline"/>).
/// </summary>
internal static class SnapshotTimes
{
    /// <summary>Most output times a scenario may ask for.</summary>
    public const int MaxCount = 100000;

    /// <summary>Default number of equally spaced snapshots.</summary>
    public const int DefaultCount = 11;

    /// <summary>Equally spaced times including both ends (the end lands exactly on <paramref name="end"/>).</summary>
    public static double[] Uniform(double start, double end, int count) => Enumerable.Range(0, count)
        .Select(k => k == count - 1 ? end : start + (end - start) * k / (count - 1)).ToArray();

    /// <summary>Geometric offsets toward one end: the first interval next to that end is <paramref name="smallest"/>.</summary>
    public static double[] Geometric(double start, double end, int count, bool towardStart, double smallest)
    {
        double span = end - start;
        var off = new double[count];
        for (int k = 1; k < count; k++)
            off[k] = k == count - 1 ? span : smallest * Math.Pow(span / smallest, (k - 1.0) / (count - 2.0));
        var t = new double[count];
        for (int k = 0; k < count; k++)
            t[k] = towardStart ? (k == 0 ? start : k == count - 1 ? end : start + off[k])
                               : (k == 0 ? start : k == count - 1 ? end : end - off[count - 1 - k]);
        return t;
    }

    /// <summary>Reads <c>time.snapshots</c> (absent: <see cref="DefaultCount"/> equally spaced).</summary>
    /// <param name="ti">Reader over the time object.</param>
    /// <param name="start">time.start.</param>
    /// <param name="end">time.end (already checked &gt; start).</param>
    /// <returns>Strictly increasing times from start to end.</returns>
    public static double[] Read(JsonReader ti, double start, double end)
    {
        string path = ti.P("snapshots");
        var raw = ti.Raw("snapshots");
        if (raw is not { } e)
        {
            ti.Store("snapshots", DefaultCount);
            return Uniform(start, end, DefaultCount);
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
            {
                int n = ti.ToInt(e, path);
                CheckCount(ti, path, n, 2);
                ti.Store("snapshots", n);
                return Uniform(start, end, n);
            }
            case JsonValueKind.Array:
            {
                var list = e.EnumerateArray().Select((x, k) => ti.ToDouble(x, $"{path}[{k}]")).ToArray();
                CheckCount(ti, path, list.Length, 2);
                if (list[0] != start) throw ti.Error($"{path}[0]", $"the first snapshot must be time.start = {start:R} (got {list[0]:R})");
                if (list[^1] != end) throw ti.Error($"{path}[{list.Length - 1}]", $"the last snapshot must be time.end = {end:R} (got {list[^1]:R})");
                for (int k = 1; k < list.Length; k++)
                    if (!(list[k] > list[k - 1]))
                        throw ti.Error($"{path}[{k}]", $"snapshot times must increase strictly ({list[k]:R} after {list[k - 1]:R})");
                ti.Store("snapshots", JsonNode.Parse(e.GetRawText())!);
                return list;
            }
            case JsonValueKind.Object:
            {
                var o = new JsonReader(ti.Source, path, e);
                int n = o.Integer("count");
                CheckCount(o, o.P("count"), n, 3);
                string spacing = o.String("spacing");
                if (spacing != "geometric") throw o.Error(o.P("spacing"), $"must be \"geometric\" (got \"{spacing}\"; equal spacing is a plain count)");
                string toward = o.String("toward", "start");
                if (toward is not ("start" or "end")) throw o.Error(o.P("toward"), $"must be start or end (got \"{toward}\")");
                double smallest = o.Number("smallest");
                double span = end - start;
                if (!(smallest > 0) || !(smallest < span))
                    throw o.Error(o.P("smallest"), $"must be > 0 and < time.end - time.start = {span:R} (got {smallest:R})");
                o.RejectUnknown();
                var t = Geometric(start, end, n, toward == "start", smallest);
                for (int k = 1; k < t.Length; k++)
                    if (!(t[k] > t[k - 1]))
                        throw o.Error(o.P("smallest"), $"the geometric times do not increase in double precision at snapshot {k} ({t[k]:R}): use a larger smallest or fewer snapshots");
                ti.Store("snapshots", o.Resolved);
                return t;
            }
            default:
                throw ti.Error(path, $"must be a count, a list of times or a geometric spacing object (got {JsonReader.Kind(e)})");
        }
    }

    private static void CheckCount(JsonReader r, string path, int n, int min)
    {
        if (n < min) throw r.Error(path, $"must be ≥ {min} (got {n})");
        if (n > MaxCount) throw r.Error(path, $"must be ≤ {MaxCount} (got {n})");
    }
}
