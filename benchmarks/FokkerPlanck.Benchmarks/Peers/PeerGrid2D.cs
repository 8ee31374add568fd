using System.Globalization;
using System.Text;

namespace FokkerPlanck.Benchmarks.Peers;

/// <summary>
/// 2D OU at equal accuracy, whole processes: from N((2, -1), 0.5² I) to t = 1 on [-8, 8]², U = (x² + y²)/2 (θ = 1, σ = √2),
/// reflecting walls. Each tool runs a ladder of settings and the cheapest run whose relative max error against the exact
/// density (of the kind the tool outputs: this tool's cell averages, the peers' point values) meets the target counts, for
/// targets 6e-5 and 1e-7 (py-pde only at 1e-7; fplanck's ladder stops at 6e-5). This tool's settings are cells per axis and
/// the time tolerance (the scenario's <c>solver.tolerance</c>: the default 1e-8, 1e-6, and 1e-7 for the 320² rung); the
/// peers' are their cells. A peer that reaches no target within its ladder is given as "not reached" with its largest
/// run's time, a lower bound since its larger grids only cost more. Runs under 10 s are the faster of two; longer ones are
/// timed once.
/// </summary>
internal static class PeerGrid2D
{
    private static readonly (int Cells, double Tolerance)[] OurRungs =
        [(16, 1e-6), (24, 1e-6), (32, 1e-6), (48, 1e-6), (64, 1e-6), (96, 1e-6), (32, 1e-8), (64, 1e-8), (320, 1e-7)];
    private static readonly int[] FplanckCells = [100, 200, 400, 800];
    // py-pde is second order in space (2.4e-4 at 400², 6.1e-5 at 800²): 800² (about 6 min) bounds its cost at 1e-7.
    private static readonly int[] PyPdeCells = [100, 200, 400, 800];
    private const double Target = 6e-5, FineTarget = 1e-7;
    private const double LongRun = 10; // seconds: runs this long are timed once

    /// <summary>One run of a ladder.</summary>
    /// <param name="Setting">What was chosen (cells, tolerance).</param>
    /// <param name="Seconds">Whole-process wall time.</param>
    /// <param name="Error">Relative max error against the exact density.</param>
    internal readonly record struct Rung(string Setting, double Seconds, double Error);

    public static string Run(string python, string fplanckSrc, string? pyPdeSrc, string cli, string root, string work, TextWriter o)
    {
        string script = Path.Combine(root, "benchmarks", "peers", "fplanck_problems.py");
        var md = new StringBuilder("## 2D OU at equal accuracy, whole process (from N((2, -1), 0.5² I) to t = 1 on [-8, 8]²)\n\n");
        var ours = new List<Rung>();
        foreach (var (n, tol) in OurRungs)
        {
            string scenario = Path.Combine(work, $"ou2d-{n}-{tol:E0}.json"), outDir = Path.Combine(work, $"ou2d-{n}-{tol:E0}");
            File.WriteAllText(scenario, Scenario(n, tol));
            var (s, e) = PeerGrid.Ours(python, script, cli, scenario, outDir, "ou-gaussian-2d", LongRun);
            ours.Add(new($"{n}² cells, tolerance {tol:E0}", s, e));
            o.WriteLine($"  this tool, {n}² cells, time tolerance {tol:E0}: {s:F2} s, rel. max error {e:E2}");
        }
        var fplanck = new List<Rung>();
        foreach (int n in FplanckCells)
        {
            var (s, e) = PeerGrid.Fplanck(python, script, fplanckSrc, "ou-gaussian-2d", n, LongRun);
            fplanck.Add(new($"{n}² cells", s, e));
            o.WriteLine($"  fplanck, {n}² cells: {s:F2} s, rel. max error {e:E2}");
            if (e <= Target) break; // larger grids only cost more
        }
        var pyPde = new List<Rung>();
        if (pyPdeSrc is not null)
            foreach (int n in PyPdeCells)
            {
                var (s, e) = PeerGrid.PyPde(python, root, pyPdeSrc, "ou-gaussian-2d", n, LongRun);
                pyPde.Add(new($"{n}² cells", s, e));
                o.WriteLine($"  py-pde, {n}² cells: {s:F2} s, rel. max error {e:E2}");
                if (e <= FineTarget) break;
            }

        foreach (double target in new[] { Target, FineTarget })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| tool | cheapest run at {target:E0} | time ratio peer / this tool |").AppendLine("| --- | --- | --- |");
            var best = Cheapest(ours, target);
            md.AppendLine(CultureInfo.InvariantCulture, $"| this tool | {Describe(best, ours)} | |");
            foreach (var (name, ladder) in new[] { ("fplanck", fplanck), ("py-pde", pyPde) })
            {
                if (target == FineTarget && name == "fplanck") continue; // its ladder stops at the first target
                if (ladder.Count == 0) { md.AppendLine($"| {name} | skipped | |"); continue; }
                var b = Cheapest(ladder, target);
                string ratio = best is null ? "n/a" : b is { } x ? (x.Seconds / best.Value.Seconds).ToString("F1", CultureInfo.InvariantCulture)
                    : $"> {ladder[^1].Seconds / best.Value.Seconds:F1}";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Describe(b, ladder)} | {ratio} |");
                o.WriteLine($"  2D target {target:E0}: {name} {Describe(b, ladder)}; ratio {ratio}");
            }
            md.AppendLine();
        }
        md.AppendLine("| ladder | setting | seconds | rel. max error |").AppendLine("| --- | --- | --- | --- |");
        foreach (var (name, ladder) in new[] { ("this tool", ours), ("fplanck", fplanck), ("py-pde", pyPde) })
            foreach (var r in ladder)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {r.Setting} | {r.Seconds:F2} | {r.Error:E2} |");
        return md.AppendLine().ToString();
    }

    private static Rung? Cheapest(List<Rung> ladder, double target) =>
        ladder.Where(r => r.Error <= target).OrderBy(r => r.Seconds).Select(r => (Rung?)r).FirstOrDefault();

    private static string Describe(Rung? r, List<Rung> ladder) => r is { } x
        ? $"{x.Setting}, {x.Seconds:F2} s ({x.Error:E1})"
        : $"not reached (best {ladder.Min(q => q.Error):E1}; largest run {ladder[^1].Setting}, {ladder[^1].Seconds:F2} s)";

    private static string Scenario(int cells, double tolerance) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name": "ou-gaussian-2d", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [1.0], "means": [[2.0, -1.0]], "covariances": [[[0.25, 0.0], [0.0, 0.25]]]},
         "grid": {"lower": [-8.0, -8.0], "upper": [8.0, 8.0], "cells": [{{{cells}}}, {{{cells}}}], "boundary": "reflecting"},
         "time": {"end": 1.0, "snapshots": 2}, "solver": {"tolerance": {{{tolerance:R}}}}}
        """);
}
