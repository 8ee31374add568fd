using System.Reflection;
using FokkerPlanck.Discretization;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a grid solution as HDF5 (PureHDF): datasets x (nx), y (ny, 2D), t (nt), density (nt, nx) or (nt, nx, ny)
/// of cell averages, mass (nt); root attributes scenario (resolved JSON), backend, toolVersion, wallTimeSeconds,
/// steps, rejectedSteps, warnings. The file is written under a temporary name and renamed when complete, so a
/// failed or interrupted run never leaves a file that looks finished.
/// </summary>
public static class SolutionFile
{
    /// <summary>Tool version written into every file.</summary>
    public static string ToolVersion { get; } =
        typeof(SolutionFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Writes the solution.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="solution">Solution.</param>
    /// <param name="scenarioJson">Scenario JSON stored in the attribute 'scenario'.</param>
    public static void Write(string path, GridSolution solution, string scenarioJson)
    {
        ArgumentNullException.ThrowIfNull(solution);
        int nt = solution.Times.Length;
        var file = new H5File
        {
            ["t"] = solution.Times,
            ["mass"] = solution.Masses,
        };
        if (solution.Grid1 is { } g1)
        {
            file["x"] = g1.Centers();
            var d = new double[nt, g1.Cells];
            for (int s = 0; s < nt; s++) for (int i = 0; i < g1.Cells; i++) d[s, i] = solution.Densities[s][i];
            file["density"] = new H5Dataset(d);
        }
        else
        {
            var g2 = solution.Grid2!;
            int nx = g2.X.Cells, ny = g2.Y.Cells;
            file["x"] = g2.X.Centers();
            file["y"] = g2.Y.Centers();
            var d = new double[nt, nx, ny];
            for (int s = 0; s < nt; s++) for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) d[s, i, j] = solution.Densities[s][i * ny + j];
            file["density"] = new H5Dataset(d);
        }
        file.Attributes["scenario"] = scenarioJson;
        file.Attributes["backend"] = solution.Backend;
        file.Attributes["toolVersion"] = ToolVersion;
        file.Attributes["wallTimeSeconds"] = solution.WallTime.TotalSeconds;
        file.Attributes["steps"] = solution.Steps;
        file.Attributes["rejectedSteps"] = solution.Rejected;
        file.Attributes["warnings"] = string.Join("\n", solution.Warnings);
        WriteAtomically(path, file);
    }

    /// <summary>Writes an H5File to a temporary name beside the target, then renames it.</summary>
    /// <param name="path">Target.</param>
    /// <param name="file">Content.</param>
    public static void WriteAtomically(string path, H5File file)
    {
        string full = Path.GetFullPath(path);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
        try
        {
            file.Write(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
