using System.Reflection;
using FokkerPlanck.Discretization;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a grid solution as HDF5 (PureHDF): datasets x (nx), y (ny, 2D), t (nt), density (nt, nx) or (nt, nx, ny)
/// of cell averages, mass (nt); root attributes scenario (resolved JSON), backend, toolVersion, wallTimeSeconds,
/// steps, rejectedSteps, warnings; with fields: score and velocity (nt, nx) or (nt, nx, ny, 2) at the cell centres,
/// trusted (nt, nx) or (nt, nx, ny) as uint8 (1 where the trust weight is 1 and no wall influences the cell,
/// <see cref="Fields.GridFields.IsTrusted"/>), attributes trustFloor and
/// untrustedCells. The file is written under a temporary name and renamed when complete, so a
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
    /// <param name="fields">Score and velocity fields of the solution, or null.</param>
    /// <param name="estimates">Error estimates per snapshot (datasets densityErrorEstimate, scoreErrorEstimate, velocityErrorEstimate), or null.</param>
    public static void Write(string path, GridSolution solution, string scenarioJson, Fields.GridFields? fields = null, Fields.ErrorEstimates? estimates = null)
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
        if (fields is not null) AddFields(file, solution, fields);
        if (estimates is not null)
        {
            file["densityErrorEstimate"] = estimates.Density;
            file["scoreErrorEstimate"] = estimates.Score;
            file["velocityErrorEstimate"] = estimates.Velocity;
        }
        foreach (var (k, v) in Attributes(solution, scenarioJson, fields)) file.Attributes[k] = v;
        WriteAtomically(path, file);
    }

    /// <summary>The root attributes of a solution file (also written as attributes.json by the CSV export).</summary>
    /// <param name="solution">Solution.</param>
    /// <param name="scenarioJson">Scenario JSON.</param>
    /// <param name="fields">Fields, or null.</param>
    /// <returns>Name to value (string, double or long), in file order.</returns>
    public static IReadOnlyList<KeyValuePair<string, object>> Attributes(GridSolution solution, string scenarioJson, Fields.GridFields? fields = null)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var a = new List<KeyValuePair<string, object>>();
        void Add(string k, object v) => a.Add(new(k, v));
        if (fields is not null)
        {
            Add("trustFloor", fields.Trust.Floor);
            Add("untrustedCells", fields.UntrustedCells);
        }
        Add("scenario", scenarioJson);
        Add("backend", solution.Backend);
        Add("toolVersion", ToolVersion);
        Add("wallTimeSeconds", solution.WallTime.TotalSeconds);
        Add("steps", solution.Steps);
        Add("rejectedSteps", solution.Rejected);
        Add("warnings", string.Join("\n", fields is null ? solution.Warnings : solution.Warnings.Concat(fields.Warnings)));
        return a;
    }

    private static void AddFields(H5File file, GridSolution solution, Fields.GridFields f)
    {
        int nt = solution.Times.Length;
        if (solution.Grid1 is { } g1)
        {
            int nx = g1.Cells;
            var s = new double[nt, nx]; var v = new double[nt, nx]; var m = new byte[nt, nx];
            for (int k = 0; k < nt; k++)
                for (int i = 0; i < nx; i++) { s[k, i] = f.Score[k][i]; v[k, i] = f.Velocity[k][i]; m[k, i] = f.IsTrusted(k, i) ? (byte)1 : (byte)0; }
            file["score"] = new H5Dataset(s); file["velocity"] = new H5Dataset(v); file["trusted"] = new H5Dataset(m);
        }
        else
        {
            var g2 = solution.Grid2!;
            int nx = g2.X.Cells, ny = g2.Y.Cells;
            var s = new double[nt, nx, ny, 2]; var v = new double[nt, nx, ny, 2]; var m = new byte[nt, nx, ny];
            for (int k = 0; k < nt; k++)
                for (int i = 0; i < nx; i++)
                    for (int j = 0; j < ny; j++)
                    {
                        int c = i * ny + j;
                        s[k, i, j, 0] = f.Score[k][c]; s[k, i, j, 1] = f.ScoreY![k][c];
                        v[k, i, j, 0] = f.Velocity[k][c]; v[k, i, j, 1] = f.VelocityY![k][c];
                        m[k, i, j] = f.IsTrusted(k, c) ? (byte)1 : (byte)0;
                    }
            file["score"] = new H5Dataset(s); file["velocity"] = new H5Dataset(v); file["trusted"] = new H5Dataset(m);
        }
    }

    /// <summary>Writes an H5File to a temporary name beside the target, then renames it.</summary>
    /// <param name="path">Target.</param>
    /// <param name="file">Content.</param>
    public static void WriteAtomically(string path, H5File file)
    {
        string full = Path.GetFullPath(path);
        PartialFiles.RemoveStale(full);
        string tmp = PartialFiles.For(full);
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
