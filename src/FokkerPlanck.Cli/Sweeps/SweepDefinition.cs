using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// A parsed sweep file: the command, the base scenario, the fixed options, the axes and the summary values to collect.
/// <see cref="ToJson"/> is the self-contained form written into the sweep directory (scenario inline, paths absolute),
/// from which <c>collect</c>, a resumed run and every Slurm task read the same definition.
/// </summary>
public sealed class SweepDefinition
{
    /// <summary>The commands a sweep can run.</summary>
    public static readonly string[] Commands = ["solve", "simulate", "judge", "validate"];

    /// <summary>Options whose values are paths, resolved against the sweep file's folder.</summary>
    private static readonly string[] PathOptions = ["--model", "--fields", "--start"];

    /// <summary>Options the sweep sets itself or that would make a point do nothing.</summary>
    private static readonly string[] Refused = ["--out", "--dry-run", "--help"];

    /// <summary>Columns of the collected table that are not parameters or values.</summary>
    private static readonly string[] Reserved = ["point", "state", "exitCode", "error"];

    /// <summary>Report name of the runner's own measurement (status.json), available for every command.</summary>
    public const string WallTime = "wallTime";

    /// <summary>Largest number of points a sweep may have.</summary>
    public const int MaxPoints = 100_000;

    private SweepDefinition(string name, string command, JsonObject? scenario, List<KeyValuePair<string, JsonNode>> options, List<SweepAxis> axes,
        List<string> report, JsonObject? slurm)
    {
        Name = name; Command = command; Scenario = scenario; Options = options; Axes = axes; Report = report; Slurm = slurm;
    }

    /// <summary>Name of the sweep.</summary>
    public string Name { get; }

    /// <summary>solve, simulate, judge or validate.</summary>
    public string Command { get; }

    /// <summary>The base scenario (null for validate).</summary>
    public JsonObject? Scenario { get; }

    /// <summary>Fixed options in file order (paths absolute).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Options { get; }

    /// <summary>The axes, crossed in this order (the last varies fastest).</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>Summary values to collect.</summary>
    public IReadOnlyList<string> Report { get; }

    /// <summary>The "slurm" settings, or null.</summary>
    public JsonObject? Slurm { get; }

    /// <summary>Every parameter, axis by axis.</summary>
    public IEnumerable<SweepParameter> Parameters => Axes.SelectMany(a => a.Parameters);

    /// <summary>Number of points: the product of the axes' lengths.</summary>
    public int Count => Axes.Aggregate(1, (n, a) => n * a.Length);

