using System.Diagnostics;
using System.Globalization;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// Runs one point of a prepared sweep, in this process: clears what an earlier, unfinished run left, runs the command of
/// its point.json with the point's folder as the place of scenario.json and out/, sends the command's output to stdout.txt
/// and stderr.txt, and writes status.json when the command has returned. The local pool and every Slurm array task run
/// points this way (<c>fokker-planck sweep-point DIR/points/NNNN</c>).
/// </summary>
internal static class PointRunner
{
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
            (i == 1 && a == SweepPoint.ScenarioFile) || (i > 0 && args[i - 1] == "--out") ? Path.Combine(dir, a) : a).ToArray();

        File.Delete(Path.Combine(dir, PointStatus.FileName));
        string outDir = Path.Combine(dir, SweepPoint.OutFolder);
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);

        var clock = Stopwatch.StartNew();
        int code;
        string? error;
        using (var stdout = new StreamWriter(Path.Combine(dir, "stdout.txt")) { AutoFlush = true })
        using (var stderr = new StringWriter(CultureInfo.InvariantCulture))
        {
            code = CliApp.Run(absolute, stdout, stderr, cancel);
            string err = stderr.ToString();
            File.WriteAllText(Path.Combine(dir, "stderr.txt"), err);
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            error = code == ExitCodes.Ok ? null
                : lines.LastOrDefault(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("internal error", StringComparison.Ordinal) ||
                                           l.StartsWith("cancelled", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"exit {code} without a message";
        }
        new PointStatus(code, error, Math.Round(clock.Elapsed.TotalSeconds, 3), Environment.MachineName,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Write(dir);
        return code;
    }
}
