using System.Diagnostics;

namespace FokkerPlanck.IO;

/// <summary>
/// The temporary names results are written under before they are renamed into place (<c>.NAME.PID-N.partial</c>, beside
/// the target; N tells apart the writes of one process), and the clean-up of those a killed run left behind: a partial
/// whose process no longer runs is removed by the next write of the same target.
/// </summary>
public static class PartialFiles
{
    /// <summary>The temporary path of this process for a target.</summary>
    /// <param name="fullTarget">The target's full path.</param>
    /// <returns>The temporary path beside it.</returns>
    public static string For(string fullTarget) =>
        Path.Combine(Path.GetDirectoryName(fullTarget)!, $".{Path.GetFileName(fullTarget)}.{Environment.ProcessId}-{Interlocked.Increment(ref _count)}.partial");

    private static long _count;

    /// <summary>Whether a file name is a partial of a target (any process's), by the naming of <see cref="For"/>.</summary>
    /// <param name="fileName">A file name (no folder).</param>
    /// <param name="targetFileName">The target's file name (no folder).</param>
    /// <returns>True for <c>.TARGET.….partial</c>.</returns>
    public static bool IsPartialOf(string fileName, string targetFileName) =>
        fileName.StartsWith(Prefix(targetFileName), StringComparison.Ordinal) && fileName.EndsWith(".partial", StringComparison.Ordinal);

    private static string Prefix(string targetFileName) => $".{targetFileName}.";

    /// <summary>Writes a text file (UTF-8) under this process's partial name, then renames it into place: a reader sees
    /// the old file or the new one, and two processes writing the same target do not share a temporary file.</summary>
    /// <param name="path">Target.</param>
    /// <param name="text">Contents.</param>
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        RemoveStale(full);
        string tmp = For(full);
        try
        {
            File.WriteAllText(tmp, text);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Removes the partials of a target whose writing process has ended (files or directories).</summary>
    /// <param name="fullTarget">The target's full path.</param>
    /// <returns>How many were removed.</returns>
    public static int RemoveStale(string fullTarget)
    {
        string? dir = Path.GetDirectoryName(fullTarget);
        if (dir is null || !Directory.Exists(dir)) return 0;
        string prefix = Prefix(Path.GetFileName(fullTarget));
        int removed = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, prefix + "*.partial"))
        {
            string middle = Path.GetFileName(path)[prefix.Length..^".partial".Length];
            int dash = middle.IndexOf('-');
            if (!int.TryParse(dash < 0 ? middle : middle[..dash], out int pid) || Running(pid)) continue;
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, true);
                else File.Delete(path);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run removed it first, or it is not ours to remove: leave it.
            }
        }
        return removed;
    }

    private static bool Running(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
