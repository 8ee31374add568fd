namespace FokkerPlanck.Cli;

/// <summary>
/// Checks, before any work, that <c>--out</c> can be written: it is not a file, no existing part of its path is a file,
/// and the nearest existing directory on it accepts a new file (a read-only mount, /proc or missing permissions fail
/// here, with exit 2, instead of after the computation). <c>--dry-run</c> runs the same check.
/// </summary>
internal static class OutputLocation
{
    /// <summary>Throws ArgumentException (exit 2) naming --out when the directory cannot be written.</summary>
    /// <param name="outDir">The --out value.</param>
    public static void Check(string outDir)
    {
        string full;
        try { full = Path.GetFullPath(outDir); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"--out '{outDir}' is not a valid path: {e.Message}", "--out", e);
        }
        if (File.Exists(full)) throw new ArgumentException($"--out '{outDir}' is a file, not a directory", "--out");
        string? dir = full;
        while (dir is not null && !Directory.Exists(dir))
        {
            if (File.Exists(dir)) throw new ArgumentException($"--out '{outDir}': '{dir}' is a file, so no directory can be made below it", "--out");
            dir = Path.GetDirectoryName(dir);
        }
        if (dir is null) throw new ArgumentException($"--out '{outDir}': no part of the path exists", "--out");
        // A file of a unique name that the system removes when it is closed.
        string probe = Path.Combine(dir, $".fokker-planck-write-check.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--out '{outDir}': cannot write in '{dir}' ({e.Message})", "--out", e);
        }
    }
}
