using FokkerPlanck.Particles;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a particle run as HDF5 (PureHDF): t (ns) process times of the snapshots in the order simulated (decreasing for
/// reverse dynamics); positions (ns, N) in 1D or (ns, N, 2) in 2D; with recorded trajectories, trajectoryTimes (K + 1)
/// and trajectories (K + 1, M) or (K + 1, M, 2). Root attributes: scenario, dynamics, direction, lambda, field,
/// integrator, steps, seed, particles, backend, toolVersion, fieldEvaluations, fallbacks (trust-region fallback count),
/// nonFinite, negativeControl, warnings and, unless reproducible, wallTimeSeconds. The layout follows netCDF-4 and CF
/// (<see cref="NetCdfLayout"/>): t, particle (index), component ("x", "y", 2D), trajectoryTimes and trajectory (index)
/// are dimension scales, so xarray opens the file with named dimensions. Written to a temporary name and renamed.
/// </summary>
public static class ParticleFile
{
    /// <summary>Writes the result.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="r">Result.</param>
    /// <param name="scenarioJson">Scenario JSON for the 'scenario' attribute.</param>
    /// <param name="reproducible">Omit the wall time, so that identical runs give identical bytes.</param>
    public static void Write(string path, ParticleResult r, string scenarioJson, bool reproducible = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        int ns = r.Times.Length, n = r.Count;
        var file = new H5File();
        var nc = new NetCdfLayout(file);
        var t = nc.Coordinate("t", r.Times, "process time of the snapshot", "1");
        var particle = nc.Coordinate("particle", Enumerable.Range(0, n).ToArray(), "particle index", null);
        var component = r.Y is null ? null : nc.Coordinate("component", new[] { "x", "y" }, "position component", null);
        H5Dataset[] Dims(H5Dataset time, H5Dataset index) => component is null ? [time, index] : [time, index, component];
        nc.Variable("positions", Stack(r.X, r.Y, ns, n), "particle positions", "1", Dims(t, particle));
        int m = r.TrajectoryX.Length == 0 ? 0 : r.TrajectoryX[0].Length;
        if (m > 0)
        {
            var tt = nc.Coordinate("trajectoryTimes", r.TrajectoryTimes, "process time of the trajectory record", "1");
            var trajectory = nc.Coordinate("trajectory", Enumerable.Range(0, m).ToArray(), "recorded particle index (the first particles)", null);
            nc.Variable("trajectories", Stack(r.TrajectoryX, r.TrajectoryY, r.TrajectoryX.Length, m), "recorded particle paths", "1", Dims(tt, trajectory));
        }
        foreach (var (k, v) in Attributes(r, scenarioJson, reproducible)) file.Attributes[k] = v;
        nc.Write(path);
    }

    /// <summary>The root attributes of a particle file (also written as attributes.json by the CSV export).</summary>
    /// <param name="r">Result.</param>
    /// <param name="scenarioJson">Scenario JSON.</param>
    /// <param name="reproducible">Omit the wall time.</param>
    /// <returns>Name to value (string, double or long), in file order.</returns>
    public static IReadOnlyList<KeyValuePair<string, object>> Attributes(ParticleResult r, string scenarioJson, bool reproducible = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = new List<KeyValuePair<string, object>>();
        void Add(string k, object v) => a.Add(new(k, v));
        Add("scenario", scenarioJson);
        Add("dynamics", r.Dynamics.Lambda == 1 ? (r.Dynamics.Direction == DynamicsDirection.Forward ? "forward-sde" : "reverse-sde")
            : r.Dynamics.Lambda == 0 ? "pf-ode" : "lambda");
        Add("direction", r.Dynamics.Direction == DynamicsDirection.Forward ? "forward" : "reverse");
        Add("lambda", r.Dynamics.Lambda);
        Add("field", r.Field == FieldKind.Grid ? "grid" : "exact");
        Add("integrator", r.Integrator.Name);
        Add("steps", (long)r.Steps);
        Add("seed", (long)r.Seed);
        Add("particles", (long)r.Count);
        Add("backend", r.Backend);
        Add("toolVersion", SolutionFile.ToolVersion);
        Add("fieldEvaluations", r.FieldEvaluations);
        Add("fallbacks", r.Fallbacks);
        Add("nonFinite", r.NonFinite);
        Add("negativeControl", r.Control.ToString());
        Add("warnings", string.Join("\n", r.Warnings));
        if (!reproducible) Add("wallTimeSeconds", r.WallTime.TotalSeconds);
        return a;
    }

    // (rows, n) in 1D, (rows, n, 2) in 2D.
    private static Array Stack(double[][] x, double[][]? y, int rows, int n)
    {
        if (y is null)
        {
            var a = new double[rows, n];
            for (int s = 0; s < rows; s++) for (int i = 0; i < n; i++) a[s, i] = x[s][i];
            return a;
        }
        var b = new double[rows, n, 2];
        for (int s = 0; s < rows; s++) for (int i = 0; i < n; i++) { b[s, i, 0] = x[s][i]; b[s, i, 1] = y[s][i]; }
        return b;
    }
}