    /// <summary>Reads and checks a sweep file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The definition.</returns>
    public static SweepDefinition ParseFile(string path)
    {
        if (!File.Exists(path)) throw new SweepException(path, null, "no such sweep file");
        string defaultName = Path.GetFileNameWithoutExtension(path);
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!, defaultName);
    }

    /// <summary>Parses and checks a sweep document.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="baseDirectory">Folder that relative scenario and model paths start from.</param>
    /// <param name="defaultName">Name when the file gives none.</param>
    /// <returns>The definition.</returns>
    public static SweepDefinition Parse(string json, string source, string baseDirectory, string defaultName = "sweep")
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ReadOptions)
                   ?? throw new SweepException(source, "$", "the sweep is null");
        }
        catch (JsonException e) { throw new SweepException(source, null, $"not valid JSON: {e.Message}"); }
        if (root is not JsonObject o) throw new SweepException(source, "$", "a sweep is a JSON object");
        if (SweepSchema.Violations(o) is [var (vPath, vRule), ..]) throw new SweepException(source, vPath, vRule);

        string command = o["command"]!.GetValue<string>();
        string name = o["name"]?.GetValue<string>() ?? Sanitize(defaultName);
        var scenario = BaseScenario(o["scenario"], command, source, baseDirectory);
        var cmd = CliApp.CommandNamed(command);

        var options = new List<KeyValuePair<string, JsonNode>>();
        if (o["options"] is JsonObject given)
            foreach (var (key, value) in given)
            {
                CheckOption(cmd, key, source, $"$.options.{key}");
                options.Add(new(key, Resolve(key, value!.DeepClone(), baseDirectory)));
            }

        var axes = new List<SweepAxis>();
        var names = new HashSet<string>();
        var targets = new HashSet<string>();
        var vary = o["vary"]!.AsArray();
        for (int a = 0; a < vary.Count; a++)
        {
            var axisNode = vary[a]!.AsObject();
            bool zipped = axisNode["zip"] is not null;
            var members = zipped ? axisNode["zip"]!.AsArray().Select(n => n!.AsObject()).ToList() : [axisNode];
            var parameters = new List<SweepParameter>();
            for (int m = 0; m < members.Count; m++)
            {
                string at = zipped ? $"$.vary[{a}].zip[{m}]" : $"$.vary[{a}]";
                var p = members[m];
                string? field = p["field"]?.GetValue<string>(), option = p["option"]?.GetValue<string>();
                if (field is not null && scenario is null) throw new SweepException(source, at + ".field", $"'{command}' takes no scenario, so no scenario field can be swept");
                if (option is not null) CheckOption(cmd, option, source, at + ".option");
                var values = SweepValues.Of(p);
                if (values.FirstOrDefault(v => v.GetValueKind() == JsonValueKind.Number && !double.IsFinite(SweepValues.Double(v))) is { } inf)
                    throw new SweepException(source, at, $"a value is not a finite number ({inf.ToJsonString()})");
                if (option is not null)
                {
                    if (values.FirstOrDefault(v => v.GetValueKind() is JsonValueKind.Array or JsonValueKind.Object) is { } bad)
                        throw new SweepException(source, at + ".values", $"an option's values are numbers, strings or booleans (got {bad.ToJsonString()})");
                    values = [.. values.Select(v => Resolve(option, v, baseDirectory))];
                }
                if (field is not null) ScenarioPath.Check(scenario!, field, source, at + ".field");
                string pname = p["name"]?.GetValue<string>() ?? Sanitize((field ?? option!).TrimStart('-'));
                if (!names.Add(pname)) throw new SweepException(source, at, $"two parameters are named '{pname}': give one a \"name\"");
                if (!targets.Add(field ?? option!)) throw new SweepException(source, at, $"'{field ?? option}' is swept twice: zip the two lists into one");
                if (parameters.Count > 0 && values.Count != parameters[0].Values.Count)
                    throw new SweepException(source, at, $"zipped parameters need equal lengths: {parameters[0].Target} has {parameters[0].Values.Count} values, {field ?? option} {values.Count}");
                parameters.Add(new SweepParameter(pname, field, option, values));
            }
            // A value (a tuple of values, zipped) twice on one axis runs every point twice.
            var seen = new HashSet<string>();
            for (int k = 0; k < parameters[0].Values.Count; k++)
            {
                string key = string.Join(", ", parameters.Select(p => p.Values[k].ToJsonString()));
                if (!seen.Add(key))
                    throw new SweepException(source, $"$.vary[{a}]", $"the value {key} appears twice (after rounding, for \"integer\"): every point would run twice");
            }
            axes.Add(new SweepAxis(parameters));
        }
        long count = axes.Aggregate(1L, (n, x) => Math.Min(n * x.Length, MaxPoints + 1L));
        if (count > MaxPoints) throw new SweepException(source, "$.vary", $"{count} points: at most {MaxPoints} (split the sweep)");

        var known = RunSummary.Names[command].Select(n => n.Name).Append(WallTime).ToList();
        // By default every value the command reports, except those named like a parameter (the parameter is that column).
        var report = o["report"] is JsonArray r ? r.Select(n => n!.GetValue<string>()).ToList()
            : RunSummary.Names[command].Select(n => n.Name).Where(n => !names.Contains(n)).ToList();
        for (int k = 0; k < report.Count; k++)
        {
            if (!known.Contains(report[k]))
                throw new SweepException(source, $"$.report[{k}]", $"'{command}' reports no '{report[k]}': it reports {string.Join(", ", known)}");
            if (names.Contains(report[k]))
                throw new SweepException(source, $"$.report[{k}]", $"'{report[k]}' is also a parameter's name: rename the parameter with \"name\"");
        }
        foreach (var reserved in Reserved)
            if (names.Contains(reserved)) throw new SweepException(source, "$.vary", $"'{reserved}' is a column of the table: give that parameter another \"name\"");
        return new SweepDefinition(name, command, scenario, options, axes, report, o["slurm"]?.DeepClone().AsObject());
    }

    /// <summary>What fixes the points (name, command, scenario, options, axes): two sweeps with the same identity have the
    /// same points, whatever they report or how Slurm runs them, so one may resume the other.</summary>
    /// <returns>JSON text.</returns>
    public string Identity()
    {
        var o = JsonNode.Parse(ToJson())!.AsObject();
        o.Remove("report");
        o.Remove("slurm");
        return o.ToJsonString();
    }

    /// <summary>The self-contained form (scenario inline, paths absolute): parsing it again gives this definition.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        var o = new JsonObject { ["name"] = Name, ["command"] = Command };
        if (Scenario is not null) o["scenario"] = Scenario.DeepClone();
        var options = new JsonObject();
        foreach (var (k, v) in Options) options[k] = v.DeepClone();
        o["options"] = options;
        var vary = new JsonArray();
        foreach (var axis in Axes)
        {
            var members = axis.Parameters.Select(p =>
            {
                var n = new JsonObject();
                if (p.Field is not null) n["field"] = p.Field; else n["option"] = p.Option;
                n["name"] = p.Name;
                n["values"] = new JsonArray([.. p.Values.Select(v => v.DeepClone())]);
                return (JsonNode)n;
            }).ToArray();
            vary.Add(members.Length == 1 ? members[0] : new JsonObject { ["zip"] = new JsonArray(members) });
        }
        o["vary"] = vary;
        o["report"] = new JsonArray([.. Report.Select(r => (JsonNode)JsonValue.Create(r))]);
        if (Slurm is not null) o["slurm"] = Slurm.DeepClone();
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    // A built-in name, a file relative to the sweep file, or the scenario itself; checked by the scenario parser, so that
    // only the swept values can make a point's scenario invalid.
    private static JsonObject? BaseScenario(JsonNode? node, string command, string source, string baseDirectory)
    {
        if (command == "validate")
        {
            if (node is not null) throw new SweepException(source, "$.scenario", "validate runs its own cases: sweep --case with an option instead");
            return null;
        }
        if (node is null) throw new SweepException(source, "$", $"'{command}' needs a \"scenario\": a built-in name, a file or the scenario itself");
        string text, label, folder = baseDirectory;
        if (node is JsonObject inline) (text, label) = (inline.ToJsonString(), $"{source} ($.scenario)");
        else
        {
            string s = node.GetValue<string>();
            string file = Path.IsPathRooted(s) ? s : Path.Combine(baseDirectory, s);
            if (File.Exists(file)) (text, label, folder) = (File.ReadAllText(file), file, Path.GetDirectoryName(Path.GetFullPath(file))!);
            else if (BuiltInScenarios.Names.Contains(s)) (text, label) = (BuiltInScenarios.Json(s), s);
            else throw new SweepException(source, "$.scenario", $"'{s}' is no file (looked for {file}) and no built-in scenario ({string.Join(", ", BuiltInScenarios.Names)})");
        }
        var scenario = JsonNode.Parse(text, documentOptions: ReadOptions)!.AsObject();
        // Data files a scenario names ("file": "x.npy") are relative to its own folder; each point's copy lives elsewhere.
        AbsoluteFiles(scenario, folder);
        ScenarioParser.Parse(scenario.ToJsonString(), label); // a ScenarioException names the file, path and rule
        return scenario;
    }

    /// <summary>How sweep and scenario files are read: comments and trailing commas allowed.</summary>
    internal static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static void AbsoluteFiles(JsonNode? node, string folder)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                    if (key == "file" && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && !Path.IsPathRooted(v.GetValue<string>()))
                        o[key] = Path.GetFullPath(Path.Combine(folder, v.GetValue<string>()));
                    else AbsoluteFiles(o[key], folder);
                break;
            case JsonArray a:
                foreach (var item in a) AbsoluteFiles(item, folder);
                break;
        }
    }

    private static void CheckOption(System.CommandLine.Command cmd, string option, string source, string at)
    {
        if (Refused.Contains(option)) throw new SweepException(source, at, $"{option} is set by the sweep itself (each point writes into its own folder)");
        if (!cmd.Options.Any(x => x.Name == option || x.Aliases.Contains(option)))
            throw new SweepException(source, at, $"'{cmd.Name}' has no option {option} (it has {string.Join(", ", cmd.Options.Select(x => x.Name).Where(n => !Refused.Contains(n)))})");
    }

    // Path options become absolute, so that a point runs the same from its own folder and on any node of a cluster.
    private static JsonNode Resolve(string option, JsonNode value, string baseDirectory) =>
        PathOptions.Contains(option) && value.GetValueKind() == JsonValueKind.String
            ? JsonValue.Create(Path.GetFullPath(Path.Combine(baseDirectory, value.GetValue<string>())))
            : value;

    /// <summary>A name usable as a column, file and netCDF dimension name: letters, digits and '_'.</summary>
    /// <param name="s">Any text.</param>
    /// <returns>The sanitized name.</returns>
    internal static string Sanitize(string s)
    {
        var chars = s.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_').ToArray();
        string t = new string(chars).Trim('_');
        while (t.Contains("__", StringComparison.Ordinal)) t = t.Replace("__", "_", StringComparison.Ordinal);
        return t.Length == 0 ? "sweep" : char.IsAsciiDigit(t[0]) ? "_" + t : t;
    }
}
