namespace FokkerPlanck.Benchmarks.Peers;

/// <summary>Where a Python peer comes from: its source folder (an environment variable, else a peers checkout beside the
/// repository, as on the development machines), or the packages Python imports by itself (pip).</summary>
internal static class PeerSource
{
    /// <summary>The folder to put on PYTHONPATH ("" when Python imports the module by itself), or null when the peer is absent.</summary>
    /// <param name="python">The Python.</param>
    /// <param name="module">The peer's module (fplanck, pde).</param>
    /// <param name="variable">The environment variable naming its source folder.</param>
    /// <param name="checkout">The development machines' checkout.</param>
    /// <returns>The folder, "", or null.</returns>
    public static string? Find(string python, string module, string variable, string checkout)
    {
        foreach (var folder in new[] { Environment.GetEnvironmentVariable(variable), Path.GetFullPath(checkout), "" })
        {
            if (folder is null || (folder.Length > 0 && !Directory.Exists(Path.Combine(folder, module)))) continue;
            try
            {
                PeerGrid.Process(python, ["-c", $"import {module}"], folder);
                return folder;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Not importable this way: try the next.
            }
        }
        return null;
    }
}
