using System.Diagnostics;
using System.Globalization;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// Runs one point of a prepared sweep, in this process: takes the point's lock (a second run of the same point, from another
/// pool or a twice-submitted array, is refused), clears what an earlier unfinished run left, runs the command of its
/// point.json with the point's folder as the place of scenario.json and out/, streams the command's output to stdout.txt
/// and stderr.txt, and writes status.json when the command has returned. The local pool and every Slurm array task run
/// points this way (<c>fokker-planck sweep-point DIR/points/NNNN</c>).
/// </summary>
internal static class PointRunner
{
    /// <summary>The lock file's name in a point's folder.</summary>
    public const string LockFile = "running.lock";

    /// <summary>Runs a point.</summary>
    /// <param name="pointDirectory">The point's folder.</param>
    /// <param name="cancel">Cancels the command.</param>
    /// <returns>The command's exit code.</returns>
    public static int Run(string pointDirectory, CancellationToken cancel)
    {
        string dir = Path.GetFullPath(pointDirectory), pointJson = Path.Combine(dir, "point.json");
        if (!File.Exists(pointJson)) throw new SweepException(pointDirectory, null, "is not a sweep point (no point.json; points are in SWEEPDIR/points/)");
        string[] args = SweepPoint.ReadArgs(File.ReadAllText(pointJson));
        var absolute = args.Select((a, i) =>
            (i == 1 && a == SweepPoint.ScenarioFile) || (i > 0 && args[i - 1] == "--out") ? Path.Combine(dir, a) : a).ToList();
        // The memory check inside the command is against everything this process may use (a Slurm task's --mem, or the
        // machine), not the half of it a lone command keeps for the rest of the machine: the pool and Slurm have already
        // budgeted the point. It does not change the results.
        if (args[0] != "validate" && !args.Contains("--max-memory"))
            absolute.InsertRange(absolute.Count - 2, ["--max-memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture)]);

        FileStream held;
        try { held = new FileStream(Path.Combine(dir, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
        catch (IOException) { throw new IOException($"{pointDirectory} is being run by another process (its {LockFile} is held)"); }
        using (held)
        {
            File.Delete(Path.Combine(dir, PointStatus.FileName));
            string outDir = Path.Combine(dir, SweepPoint.OutFolder);
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);

            var clock = Stopwatch.StartNew();
            int code;
            string errPath = Path.Combine(dir, "stderr.txt");
            using (var stdout = new StreamWriter(Path.Combine(dir, "stdout.txt")) { AutoFlush = true })
            using (var stderr = new StreamWriter(errPath) { AutoFlush = true })
                code = CliApp.Run([.. absolute], stdout, stderr, cancel);
            var lines = File.ReadAllLines(errPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            string? error = code == ExitCodes.Ok ? null
                : lines.LastOrDefault(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("internal error", StringComparison.Ordinal) ||
                                           l.StartsWith("cancelled", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"exit {code} without a message";
            bool summary = File.Exists(Path.Combine(outDir, RunSummary.FileName));
            new PointStatus(code, error, Math.Round(clock.Elapsed.TotalSeconds, 3), Environment.MachineName,
                DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), summary).Write(dir);
            return code;
        }
    }
}
