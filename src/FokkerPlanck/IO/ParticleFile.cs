using FokkerPlanck.Particles;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a particle run as HDF5 (PureHDF): t (ns) process times of the snapshots in the order simulated (decreasing for
/// reverse dynamics); positions (ns, N) in 1D or (ns, N, 2) in 2D; with recorded trajectories, trajectoryTimes (K + 1)
/// and trajectories (K + 1, M) or (K + 1, M, 2). Root attributes: scenario, dynamics, direction, lambda, field,
/// integrator, steps, seed, particles, backend, toolVersion, fieldEvaluations, fallbacks (trust-region fallback count),
/// nonFinite, negativeControl, warnings and, unless reproducible, wallTimeSeconds. Written to a temporary name and renamed.
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
        var file = new H5File { ["t"] = r.Times };
        file["positions"] = new H5Dataset(Stack(r.X, r.Y, ns, n));
        int m = r.TrajectoryX.Length == 0 ? 0 : r.TrajectoryX[0].Length;
        if (m > 0)
        {
            file["trajectoryTimes"] = r.TrajectoryTimes;
            file["trajectories"] = new H5Dataset(Stack(r.TrajectoryX, r.TrajectoryY, r.TrajectoryX.Length, m));
        }
        foreach (var (k, v) in Attributes(r, scenarioJson, reproducible)) file.Attributes[k] = v;
        SolutionFile.WriteAtomically(path, file);
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
