using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// One point of a sweep: its parameter values, the scenario it runs (written as scenario.json in its folder) and the exact
/// command line, relative to its folder (scenario.json, --out out), with every setting that changes the result written out:
/// --backend, --threads and --seed, and --reproducible so that the files carry no wall time. Rerunning the command in the
/// folder gives the same bytes.
/// </summary>
/// <param name="Index">Position in the sweep (row-major over the axes, the last fastest).</param>
/// <param name="Values">The value of every parameter, axis by axis.</param>
/// <param name="Args">The command line after the tool's name.</param>
/// <param name="ScenarioJson">The point's scenario, or null (validate).</param>
/// <param name="Threads">Threads the command uses.</param>
/// <param name="MemoryBytes">Estimated peak memory of the run (the tool's estimate plus the runtime's share).</param>
public sealed record SweepPoint(int Index, IReadOnlyList<(SweepParameter Parameter, JsonNode Value)> Values, IReadOnlyList<string> Args,
    string? ScenarioJson, int Threads, long MemoryBytes)
{
    /// <summary>The scenario's file name in the point's folder.</summary>
    public const string ScenarioFile = "scenario.json";

    /// <summary>The output folder's name in the point's folder.</summary>
    public const string OutFolder = "out";

    /// <summary>Memory of the .NET runtime and the tool's code, added to every estimate.</summary>
    public const long RuntimeBytes = 200L << 20;

    /// <summary>"cells=256, steps=100".</summary>
    public string Label => string.Join(", ", Values.Select(v => $"{v.Parameter.Name}={SweepParameter.Text(v.Value)}"));

    /// <summary>The plain command line, to run from the point's folder.</summary>
    public string CommandLine => "fokker-planck " + string.Join(' ', Args.Select(Quote));

    /// <summary>Builds every point of a sweep.</summary>
    /// <param name="d">The sweep.</param>
    /// <returns>The points in index order.</returns>
    public static List<SweepPoint> All(SweepDefinition d)
    {
        var points = new List<SweepPoint>(d.Count);
        var lengths = d.Axes.Select(a => a.Length).ToArray();
        for (int index = 0; index < d.Count; index++)
        {
            var values = new List<(SweepParameter, JsonNode)>();
            var at = Position(index, lengths);
            for (int a = 0; a < lengths.Length; a++)
                foreach (var p in d.Axes[a].Parameters) values.Add((p, p.Values[at[a]]));
            points.Add(Build(d, index, values));
        }
        return points;
    }

    /// <summary>Row-major position of a point on the axes (the last axis fastest).</summary>
    /// <param name="index">The point's index.</param>
    /// <param name="lengths">The axes' lengths.</param>
    /// <returns>One index per axis.</returns>
    public static int[] Position(int index, int[] lengths)
    {
        var at = new int[lengths.Length];
        for (int a = lengths.Length - 1; a >= 0; a--) { at[a] = index % lengths[a]; index /= lengths[a]; }
        return at;
    }

    private static SweepPoint Build(SweepDefinition d, int index, List<(SweepParameter P, JsonNode V)> values)
    {
        string? scenarioJson = null;
        if (d.Scenario is { } baseScenario)
        {
            var sc = baseScenario.DeepClone().AsObject();
            foreach (var (p, v) in values.Where(x => x.P.Field is not null)) ScenarioPath.Set(sc, p.Field!, v);
            scenarioJson = sc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }
        // Fixed options in file order with swept values in their place, then the other swept options, then the defaults
        // that fix the result (unless given).
        var options = d.Options.Select(o => new KeyValuePair<string, JsonNode>(o.Key, o.Value)).ToList();
        foreach (var (p, v) in values.Where(x => x.P.Option is not null))
        {
            int k = options.FindIndex(o => o.Key == p.Option);
            if (k >= 0) options[k] = new(p.Option!, v); else options.Add(new(p.Option!, v));
        }
        void Default(string name, JsonNode value)
        {
            if (!options.Any(o => o.Key == name)) options.Add(new(name, value));
        }
        if (d.Command != "validate") { Default("--backend", "managed"); Default("--threads", 1); }
        if (d.Command is "simulate" or "judge") Default("--seed", 0);
        if (d.Command is "solve" or "simulate") Default("--reproducible", true);

        var args = new List<string> { d.Command };
        if (scenarioJson is not null) args.Add(ScenarioFile);
        foreach (var (name, value) in options)
        {
            if (value.GetValueKind() == JsonValueKind.False) continue;
            args.Add(name);
            if (value.GetValueKind() != JsonValueKind.True) args.Add(SweepParameter.Text(value));
        }
        args.Add("--out"); args.Add(OutFolder);

        string? threadsText = Find(options, "--threads");
        int threads = threadsText is not null && int.TryParse(threadsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) && t > 0 ? t : 1;
        return new SweepPoint(index, values, args, scenarioJson, threads, Memory(d.Command, scenarioJson, options));
    }

    private static string? Find(List<KeyValuePair<string, JsonNode>> options, string name) =>
        options.FirstOrDefault(o => o.Key == name).Value is { } v ? SweepParameter.Text(v) : null;

    // The tool's own estimate where it has one (solve, simulate; a judgement solves about three times on the scenario's grid);
    // a point whose scenario does not parse gets the runtime's share only (it stops at once with its error).
    private static long Memory(string command, string? scenarioJson, List<KeyValuePair<string, JsonNode>> options)
    {
        if (scenarioJson is null) return RuntimeBytes + (1L << 30);
        Scenario sc;
        try { sc = ScenarioParser.Parse(scenarioJson, "point"); }
        catch (ArgumentException) { return RuntimeBytes; }
        int Int(string name, int fallback) =>
            Find(options, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v <= int.MaxValue ? (int)v : fallback;
        long bytes = command switch
        {
            "solve" => MemoryEstimate.Solve(sc).Bytes,
            "simulate" => MemoryEstimate.Simulate(sc, Int("--particles", 10_000), Int("--steps", 200), Int("--trajectories", 0), Find(options, "--field") != "exact").Bytes,
            _ => 3 * MemoryEstimate.Solve(sc).Bytes,
        };
        return RuntimeBytes + bytes;
    }

    /// <summary>The point's record (point.json).</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (p, v) in Values) parameters[p.Name] = v.DeepClone();
        var o = new JsonObject
        {
            ["index"] = Index,
            ["parameters"] = parameters,
            ["args"] = new JsonArray([.. Args.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["threads"] = Threads,
            ["memoryBytes"] = MemoryBytes,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Reads the command line of a point.json.</summary>
    /// <param name="pointJson">The file's text.</param>
    /// <returns>The arguments.</returns>
    public static string[] ReadArgs(string pointJson)
    {
        var o = JsonNode.Parse(pointJson)!.AsObject();
        return [.. o["args"]!.AsArray().Select(a => a!.GetValue<string>())];
    }

    /// <summary>Quotes an argument for a POSIX shell when it needs it.</summary>
    /// <param name="s">The argument.</param>
    /// <returns>It, or it in single quotes.</returns>
    public static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
