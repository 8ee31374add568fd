using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FokkerPlanck.Backends;
using FokkerPlanck.Cli;
using FokkerPlanck.Fields;
using FokkerPlanck.IO;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>Issue 6 through the real CLI entry point: common options, CSV output, memory refusal, dry runs, progress,
/// cancellation, --version and --help.</summary>
public sealed class CommonOptionsTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-common-").FullName;
    private readonly Xunit.Abstractions.ITestOutputHelper _log = log;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        {"name": "small", "process": {"kind": "ou"},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-8.0], "upper": [8.0], "cells": [128]}, "time": {"end": 0.4, "snapshots": 3}, "solver": {"tolerance": 1e-6}}
        """;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliTests.Invoke(args);

    private string Scenario(string json = Small)
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, json);
        return path;
    }

    // Each bad option: (arguments before --out, texts the one-line message must contain).
    public static TheoryData<string[], string[]> BadOptions => new()
    {
        { ["solve", "--max-memory", "1K"], ["estimated memory", "exceeds --max-memory 1.00 KiB", "grid.cells", "raise --max-memory"] },
        { ["solve", "--max-memory", "lots"], ["--max-memory: 'lots' is not a size"] },
        { ["solve", "ou-gmm-2d", "--format", "csv"], ["--format csv: CSV is for 1D results only", "ou-gmm-2d"] },
        { ["solve", "--format", "xml"], ["xml"] },
        { ["simulate", "--particles", "100000000", "--max-memory", "1G"], ["estimated memory", "use fewer --particles"] },
        { ["simulate", "--seed", "-1"], ["-1"] },
        { ["simulate", "--threads", "0"], ["--threads must be ≥ 1"] },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadCommonOptionsExitWithTwoAndCreateNothing(string[] args, string[] message)
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = Run([.. args, "--out", outDir]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        foreach (var m in message) Assert.Contains(m, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void OutPointingAtAFileIsRefusedAndTheFileIsUntouched()
    {
        string file = Path.Combine(_dir, "taken");
        File.WriteAllText(file, "keep");
        var (code, _, stderr) = Run("solve", Scenario(), "--out", file);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is a file, not a directory", stderr, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(file));
    }

    [Fact]
    public void DryRunChecksEverythingAndWritesNothing()
    {
        string outDir = Path.Combine(_dir, "dry");
        var (code, stdout, _) = Run("simulate", Scenario(), "--dry-run", "--particles", "1000", "--trajectories", "5", "--out", outDir);
        Assert.Equal(0, code);
        Assert.Contains("estimated memory", stdout, StringComparison.Ordinal);
        Assert.Contains("would write", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        // The same check that a real run makes: a dry run with a too-small limit fails the same way.
        Assert.Equal(ExitCodes.BadInput, Run("solve", Scenario(), "--dry-run", "--max-memory", "1K", "--out", outDir).Code);
    }

    private static double[] Row(string line) => line.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void CsvSolutionMatchesTheInMemoryResultBitForBit()
    {
        string outDir = Path.Combine(_dir, "csv");
        var (code, _, stderr) = Run("solve", Scenario(), "--format", "csv", "--backend", "managed", "--out", outDir, "-q");
        Assert.True(code == 0, stderr);
        string dir = Path.Combine(outDir, "solution");
        var sc = ScenarioParser.Parse(Small);
        var sol = sc.Solve(new ManagedBackend());
        var f = GridFields.FromSolution(sol, sc.Process);
        var density = File.ReadAllLines(Path.Combine(dir, "density.csv"));
        var score = File.ReadAllLines(Path.Combine(dir, "score.csv"));
        Assert.Equal(1 + sol.Times.Length, density.Length);
        var header = density[0].Split(',');
        Assert.Equal("t", header[0]);
        Assert.Equal(sc.Grid1D!.Centers(), header.Skip(1).Select(h => double.Parse(h[2..], CultureInfo.InvariantCulture)));
        for (int s = 0; s < sol.Times.Length; s++)
        {
            Assert.Equal(sol.Times[s], double.Parse(density[s + 1].Split(',')[0], CultureInfo.InvariantCulture));
            Assert.Equal(sol.Densities[s], Row(density[s + 1]));
            Assert.Equal(f.Score[s], Row(score[s + 1]));
        }
        Assert.Equal(sol.Masses, File.ReadAllLines(Path.Combine(dir, "mass.csv")).Skip(1).Select(l => Row(l)[0]));
        Assert.Equal(new[] { "attributes.json", "current.csv", "density.csv", "errorEstimates.csv", "mass.csv", "score.csv", "t.csv", "trusted.csv", "velocity.csv", "x.csv" },
            Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        using var attrs = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "attributes.json")));
        Assert.Equal("small", attrs.RootElement.GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal(SolutionFile.ToolVersion, attrs.RootElement.GetProperty("toolVersion").GetString());
        Assert.Empty(Directory.GetDirectories(outDir, ".*"));
    }

    [Fact]
    public void CsvParticlesMatchTheHdf5FileOfTheSameRunBitForBit()
    {
        string s = Scenario();
        string a = Path.Combine(_dir, "h5"), b = Path.Combine(_dir, "csvp");
        string[] common = ["simulate", s, "--particles", "300", "--steps", "20", "--seed", "3", "--trajectories", "2", "--field", "exact", "-q"];
        Assert.Equal(0, Run([.. common, "--out", a]).Code);
        Assert.Equal(0, Run([.. common, "--format", "csv", "--out", b]).Code);
        using var h5 = H5File.OpenRead(Path.Combine(a, "particles.h5"));
        var pos = h5.Dataset("positions").Read<double[,]>();
        var lines = File.ReadAllLines(Path.Combine(b, "particles", "positions.csv"));
        Assert.Equal("t," + string.Join(',', Enumerable.Range(0, 300).Select(i => $"p{i}")), lines[0]);
        for (int k = 0; k < pos.GetLength(0); k++)
        {
            var row = Row(lines[k + 1]);
            for (int i = 0; i < 300; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(pos[k, i]), BitConverter.DoubleToInt64Bits(row[i]));
        }
        var traj = h5.Dataset("trajectories").Read<double[,]>();
        var tl = File.ReadAllLines(Path.Combine(b, "particles", "trajectories.csv"));
        Assert.Equal(traj.GetLength(0) + 1, tl.Length);
        Assert.Equal(traj[7, 1], Row(tl[8])[1]);
        using var attrs = JsonDocument.Parse(File.ReadAllText(Path.Combine(b, "particles", "attributes.json")));
        Assert.Equal(3, attrs.RootElement.GetProperty("seed").GetInt64());
    }

    [Fact]
    public void ProgressIsPlainLinesWhenRedirectedAndNothingWhenQuiet()
    {
        string s = Scenario();
        var loud = Run("solve", s, "--out", Path.Combine(_dir, "p1"));
        Assert.Equal(0, loud.Code);
        var lines = loud.Out.Split('\n').Where(l => l.Contains("[solve", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("grid 3/3", StringComparison.Ordinal) && l.Contains("100 %", StringComparison.Ordinal) && l.Contains("done", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("steps/s", l, StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', loud.Out); // no terminal escapes in redirected output
        var quiet = Run("solve", s, "--out", Path.Combine(_dir, "p2"), "--quiet");
        Assert.Equal(0, quiet.Code);
        Assert.Equal("", quiet.Out);
        Assert.Equal("", quiet.Err);
        var sim = Run("simulate", s, "--particles", "200", "--steps", "10", "--field", "exact", "--out", Path.Combine(_dir, "p3"));
        Assert.Contains(sim.Out.Split('\n'), l => l.Contains("[particles]", StringComparison.Ordinal) && l.Contains("step 10/10", StringComparison.Ordinal));
    }

    [Fact]
    public void CancellationExitsWith130AndLeavesNoFile()
    {
        string outDir = Path.Combine(_dir, "cancelled");
        using var cts = new CancellationTokenSource();
        var o = new StringWriter(); var e = new StringWriter();
        // Cancel as soon as the first progress line is out: the run is then certainly inside the time loop.
        var watcher = new CancelOnWrite(o, "[solve", cts);
        int code = CliApp.Run(["solve", "vp-gmm-1d", "--out", outDir], watcher, e, cts.Token);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("cancelled: no output was written", e.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "solution.h5")));
        Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0);
    }

    private sealed class CancelOnWrite(TextWriter inner, string trigger, CancellationTokenSource cts) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal)) cts.Cancel();
        }
    }

    [Fact]
    public void CtrlCOnTheRealProcessStopsItWithNoFile()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // SIGINT delivery below uses kill(1)
        // A test run started in the background of a shell inherits SIGINT as ignored, and so does the child: the runtime
        // keeps an ignored SIGINT ignored (as nohup expects), so there is nothing to test. Say so instead of failing.
        if (OperatingSystem.IsLinux() && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } ign
            && (Convert.ToUInt64(ign[7..].Trim(), 16) & 0x2) != 0)
        {
            _log.WriteLine("SIGINT is ignored in this test process (started in a shell's background): not testable here");
            return;
        }
        string outDir = Path.Combine(_dir, "sigint");
        // A run of tens of seconds (tight time tolerance), so that the signal arrives inside the time loop however busy
        // the machine is: the test waits for a progress line of the first grid that is not its last.
        string scenario = Path.Combine(_dir, "long.json");
        File.WriteAllText(scenario, """
            {"process": {"kind": "vp"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[0.25]]]},
             "grid": {"lower": [-8], "upper": [8], "cells": [4096]}, "time": {"end": 1, "snapshots": 5}, "solver": {"tolerance": 1e-12}}
            """);
        using var p = CliProcess.Start(["solve", scenario, "--out", outDir]);
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null
               && !(line.Contains("[solve (grid 1/", StringComparison.Ordinal) && !line.Contains("done", StringComparison.Ordinal))) { }
        Assert.NotNull(line); // it reached the time loop
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        _ = p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000));
        Assert.Equal(ExitCodes.Cancelled, p.ExitCode);
        Assert.Contains("cancelled", err, StringComparison.Ordinal);
        Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0);
    }

    [Fact]
    public void VersionAndHelpWithDefaults()
    {
        var v = Run("--version");
        Assert.Equal(0, v.Code);
        Assert.Equal(SolutionFile.ToolVersion, v.Out.Trim());
        foreach (var (cmd, text) in new[] { ("solve", "[default: out]"), ("simulate", "[default: reverse-sde]"), ("validate", "[default: quick]"), ("solve", "--max-memory"), ("simulate", "--format") })
        {
            var h = Run(cmd, "--help");
            Assert.Equal(0, h.Code);
            Assert.Contains(text, h.Out, StringComparison.Ordinal);
        }
    }
}
