using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FokkerPlanck.Benchmarks.Peers;

/// <summary>
/// This tool's CLI against fplanck (benchmarks/peers/fplanck_problems.py), each run as a whole process as a user runs it
/// (start-up included; the faster of two runs): fplanck's own harmonic test problems on its 100-cell grid, then 1D OU from
/// N(2, 0.5²) to t = 1 at equal accuracy: each tool on a ladder of grids, the cheapest run whose relative max error against
/// the exact density meets 6e-5 and 1e-7 (fplanck's error is of its point values, this tool's of its cell averages, each
/// against the exact values of the same kind, computed by the same script).
/// </summary>
internal static class PeerGrid
{
    private static readonly int[] FplanckCells = [100, 200, 400, 800, 1600, 3200];
    private static readonly int[] OurCells = [25, 50, 100, 200, 400, 800, 1600];
    // This tool's other setting: the time tolerance (the scenario's solver.tolerance), default 1e-8; also 1e-6 here.
    private static readonly int[] LooseCells = [50, 100, 200, 400];
    private const double LooseTolerance = 1e-6;
    private static readonly int[] PyPdeCells = [400, 800, 1600];
    private static readonly double[] Targets = [6e-5, 1e-7];

    public static string Run(string python, string fplanckSrc, string root, TextWriter o, bool only2D = false)
    {
        // py-pde, when Python can import it, joins the 1D OU ladder.
        string? pyPdeSrc = PeerSource.Find(python, "pde", "PYPDE_SRC", Path.Combine(root, "..", "shared", "peers", "py-pde"));
        bool pyPde = pyPdeSrc is not null;
        if (!pyPde) o.WriteLine("py-pde: skipped (Python cannot import pde: pip install py-pde, or set PYPDE_SRC to its folder)");
        string script = Path.Combine(root, "benchmarks", "peers", "fplanck_problems.py");
        string built = Path.Combine(root, "src", "FokkerPlanck.Cli", "bin", "Release", "net10.0", "fokker-planck.dll");
        var md = new StringBuilder();
        if (!File.Exists(built))
        {
            string skip = $"fplanck comparison: skipped ({built} is not built: dotnet build -c Release first)";
            o.WriteLine(skip);
            return skip + "\n\n";
        }
        // The tool as a user runs it: published ReadyToRun (precompiled, README "Installing the tool"); the plain build
        // (every method JIT-compiled at start-up) is timed beside it on the small problems, where start-up dominates.
        string cli = ReadyToRun(root, o) ?? built;
        string work = Directory.CreateTempSubdirectory("fp-peer-grid-").FullName;
        try
        {
            if (only2D) return PeerGrid2D.Run(python, fplanckSrc, pyPdeSrc, cli, root, work, o);
            md.AppendLine("## fplanck's test problems, whole process (100 cells)").AppendLine();
            md.AppendLine(cli == built ? "This tool as built (the ReadyToRun publish failed, see the run's output).\n"
                : "This tool published ReadyToRun (`dotnet publish src/FokkerPlanck.Cli -c Release -r RID`); the plain build, every method JIT-compiled at start, beside it.\n");
            md.AppendLine("| problem | this tool (s) | as built, JIT (s) | its rel. max error | fplanck (s) | its rel. max error | time ratio fplanck / this tool |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var (problem, command) in new[] { ("harmonic-steady", "steady"), ("harmonic-finite", "solve") })
            {
                string scenario = Path.Combine(root, "benchmarks", "peers", "scenarios", problem + ".json"), outDir = Path.Combine(work, problem);
                // (When the publish failed, cli is the build: timed once. The error is read from the last run's output.)
                double? asBuilt = cli == built ? null : Timed(() => Process("dotnet", [built, command, scenario, "--out", outDir, "-q"], null));
                double ours = Timed(() => Process("dotnet", [cli, command, scenario, "--out", outDir, "-q"], null));
                double jit = asBuilt ?? ours;
                double oursErr = Error(python, script, problem, Path.Combine(outDir, "solution.h5"));
                var (theirs, theirsErr) = Fplanck(python, script, fplanckSrc, problem, 100);
                o.WriteLine($"  {problem}: this tool {ours:F2} s (as built {jit:F2} s; error {oursErr:E2}), fplanck {theirs:F2} s (error {theirsErr:E2})");
                md.AppendLine(CultureInfo.InvariantCulture, $"| {problem} | {ours:F2} | {jit:F2} | {oursErr:E2} | {theirs:F2} | {theirsErr:E2} | {theirs / ours:F2} |");
            }
            md.AppendLine();

            md.AppendLine("## 1D OU at equal accuracy, whole process (from N(2, 0.5²) to t = 1 on [-8, 8])").AppendLine();
            var oursLadder = new List<(int Cells, double Seconds, double Error)>();
            var looseLadder = new List<(int Cells, double Seconds, double Error)>();
            foreach (var (n, tol) in OurCells.Select(n => (n, 1e-8)).Concat(LooseCells.Select(n => (n, LooseTolerance))))
            {
                string scenario = Path.Combine(work, $"ou-{n}-{tol:E0}.json"), outDir = Path.Combine(work, $"ou-{n}-{tol:E0}");
                File.WriteAllText(scenario, OuScenario(n, tol));
                var (s, e) = Ours(python, script, cli, scenario, outDir, "ou-gaussian");
                o.WriteLine($"  this tool, {n} cells, time tolerance {tol:E0}: {s:F2} s, rel. max error {e:E2}");
                (tol == LooseTolerance ? looseLadder : oursLadder).Add((n, s, e));
            }
            var theirLadder = new List<(int Cells, double Seconds, double Error)>();
            foreach (int n in FplanckCells)
            {
                var (s, e) = Fplanck(python, script, fplanckSrc, "ou-gaussian", n);
                o.WriteLine($"  fplanck, {n} cells: {s:F2} s, rel. max error {e:E2}");
                theirLadder.Add((n, s, e));
            }
            var pyPdeLadder = new List<(int Cells, double Seconds, double Error)>();
            if (pyPde)
                foreach (int n in PyPdeCells)
                {
                    var (s, e) = PyPde(python, root, pyPdeSrc!, "ou-gaussian", n);
                    o.WriteLine($"  py-pde, {n} cells: {s:F2} s, rel. max error {e:E2}");
                    pyPdeLadder.Add((n, s, e));
                }
            if (pyPde)
            {
                md.AppendLine("py-pde (numba operators compiled in every process, scipy's adaptive solver at rtol 1e-10): " +
                    string.Join("; ", pyPdeLadder.Select(r => $"{r.Cells} cells {r.Seconds:F2} s, error {r.Error:E2}")) + ".").AppendLine();
                foreach (double target in Targets)
                {
                    var a = oursLadder.Concat(looseLadder).Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                    var c = pyPdeLadder.Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                    string line = c.Cells > 0 && a.Cells > 0 ? $"py-pde at {target:E0}: {c.Cells} cells, {c.Seconds:F2} s: py-pde / this tool = {c.Seconds / a.Seconds:F1}"
                        : a.Cells > 0 ? $"py-pde at {target:E0}: not reached (best {pyPdeLadder.Min(r => r.Error):E1} at {pyPdeLadder[^1].Cells} cells, {pyPdeLadder[^1].Seconds:F2} s): > {pyPdeLadder[^1].Seconds / a.Seconds:F1}"
                        : $"py-pde at {target:E0}: this tool did not reach it";
                    o.WriteLine("  " + line);
                    md.AppendLine("- " + line);
                }
                md.AppendLine();
            }
            md.AppendLine("| target | this tool: cheapest run | fplanck: cheapest run | time ratio fplanck / this tool |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (double target in Targets)
            {
                var a = oursLadder.Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                var b = theirLadder.Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                string A = a.Cells > 0 ? $"{a.Cells} cells, {a.Seconds:F2} s ({a.Error:E1})" : "not reached";
                string B = b.Cells > 0 ? $"{b.Cells} cells, {b.Seconds:F2} s ({b.Error:E1})"
                    : $"not reached (best {theirLadder.Min(r => r.Error):E1} at {theirLadder[^1].Cells} cells, {theirLadder[^1].Seconds:F2} s)";
                string ratio = a.Cells > 0 && b.Cells > 0 ? (b.Seconds / a.Seconds).ToString("F2", CultureInfo.InvariantCulture)
                    : a.Cells > 0 ? $"> {theirLadder[^1].Seconds / a.Seconds:F1}" : "n/a";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {target:E0} | {A} | {B} | {ratio} |");
                o.WriteLine($"  target {target:E0}: this tool {A}; fplanck {B}; ratio {ratio}");
            }
            md.AppendLine();
            md.AppendLine("| cells | this tool (s) | error | | cells | fplanck (s) | error |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            for (int i = 0; i < Math.Max(oursLadder.Count, theirLadder.Count); i++)
            {
                string l = i < oursLadder.Count ? $"{oursLadder[i].Cells} | {oursLadder[i].Seconds:F2} | {oursLadder[i].Error:E2}" : " | | ";
                string r = i < theirLadder.Count ? $"{theirLadder[i].Cells} | {theirLadder[i].Seconds:F2} | {theirLadder[i].Error:E2}" : " | | ";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {l} | | {r} |");
            }
            md.AppendLine();
            string loose = string.Join("; ", looseLadder.Select(r => $"{r.Cells} cells {r.Seconds:F2} s, error {r.Error:E2}"));
            md.AppendLine(CultureInfo.InvariantCulture, $"At time tolerance {LooseTolerance:E0} (the scenario's solver.tolerance; default 1e-8): {loose}.");
            foreach (double target in Targets)
            {
                var a = oursLadder.Concat(looseLadder).Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                var b = theirLadder.Where(r => r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
                string line = a.Cells == 0 ? $"with either tolerance at {target:E0}: not reached"
                    : $"with either tolerance at {target:E0}: {a.Cells} cells, {a.Seconds:F2} s ({(looseLadder.Contains(a) ? $"tolerance {LooseTolerance:E0}" : "default tolerance")}); fplanck / this tool = " +
                      (b.Cells > 0 ? (b.Seconds / a.Seconds).ToString("F2", CultureInfo.InvariantCulture) : $"> {theirLadder[^1].Seconds / a.Seconds:F1}");
                o.WriteLine("  " + line);
                md.AppendLine("- " + line);
            }
            md.AppendLine();
            md.Append(PeerGrid2D.Run(python, fplanckSrc, pyPdeSrc, cli, root, work, o));
        }
        finally { Directory.Delete(work, recursive: true); }
        return md.ToString();
    }

    /// <summary>Publishes the CLI ReadyToRun for this machine's runtime identifier into BenchmarkDotNet.Artifacts/cli-r2r
    /// (incremental after the first time) and returns its fokker-planck.dll, or null (with a message) when that fails.</summary>
    private static string? ReadyToRun(string root, TextWriter o)
    {
        string dir = Path.Combine(root, "BenchmarkDotNet.Artifacts", "cli-r2r");
        string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        o.WriteLine($"publishing the CLI ReadyToRun for {rid} into {dir}");
        try
        {
            Process("dotnet", ["publish", Path.Combine(root, "src", "FokkerPlanck.Cli"), "-c", "Release", "-r", rid, "--self-contained", "false", "-o", dir], null);
            return Path.Combine(dir, "fokker-planck.dll");
        }
        catch (InvalidOperationException e)
        {
            o.WriteLine($"  ReadyToRun publish failed, timing the plain build instead: {e.Message.Split('\n')[0]}");
            return null;
        }
    }

    private static string OuScenario(int cells, double tolerance) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name": "ou-gaussian", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [1.0], "means": [[2.0]], "covariances": [[[0.25]]]},
         "grid": {"lower": [-8.0], "upper": [8.0], "cells": [{{{cells}}}], "boundary": "reflecting"}, "time": {"end": 1.0, "snapshots": 2},
         "solver": {"tolerance": {{{tolerance:R}}}}}
        """);

    /// <summary>fplanck on one of its problems (benchmarks/peers/fplanck_problems.py) as a whole process, timed, and its error.</summary>
    internal static (double Seconds, double Error) Fplanck(string python, string script, string src, string problem, int cells,
        double onceAbove = double.PositiveInfinity)
    {
        string output = "";
        double s = Timed(() => output = Process(python, [script, problem, "--cells", cells.ToString(CultureInfo.InvariantCulture)], src), onceAbove);
        return (s, LastError(output));
    }

    /// <summary>The relMaxError of the JSON line a peer script prints last.</summary>
    private static double LastError(string output) =>
        System.Text.Json.JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("relMaxError").GetDouble();

    /// <summary>Wall time of a whole process: the faster of two runs, or the first alone when it took at least
    /// <paramref name="onceAbove"/> seconds (a long run's spread is small against its length, and a second one would
    /// double the benchmark).</summary>
    internal static double Timed(Func<string> run, double onceAbove = double.PositiveInfinity)
    {
        var clock = Stopwatch.StartNew();
        run();
        double first = clock.Elapsed.TotalSeconds;
        if (first >= onceAbove) return first;
        clock.Restart();
        run();
        return Math.Min(first, clock.Elapsed.TotalSeconds);
    }

    /// <summary>This tool's solve of a scenario file as a whole process, timed, and its relative max error against the
    /// problem's exact density (checked by the fplanck script).</summary>
    internal static (double Seconds, double Error) Ours(string python, string script, string cli, string scenario, string outDir, string problem,
        double onceAbove = double.PositiveInfinity)
    {
        double s = Timed(() => Process("dotnet", [cli, "solve", scenario, "--out", outDir, "-q"], null), onceAbove);
        return (s, Error(python, script, problem, Path.Combine(outDir, "solution.h5")));
    }

    /// <summary>py-pde on one of its problems (benchmarks/peers/pypde_problems.py) as a whole process, timed, and its error.</summary>
    internal static (double Seconds, double Error) PyPde(string python, string root, string src, string problem, int cells,
        double onceAbove = double.PositiveInfinity)
    {
        string output = "";
        double s = Timed(() => output = Process(python, [Path.Combine(root, "benchmarks", "peers", "pypde_problems.py"), problem, "--cells",
            cells.ToString(CultureInfo.InvariantCulture)], src), onceAbove);
        return (s, LastError(output));
    }

    private static double Error(string python, string script, string problem, string solution) =>
        PeerParticles.Python(python, [script, problem, "--check", solution]).GetProperty("relMaxError").GetDouble();

    /// <summary>Runs a program to its end and returns its standard output; Debian's numpy is slowed by OPENBLAS_CORETYPE and
    /// OPENBLAS_L2_SIZE when inherited (benchmarks/README.md), so they are removed.</summary>
    /// <param name="program">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="pythonPath">A folder for PYTHONPATH (a peer's sources), or null / empty for Python's own packages.</param>
    internal static string Process(string program, string[] args, string? pythonPath)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(pythonPath)) psi.Environment["PYTHONPATH"] = pythonPath;
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {err.Result}");
        return output;
    }
}
