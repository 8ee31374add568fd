using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// The Slurm job-array script of a sweep (DIR/sweep.slurm): one array task per point still to run, each running
/// <c>fokker-planck sweep-point DIR/points/NNNN</c> (what the local pool runs), with --cpus-per-task from the points'
/// threads, --mem from the largest memory estimate, the array throttle, and the sweep file's or the command line's
/// partition, time limit, account and extra lines. Slurm's own log of each task goes to its point's folder.
/// </summary>
internal static class SlurmScript
{
    /// <summary>The script's file name in the sweep folder.</summary>
    public const string FileName = "sweep.slurm";

    /// <summary>Settings of the script (null: not set).</summary>
    /// <param name="Partition">--partition.</param>
    /// <param name="Time">--time.</param>
    /// <param name="Account">--account.</param>
    /// <param name="Throttle">The %N of --array.</param>
    /// <param name="Extra">More #SBATCH options.</param>
    public sealed record Settings(string? Partition, string? Time, string? Account, int? Throttle, IReadOnlyList<string> Extra)
    {
        /// <summary>The sweep file's "slurm" object, overridden by the command line's values where given.</summary>
        /// <param name="file">The "slurm" object or null.</param>
        /// <param name="partition">Command-line --partition.</param>
        /// <param name="time">Command-line --time.</param>
        /// <param name="throttle">Command-line --array-throttle.</param>
        /// <returns>The settings.</returns>
        public static Settings Of(JsonObject? file, string? partition, string? time, int? throttle) => new(
            partition ?? file?["partition"]?.GetValue<string>(), time ?? file?["time"]?.GetValue<string>(), file?["account"]?.GetValue<string>(),
            throttle ?? (file?["throttle"] is { } t ? (int)SweepValues.Double(t) : null),
            file?["extra"] is JsonArray extra ? [.. extra.Select(e => e!.GetValue<string>())] : []);
    }

    /// <summary>"0-3,5,7-11": the indices as ranges.</summary>
    /// <param name="indices">Increasing indices.</param>
    /// <returns>Slurm's --array list.</returns>
    public static string Ranges(IReadOnlyList<int> indices)
    {
        var parts = new List<string>();
        for (int i = 0; i < indices.Count;)
        {
            int j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
            parts.Add(j == i ? Str(indices[i]) : $"{Str(indices[i])}-{Str(indices[j])}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    /// <summary>Writes DIR/sweep.slurm for the given points.</summary>
    /// <param name="layout">The prepared sweep.</param>
    /// <param name="todo">Points to run (not empty).</param>
    /// <param name="s">Settings.</param>
    /// <returns>The script's path.</returns>
    public static string Write(SweepLayout layout, IReadOnlyList<SweepPoint> todo, Settings s)
    {
        // #SBATCH lines are not shell: a path with blanks or a '%' (Slurm's pattern character) cannot be written in them.
        if (layout.Directory.Any(c => char.IsWhiteSpace(c) || c == '%'))
            throw new SweepException(layout.Directory, null, "a Slurm script cannot name a folder with blanks or '%' in its #SBATCH lines: choose another --out");
        if (s.Throttle is < 1) throw new SweepException("--array-throttle", null, $"must be ≥ 1 (got {s.Throttle})");
        foreach (var (what, value) in new[] { ("partition", s.Partition), ("time", s.Time), ("account", s.Account) }.Concat(s.Extra.Select(e => ("extra", (string?)e))))
            if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
                throw new SweepException("slurm", what, $"'{value}' cannot go on an #SBATCH line (blank or control characters)");
        int threads = todo.Max(p => p.Threads);
        long mib = (todo.Max(p => p.MemoryBytes) + (1 << 20) - 1) >> 20;
        var (program, prefix) = SelfCommand.Resolve();
        string w = layout.Width.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append($"# Sweep '{layout.Definition.Name}': {todo.Count} of its {layout.Points.Count} points, one array task each (written by fokker-planck {IO.SolutionFile.ToolVersion}).\n");
        sb.Append($"# Submit: sbatch {layout.Directory}/{FileName}    then: fokker-planck collect {layout.Directory}\n");
        sb.Append($"#SBATCH --job-name={layout.Definition.Name}\n");
        sb.Append($"#SBATCH --array={Ranges([.. todo.Select(p => p.Index)])}{(s.Throttle is int t ? "%" + Str(t) : "")}\n");
        sb.Append("#SBATCH --ntasks=1\n");
        sb.Append($"#SBATCH --cpus-per-task={Str(threads)}\n");
        sb.Append($"#SBATCH --mem={mib.ToString(CultureInfo.InvariantCulture)}M\n");
        sb.Append($"#SBATCH --output={layout.Directory}/points/%{w}a/slurm-%A_%a.out\n");
        if (s.Partition is not null) sb.Append($"#SBATCH --partition={s.Partition}\n");
        if (s.Time is not null) sb.Append($"#SBATCH --time={s.Time}\n");
        if (s.Account is not null) sb.Append($"#SBATCH --account={s.Account}\n");
        foreach (var e in s.Extra) sb.Append($"#SBATCH {e}\n");
        sb.Append("set -euo pipefail\n");
        sb.Append($"point=$(printf '%0{w}d' \"$SLURM_ARRAY_TASK_ID\")\n");
        sb.Append("exec ").Append(string.Join(' ', prefix.Prepend(program).Select(SweepPoint.Quote)))
          .Append(" sweep-point ").Append(SweepPoint.Quote(Path.Combine(layout.Directory, "points"))).Append("/\"$point\"\n");
        string path = Path.Combine(layout.Directory, FileName);
        File.WriteAllText(path, sb.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
