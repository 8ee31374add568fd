using FokkerPlanck.Cli;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>Through the real CLI entry point (<see cref="CliApp.Run"/>), in a fresh temporary directory per test.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        {"name": "small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [256], "boundary": "reflecting"},
         "time": {"end": 0.5, "snapshots": 3}, "solver": {"scheme": "implicit", "tolerance": 1e-6}}
        """;

    private static (int Code, string Out, string Err) Run(params string[] args) => Invoke(args);

    /// <summary>Runs the real CLI entry point with captured output.</summary>
    internal static (int Code, string Out, string Err) Invoke(params string[] args) => Invoke(CancellationToken.None, args);

    /// <summary>Runs the real CLI entry point with captured output and a cancellation token (a time limit).</summary>
    internal static (int Code, string Out, string Err) Invoke(CancellationToken cancel, params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e, cancel);
        return (code, o.ToString(), e.ToString());
    }

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    // Each scenario rule: (mutation of the small scenario, expected JSON path, expected text in the rule).
    public static TheoryData<string, string, string, string> BadScenarios => new()
    {
        { "\"sigma\": 1.4142135623730951", "\"sigma\": -1", "$.process.sigma", "> 0" },
        { "\"kind\": \"ou\", \"theta\": 1.0, \"sigma\": 1.4142135623730951", "\"kind\": \"vp\", \"betaMin\": 5, \"betaMax\": 1", "$.process.betaMax", "betaMin" },
        { "\"weights\": [0.3, 0.7]", "\"weights\": [0.3, -0.7]", "$.initial.weights[1]", "> 0" },
        { "\"covariances\": [[[0.25]], [[0.5]]]", "\"covariances\": [[[0.25]], [[0.0]]]", "$.initial.covariances[1]", "> 0" },
        { "\"cells\": [256]", "\"cells\": [2]", "$.grid.cells[0]", "≥ 3" },
        { "\"upper\": [10.0]", "\"upper\": [-10.0]", "$.grid.upper[0]", "> lower" },
        { "\"theta\": 1.0", "\"theta\": 1e999", "$.process.theta", "finite" },
        { "\"theta\": 1.0", "\"theta\": NaN", "$", "invalid JSON" },
        { "\"kind\": \"ou\"", "\"kind\": \"brownian\"", "$.process.kind", "unknown process kind" },
        { "\"kind\": \"gaussian-mixture\"", "\"kind\": \"cauchy\"", "$.initial.kind", "unknown density kind" },
        { "\"end\": 0.5", "\"end\": 0.5, \"stop\": 2", "$.time.stop", "unknown field" },
        { "\"end\": 0.5", "\"end\": \"soon\"", "$.time.end", "must be a number" },
        { "\"time\": {\"end\": 0.5, \"snapshots\": 3}, ", "", "$.time", "required field is missing" },
        { "\"boundary\": \"reflecting\"", "\"boundary\": \"sticky\"", "$.grid.boundary", "reflecting, periodic or absorbing" },
        { "\"kind\": \"ou\", \"theta\": 1.0, \"sigma\": 1.4142135623730951", "\"kind\": \"flow-matching\", \"data\": {\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]}", "$.initial", "not allowed with process kind flow-matching" },
        { "\"tolerance\": 1e-6", "\"tolerance\": 0", "$.solver.tolerance", "> 0" },
        { "\"scheme\": \"implicit\"", "\"scheme\": \"implicit\", \"tolerance\": 0", "$.solver.tolerance", "duplicate field" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void BadScenarioExitsWithTwoAndWritesNothing(string find, string replace, string path, string rule)
    {
        Assert.Contains(find, Small);
        string file = Write("bad.json", Small.Replace(find, replace));
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = Run("solve", file, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("bad.json", stderr);
        Assert.Contains(path, stderr);
        Assert.Contains(rule, stderr);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(outDir), "no output directory may be created");
    }

    [Theory]
    [InlineData("solve", "missing.json")]
    [InlineData("solve", "--backend", "opencl")]
    [InlineData("solve", "--threads", "0")]
    [InlineData("solve", "--threads", "many")]
    [InlineData("frobnicate")]
    public void BadArgumentsExitWithTwo(params string[] args)
    {
        string outDir = Path.Combine(_dir, "out2");
        var (code, _, stderr) = Run([.. args, "--out", outDir]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void SolveWritesAnHdf5FileThatMatchesTheInMemoryResultBitForBit()
    {
        string file = Write("small.json", Small);
        string outDir = Path.Combine(_dir, "run");
        var (code, stdout, stderr) = Run("solve", file, "--out", outDir, "--backend", "managed");
        Assert.True(code == 0, stderr);
        Assert.Contains("L1 error", stdout);
        Assert.Contains("wrote", stdout);
        var sc = ScenarioParser.ParseFile(file);
        var mem = sc.Solve(new FokkerPlanck.Backends.ManagedBackend());
        using var h5 = H5File.OpenRead(Path.Combine(outDir, "solution.h5"));
        Assert.Equal(mem.Times, h5.Dataset("t").Read<double[]>());
        Assert.Equal(sc.Grid1D!.Centers(), h5.Dataset("x").Read<double[]>());
        var d = h5.Dataset("density").Read<double[,]>();
        Assert.Equal(new[] { 3, 256 }, new[] { d.GetLength(0), d.GetLength(1) });
        for (int s = 0; s < 3; s++)
            for (int i = 0; i < 256; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(mem.Densities[s][i]), BitConverter.DoubleToInt64Bits(d[s, i]));
        Assert.Equal("managed", h5.Attribute("backend").Read<string>());
        // Fields: score, velocity and the trust mask, equal to the in-memory fields.
        var fields = FokkerPlanck.Fields.GridFields.FromSolution(mem, sc.Process);
        var score = h5.Dataset("score").Read<double[,]>();
        var velocity = h5.Dataset("velocity").Read<double[,]>();
        var trusted = h5.Dataset("trusted").Read<byte[,]>();
        for (int s = 0; s < 3; s++)
            for (int i = 0; i < 256; i++)
            {
                Assert.Equal(fields.Score[s][i], score[s, i]);
                Assert.Equal(fields.Velocity[s][i], velocity[s, i]);
                Assert.Equal(fields.Weight[s][i] >= 1 ? 1 : 0, trusted[s, i]);
            }
        Assert.Contains("score err", stdout);
        Assert.Contains("\"tolerance\": 1E-06", h5.Attribute("scenario").Read<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(outDir, "*.partial"));
    }

    [Fact]
    public void DefaultScenarioRunsAndReportsSmallErrors()
    {
        string outDir = Path.Combine(_dir, "default");
        var (code, stdout, stderr) = Run("solve", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("scenario ou-gmm-1d", stdout);
        var rows = stdout.Split('\n').Where(l => l.TrimStart().StartsWith("0.", StringComparison.Ordinal) || l.TrimStart().StartsWith("1 ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(10, rows.Length);
        foreach (var row in rows)
        {
            double l1 = double.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(l1 <= 1e-5, row);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "solution.h5")));
    }

    [Fact]
    public void EdgeWarningIsPrinted()
    {
        // [-5, 5] holds the initial mixture to 2.6e-7 (under solver.tolerance 1e-6: a warning, not an error); the
        // spreading density then reaches the edge cells.
        string file = Write("narrow.json", Small.Replace("\"lower\": [-10.0], \"upper\": [10.0]", "\"lower\": [-5.0], \"upper\": [5.0]"));
        var (code, stdout, stderr) = Run("solve", file, "--out", Path.Combine(_dir, "narrow"));
        Assert.True(code == 0, stderr);
        Assert.Contains("warning: $.grid: 2.6e-07 of the initial mass lies outside [-5, 5]", stdout);
        Assert.Contains("warning: mass reaches the reflecting edge", stdout);
    }

    [Fact]
    public void ScenariosListAndShowRoundTrip()
    {
        var (code, stdout, _) = Run("scenarios");
        Assert.Equal(0, code);
        foreach (var name in BuiltInScenarios.Names)
        {
            Assert.Contains(name, stdout);
            var (c2, json, _) = Run("show-scenario", name);
            Assert.Equal(0, c2);
            // The resolved JSON parses back to the same resolved JSON.
            Assert.Equal(json.Trim(), ScenarioParser.Parse(json, name).ToJson().Trim());
        }
    }

    [Fact]
    public void FlowMatchingScenarioRunsTheContinuitySolver()
    {
        const string fm = """
            {"name": "fm", "process": {"kind": "flow-matching", "data": {"kind": "gaussian-mixture", "weights": [0.5, 0.5],
              "means": [[-1.5], [1.5]], "covariances": [[[0.2]], [[0.3]]]}},
             "grid": {"lower": [-6.0], "upper": [6.0], "cells": [512]}, "time": {"end": 0.8, "snapshots": 3}}
            """;
        var (code, stdout, stderr) = Run("solve", Write("fm.json", fm), "--out", Path.Combine(_dir, "fm"));
        Assert.True(code == 0, stderr);
        Assert.Contains("continuity", stdout);
        var last = stdout.Split('\n').First(l => l.TrimStart().StartsWith("0.8", StringComparison.Ordinal));
        double l1 = double.Parse(last.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(l1 <= 1e-3, last);
        var (code2, _, err2) = Run("solve", Write("fm-bad.json", fm.Replace("\"end\": 0.8", "\"end\": 1.0")), "--out", Path.Combine(_dir, "fm2"));
        Assert.Equal(ExitCodes.BadInput, code2);
        Assert.Contains("$.time.end", err2);
    }
}
