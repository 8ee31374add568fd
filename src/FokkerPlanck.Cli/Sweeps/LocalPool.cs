using System.Diagnostics;
using System.Globalization;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// Runs points on this machine as child processes (<c>fokker-planck sweep-point</c>, the command a Slurm array task runs),
/// at most <c>jobs</c> at once and, beyond the first, only while the running points' memory estimates fit the budget. One
/// line per finished point, and a line every minute naming the points still running. Cancelling stops the running points;
/// they have no status.json then and run again when the sweep resumes.
/// </summary>
internal static class LocalPool
{
    /// <summary>Interval of the "still running" lines.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(60);

    /// <summary>What the pool did.</summary>
    /// <param name="Ok">Points that succeeded.</param>
    /// <param name="Failed">Points that failed (their errors were printed).</param>
    /// <param name="Cancelled">Whether the pool was cancelled before the end.</param>
    public readonly record struct Outcome(int Ok, int Failed, bool Cancelled);

    /// <summary>Runs the points.</summary>
    /// <param name="layout">The prepared sweep.</param>
    /// <param name="todo">Points to run, in order.</param>
    /// <param name="jobs">Most points at once.</param>
    /// <param name="memoryBudget">Bytes the running points' estimates may add up to (a point larger than it runs alone).</param>
    /// <param name="output">Progress lines (null: none).</param>
    /// <param name="cancel">Stops the pool.</param>
    /// <returns>Counts.</returns>
    public static Outcome Run(SweepLayout layout, IReadOnlyList<SweepPoint> todo, int jobs, long memoryBudget, TextWriter? output, CancellationToken cancel) =>
        RunAsync(layout, todo, jobs, memoryBudget, output, cancel).GetAwaiter().GetResult();

    private static async Task<Outcome> RunAsync(SweepLayout layout, IReadOnlyList<SweepPoint> todo, int jobs, long memoryBudget, TextWriter? output,
        CancellationToken cancel)
    {
        var (program, prefix) = SelfCommand.Resolve();
        var running = new Dictionary<Task, (SweepPoint Point, Process Process, Stopwatch Clock, Task<string> Stderr)>();
        int next = 0, ok = 0, failed = 0, finished = 0;
        long used = 0;
        try
        {
            while (next < todo.Count || running.Count > 0)
            {
                while (!cancel.IsCancellationRequested && next < todo.Count && running.Count < jobs &&
                       (running.Count == 0 || used + todo[next].MemoryBytes <= memoryBudget))
                {
                    var p = todo[next++];
                    var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    foreach (var a in prefix) psi.ArgumentList.Add(a);
                    psi.ArgumentList.Add("sweep-point");
                    psi.ArgumentList.Add(layout.PointDirectory(p.Index));
                    var proc = Process.Start(psi) ?? throw new IOException($"could not start {program}");
                    var stdout = proc.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    var stderr = proc.StandardError.ReadToEndAsync(CancellationToken.None);
                    running[proc.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => stdout, TaskScheduler.Default).Unwrap()] = (p, proc, Stopwatch.StartNew(), stderr);
                    used += p.MemoryBytes;
                }
                if (running.Count == 0) break; // cancelled before anything was started
                var beat = Task.Delay(Heartbeat, cancel);
                var done = await Task.WhenAny(running.Keys.Append(beat)).ConfigureAwait(false);
                if (cancel.IsCancellationRequested) break;
                if (done == beat)
                {
                    output?.WriteLine($"  running: {string.Join(", ", running.Values.Select(r => $"point {r.Point.Index} ({r.Clock.Elapsed.TotalMinutes:F1} min)"))}");
                    continue;
                }
                var (point, process, clock, errTask) = running[done];
                running.Remove(done);
                used -= point.MemoryBytes;
                finished++;
                var status = layout.Status(point.Index);
                string where = $"[{finished}/{todo.Count}] point {point.Index} ({point.Label})";
                if (status is { Ok: true })
                {
                    ok++;
                    output?.WriteLine($"{where}: ok, {status.WallTimeSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
                }
                else
                {
                    failed++;
                    string why = status is not null ? $"exit {status.ExitCode}: {status.Error}"
                        : $"ended with exit {process.ExitCode} and no status.json: {CliApp.OneLine(await errTask.ConfigureAwait(false))}";
                    output?.WriteLine($"{where}: FAILED, {why}");
                }
                process.Dispose();
            }
        }
        finally
        {
            foreach (var (_, (_, proc, _, _)) in running)
            {
                try { if (!proc.HasExited) proc.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { } // exited meanwhile
                proc.Dispose();
            }
        }
        return new Outcome(ok, failed, cancel.IsCancellationRequested);
    }
}
