using System.CommandLine;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>'sweep': expands a sweep file into one folder per point and runs the points with a local pool, or writes a Slurm
/// job-array script (--emit slurm); resumes a folder that holds the same sweep, skipping finished points.</summary>
internal static class SweepCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var file = new Argument<string>("file") { Description = "Sweep file (JSON; schema in docs/sweep.schema.json)" };
        var outDir = new Option<string>("--out", "-o") { Description = "Sweep folder (created; a folder holding the same sweep resumes)", Required = true };
        var jobs = new Option<int?>("--jobs", "-j")
        {
            Description = "Points run at once (default: the cores divided by the points' threads, fewer when the memory estimates need it)",
            CustomParser = WholeNumbers.OptionalInt("--jobs", 1),
        };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Memory the running points' estimates may add up to (e.g. 8G; default: half of the physical memory)" };
        var emit = new Option<string?>("--emit") { Description = "slurm: write DIR/sweep.slurm (a job array of the unfinished points) instead of running" }
            .AcceptOnlyFromAmong("slurm");
        var throttle = new Option<int?>("--array-throttle") { Description = "Slurm: at most this many array tasks at once", CustomParser = WholeNumbers.OptionalInt("--array-throttle", 1) };
        var partition = new Option<string?>("--partition") { Description = "Slurm: the partition (overrides the sweep file's)" };
        var time = new Option<string?>("--time") { Description = "Slurm: time limit per task, e.g. 01:00:00 (overrides the sweep file's)" };
        var rerun = new Option<bool>("--rerun-failed") { Description = "Also run again the points that failed with bad input (exit 2) or a numerical failure (exit 3)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the sweep file and list its points; write nothing" };
        var quiet = CliApp.QuietOption();
        var names = string.Join("; ", RunSummary.Names.Select(c => $"{c.Key}: {string.Join(", ", c.Value.Select(n => n.Name))}"));
        var cmd = new Command("sweep", "Run a parameter study: one folder per point (its scenario, command and seed written down, so that it reruns alone to the " +
            "same bytes), run by a local pool sized to the cores and memory estimates, or by Slurm (--emit slurm); an interrupted sweep resumes " +
            $"where it stopped. Then collects results.csv and results.h5 (as 'collect'). Summary values: {names}; and {SweepDefinition.WallTime} for every command.")
        {
            file, outDir, jobs, maxMemory, emit, throttle, partition, time, rerun, dryRun, quiet,
        };
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            bool q = pr.GetValue(quiet);
            var d = SweepDefinition.ParseFile(pr.GetValue(file)!);
            string dir = pr.GetValue(outDir)!;
            long budget = pr.GetValue(maxMemory) is { } m ? Common.ParseMaxMemory(m) : Common.DefaultMaxMemory;
            if (pr.GetValue(dryRun))
            {
                var points = SweepPoint.All(d);
                o.WriteLine($"sweep {d.Name}: {points.Count} point{(points.Count == 1 ? "" : "s")} of '{d.Command}' (axes {string.Join(" × ", d.Axes.Select(a => $"{a.Name}[{a.Length}]"))}); " +
                    $"largest memory estimate {Scenarios.MemoryEstimate.Format(points.Max(p => p.MemoryBytes))}");
                foreach (var p in points) o.WriteLine($"  point {p.Index}: {p.CommandLine}");
                o.WriteLine($"dry run: nothing written (would write {Path.GetFullPath(dir)})");
                return ExitCodes.Ok;
            }
            OutputLocation.Check(dir);
            var layout = SweepLayout.Prepare(d, dir);
            bool again = pr.GetValue(rerun);
            var todo = layout.Points.Where(p => layout.Status(p.Index) is not { } s || !(again ? s.Ok : s.Final)).ToList();
            int skipped = layout.Points.Count - todo.Count;
            if (pr.GetValue(emit) == "slurm")
            {
                if (todo.Count == 0) { o.WriteLine($"sweep {d.Name}: every point has finished; nothing to submit (fokker-planck collect {layout.Directory})"); return ExitCodes.Ok; }
                string script = SlurmScript.Write(layout, todo, SlurmScript.Settings.Of(d.Slurm, pr.GetValue(partition), pr.GetValue(time), pr.GetValue(throttle)));
                o.WriteLine($"wrote {script}: a job array of {todo.Count} points{(skipped > 0 ? $" ({skipped} finished before)" : "")}");
                // Slurm's default MaxArraySize is 1001 (task ids up to 1000).
                if (todo[^1].Index > 1000)
                    o.WriteLine($"note: the array's task ids reach {todo[^1].Index}; Slurm refuses ids above its MaxArraySize − 1 (1000 by default: " +
                        "scontrol show config | grep MaxArraySize), so split the sweep there");
                o.WriteLine($"submit: sbatch {script}");
                o.WriteLine($"then:   fokker-planck collect {layout.Directory}");
                return ExitCodes.Ok;
            }
            if (todo.Count == 0)
            {
                if (!q) o.WriteLine($"sweep {d.Name}: all {layout.Points.Count} points of '{d.Command}' in {layout.Directory} finished before; collecting");
                return CollectCommand.Report(layout, q ? null : o, pr.InvocationConfiguration.Error);
            }
            int cores = Environment.ProcessorCount, threads = todo.Max(p => p.Threads);
            long largest = todo.Max(p => p.MemoryBytes);
            int workers = pr.GetValue(jobs) ?? Math.Max(1, Math.Min(cores / threads, largest > 0 ? (int)Math.Min(int.MaxValue, budget / largest) : cores));
            if (!q)
                o.WriteLine($"sweep {d.Name}: {layout.Points.Count} point{(layout.Points.Count == 1 ? "" : "s")} of '{d.Command}' in {layout.Directory}; {todo.Count} to run" +
                    (skipped > 0 ? $", {skipped} finished before" : "") + $"; {workers} at once ({threads} thread{(threads == 1 ? "" : "s")} each, " +
                    $"largest memory estimate {Scenarios.MemoryEstimate.Format(largest)}, budget {Scenarios.MemoryEstimate.Format(budget)})");
            var outcome = LocalPool.Run(layout, todo, workers, budget, q ? null : o, cancel);
            if (outcome.Cancelled)
            {
                pr.InvocationConfiguration.Error.WriteLine($"cancelled: {outcome.Ok + outcome.Failed} of {todo.Count} points finished; the same command resumes the sweep");
                return ExitCodes.Cancelled;
            }
            return CollectCommand.Report(layout, q ? null : o, pr.InvocationConfiguration.Error);
        });
        return cmd;
    }
}
