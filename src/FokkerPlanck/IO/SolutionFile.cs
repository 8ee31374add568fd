using System.Reflection;
using FokkerPlanck.Discretization;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a grid solution as HDF5 (PureHDF): datasets x (nx), y (ny, 2D), t (nt), density (nt, nx) or (nt, nx, ny)
/// of cell averages, mass (nt); root attributes scenario (resolved JSON), backend, toolVersion, wallTimeSeconds,
/// steps, rejectedSteps, warnings; with fields: score and velocity (nt, nx) or (nt, nx, ny, 2) at the cell centres,
/// current (nt, nx + 1) at the faces xFace, or currentX (nt, nx + 1, ny) and currentY (nt, nx, ny + 1) at xFace and yFace,
/// trusted (nt, nx) or (nt, nx, ny) as uint8 (1 where the trust weight is 1 and no wall influences the cell,
/// <see cref="Fields.GridFields.IsTrusted"/>), attributes trustFloor and
/// untrustedCells. With fields in 2D a coordinate component ("x", "y") labels the last axis. The layout follows
/// netCDF-4 and CF (<see cref="NetCdfLayout"/>): t, x, y and component are dimension scales, and every dataset
/// carries long_name and units, so xarray opens the file with named dimensions. The file is written under a
/// temporary name and renamed when complete, so a failed or interrupted run never leaves a file that looks finished.
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
    /// <param name="exact">Exact fields on the grid (datasets exactDensity, exactScore, exactVelocity), or null.</param>
    /// <param name="reproducible">Omit the wall time, so that identical runs give identical bytes.</param>
    public static void Write(string path, GridSolution solution, string scenarioJson, Fields.GridFields? fields = null, Fields.ErrorEstimates? estimates = null,
        Fields.ExactGridFields? exact = null, bool reproducible = false)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var file = new H5File();
        var nc = new NetCdfLayout(file);
        var t = nc.Coordinate("t", solution.Times, "time", "1");
        Axes axes;
        if (solution.Grid1 is { } g1)
        {
            var x = nc.Coordinate("x", g1.Centers(), "x (cell centre)", "1");
            axes = new Axes(nc, t, [x], null);
        }
        else
        {
            var g2 = solution.Grid2!;
            var x = nc.Coordinate("x", g2.X.Centers(), "x (cell centre)", "1");
            var y = nc.Coordinate("y", g2.Y.Centers(), "y (cell centre)", "1");
            var component = fields is null && exact is null ? null : nc.Coordinate("component", new[] { "x", "y" }, "vector component", null);
            axes = new Axes(nc, t, [x, y], component);
        }
        var shape = solution.Grid1 is { } gs ? new[] { gs.Cells } : new[] { solution.Grid2!.X.Cells, solution.Grid2.Y.Cells };
        axes.Scalar("density", Grids(solution.Densities, null, shape), "probability density p_t (cell average)");
        nc.Variable("mass", solution.Masses, "total probability mass", "1", t);
        if (fields is not null) AddFields(axes, solution, fields, shape);
        if (exact is not null)
        {
            axes.Scalar("exactDensity", Grids(exact.Density, null, shape), "exact cell averages of p_t");
            axes.Vector("exactScore", Grids(exact.Score, exact.ScoreY, shape), "exact score grad log p_t at the cell centres");
            axes.Vector("exactVelocity", Grids(exact.Velocity, exact.VelocityY, shape), "exact probability-flow velocity at the cell centres");
        }
        if (estimates is not null)
        {
            nc.Variable("densityErrorEstimate", estimates.Density, "estimated L1 error of the density", "1", t);
            nc.Variable("scoreErrorEstimate", estimates.Score, "estimated error of the score", "1", t);
            nc.Variable("velocityErrorEstimate", estimates.Velocity, "estimated error of the PF velocity", "1", t);
        }
        foreach (var (k, v) in Attributes(solution, scenarioJson, fields, reproducible)) file.Attributes[k] = v;
        nc.Write(path);
    }

    // The dimensions of a solution file: time, the grid axes and, for 2D vector fields, the component.
    private sealed record Axes(NetCdfLayout Nc, H5Dataset T, H5Dataset[] Space, H5Dataset? Component)
    {
        public H5Dataset Scalar(string name, Array values, string longName) =>
            Nc.Variable(name, values, longName, "1", [T, .. Space]);

        public H5Dataset Vector(string name, Array values, string longName) =>
            Nc.Variable(name, values, longName, "1", Component is null ? [T, .. Space] : [T, .. Space, Component]);
    }

    /// <summary>The root attributes of a solution file (also written as attributes.json by the CSV export).</summary>
    /// <param name="solution">Solution.</param>
    /// <param name="scenarioJson">Scenario JSON.</param>
    /// <param name="fields">Fields, or null.</param>
    /// <param name="reproducible">Leave out wallTimeSeconds.</param>
    /// <returns>Name to value (string, double or long), in file order.</returns>
    public static IReadOnlyList<KeyValuePair<string, object>> Attributes(GridSolution solution, string scenarioJson, Fields.GridFields? fields = null, bool reproducible = false)
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
        if (!reproducible) Add("wallTimeSeconds", solution.WallTime.TotalSeconds);
        Add("steps", solution.Steps);
        Add("rejectedSteps", solution.Rejected);
        Add("warnings", string.Join("\n", fields is null ? solution.Warnings : solution.Warnings.Concat(fields.Warnings)));
        return a;
    }

    // The probability current at the faces: 1D current (t, xFace); 2D currentX (t, xFace, y) and currentY (t, x, yFace).
    private static void AddCurrent(Axes axes, GridSolution solution, Fields.GridFields f)
    {
        if (f.Current is null) return;
        int nt = solution.Times.Length;
        if (solution.Grid1 is { } g1)
        {
            var xf = axes.Nc.Coordinate("xFace", Enumerable.Range(0, g1.Cells + 1).Select(k => g1.Lower + k * g1.H).ToArray(), "x (cell face)", "1");
            var j = new double[nt, g1.Cells + 1];
            for (int k = 0; k < nt; k++) for (int i = 0; i <= g1.Cells; i++) j[k, i] = f.Current[k][i];
            axes.Nc.Variable("current", j, "probability current J = f p - D dp/dx at the faces (the solver's flux)", "1", axes.T, xf);
            return;
        }
        var g = solution.Grid2!;
        int nx = g.X.Cells, ny = g.Y.Cells;
        var xFace = axes.Nc.Coordinate("xFace", Enumerable.Range(0, nx + 1).Select(k => g.X.Lower + k * g.X.H).ToArray(), "x (cell face)", "1");
        var yFace = axes.Nc.Coordinate("yFace", Enumerable.Range(0, ny + 1).Select(k => g.Y.Lower + k * g.Y.H).ToArray(), "y (cell face)", "1");
        var jx = new double[nt, nx + 1, ny]; var jy = new double[nt, nx, ny + 1];
        for (int k = 0; k < nt; k++)
        {
            for (int i = 0; i <= nx; i++) for (int c = 0; c < ny; c++) jx[k, i, c] = f.Current[k][i * ny + c];
            for (int i = 0; i < nx; i++) for (int c = 0; c <= ny; c++) jy[k, i, c] = f.CurrentY![k][i * (ny + 1) + c];
        }
        axes.Nc.Variable("currentX", jx, "x-component of the probability current at the x-faces (the solver's flux)", "1", axes.T, xFace, axes.Space[1]);
        axes.Nc.Variable("currentY", jy, "y-component of the probability current at the y-faces (the solver's flux)", "1", axes.T, axes.Space[0], yFace);
    }

    // [snapshot][cell] (and y-components) as (nt, nx[, ny][, 2]).
    private static Array Grids(double[][] a, double[][]? b, int[] shape)
    {
        int nt = a.Length;
        if (shape.Length == 1)
        {
            var r = new double[nt, shape[0]];
            for (int k = 0; k < nt; k++) for (int i = 0; i < shape[0]; i++) r[k, i] = a[k][i];
            return r;
        }
        int nx = shape[0], ny = shape[1];
        if (b is null)
        {
            var r = new double[nt, nx, ny];
            for (int k = 0; k < nt; k++) for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) r[k, i, j] = a[k][i * ny + j];
            return r;
        }
        var v = new double[nt, nx, ny, 2];
        for (int k = 0; k < nt; k++)
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++) { v[k, i, j, 0] = a[k][i * ny + j]; v[k, i, j, 1] = b[k][i * ny + j]; }
        return v;
    }

    private static void AddFields(Axes axes, GridSolution solution, Fields.GridFields f, int[] shape)
    {
        int nt = solution.Times.Length;
        AddCurrent(axes, solution, f);
        var s = Grids(f.Score, f.ScoreY, shape);
        var v = Grids(f.Velocity, f.VelocityY, shape);
        int cells = shape.Aggregate(1, (a, n) => a * n);
        Array m = shape.Length == 1 ? new byte[nt, shape[0]] : new byte[nt, shape[0], shape[1]];
        for (int k = 0; k < nt; k++)
            for (int c = 0; c < cells; c++)
            {
                byte b = f.IsTrusted(k, c) ? (byte)1 : (byte)0;
                if (m is byte[,] m1) m1[k, c] = b;
                else ((byte[,,])m)[k, c / shape[1], c % shape[1]] = b;
            }
        axes.Vector("score", s, "score grad log p_t at the cell centres");
        axes.Vector("velocity", v, "probability-flow velocity J/p_t at the cell centres");
        var trusted = axes.Scalar("trusted", m, "1 where the fields are trusted (trust weight 1, no wall influence)");
        trusted.Attributes.Remove("units");
        trusted.Attributes["flag_values"] = new byte[] { 0, 1 };
        trusted.Attributes["flag_meanings"] = "untrusted trusted";
    }

    /// <summary>Writes an H5File to a temporary name beside the target, then renames it.</summary>
    /// <param name="path">Target.</param>
    /// <param name="file">Content.</param>
    /// <param name="options">PureHDF write options, or null for the defaults.</param>
    public static void WriteAtomically(string path, H5File file, H5WriteOptions? options = null)
    {
        string full = Path.GetFullPath(path);
        PartialFiles.RemoveStale(full);
        string tmp = PartialFiles.For(full);
        try
        {
            file.Write(tmp, options ?? new H5WriteOptions());
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
