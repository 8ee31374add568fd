using System.Globalization;
using System.Text;
using FokkerPlanck.Fields;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Writes a <see cref="PointEvaluation"/>: as HDF5 (netCDF-4/CF, <see cref="NetCdfLayout"/>) with coordinates t, point,
/// component (2D) and lambda, variables x (and y) of the points, density, score, velocity, weight, the error estimates
/// (densityErrorEstimate, scoreErrorEstimate, velocityErrorEstimate), forwardDrift, reverseDrift and their exact counterparts (exactDensity, …) where known; or as one CSV table with a row per
/// (t, point) and a column per value (round-trip formatting). Both are written under a temporary name and renamed.
/// </summary>
public static class EvaluationFile
{
    /// <summary>Writes eval.h5.</summary>
    /// <param name="path">Target.</param>
    /// <param name="e">Values.</param>
    /// <param name="x">First coordinates of the points.</param>
    /// <param name="y">Second coordinates (2D), else null.</param>
    /// <param name="attributes">Root attributes (scenario, source, warnings, …).</param>
    public static void WriteHdf5(string path, PointEvaluation e, double[] x, double[]? y, IEnumerable<KeyValuePair<string, object>> attributes)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(attributes);
        var file = new H5File();
        var nc = new NetCdfLayout(file);
        var t = nc.Coordinate("t", e.Times, "time", "1");
        var point = nc.Coordinate("point", Enumerable.Range(0, x.Length).ToArray(), "point index (row of the points file)", null);
        var component = y is null ? null : nc.Coordinate("component", new[] { "x", "y" }, "vector component", null);
        var lambda = e.Lambdas.Length == 0 ? null : nc.Coordinate("lambda", e.Lambdas, "lambda of the lambda-family drift", "1");
        nc.Variable("x", x, "x of the point", "1", point);
        if (y is not null) nc.Variable("y", y, "y of the point", "1", point);
        H5Dataset[] Scalar() => [t, point];
        H5Dataset[] Vector() => component is null ? [t, point] : [t, point, component];
        H5Dataset[] Drift() => component is null ? [lambda!, t, point] : [lambda!, t, point, component];
        void Fields(string prefix, string how, double[,]? dens, Array? score, Array? vel, Array? fwd, Array? rev)
        {
            string N(string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];
            if (dens is not null) nc.Variable(N("density"), dens, $"probability density p_t ({how})", "1", Scalar());
            if (score is not null) nc.Variable(N("score"), score, $"score grad log p_t ({how})", "1", Vector());
            if (vel is not null) nc.Variable(N("velocity"), vel, $"probability-flow velocity ({how})", "1", Vector());
            if (lambda is not null && fwd is not null) nc.Variable(N("forwardDrift"), fwd, $"forward lambda drift f + (lambda - 1) g^2 s / 2 ({how})", "1", Drift());
            if (lambda is not null && rev is not null) nc.Variable(N("reverseDrift"), rev, $"reverse-clock lambda drift -f + (1 + lambda) g^2 s / 2 at tau = T - t ({how})", "1", Drift());
        }
        Fields("", "grid, interpolated", e.Density, e.Score, e.Velocity, e.ForwardDrift, e.ReverseDrift);
        if (e.Weight is not null) nc.Variable("weight", e.Weight, "trust weight of the grid values (1: from the grid alone)", "1", Scalar());
        if (e.DensityErrorEstimate is not null) nc.Variable("densityErrorEstimate", e.DensityErrorEstimate, "estimated absolute error of the grid density", "1", Scalar());
        if (e.ScoreErrorEstimate is not null) nc.Variable("scoreErrorEstimate", e.ScoreErrorEstimate, "estimated error of the grid score, max |d| / (1 + |s|)", "1", Scalar());
        if (e.VelocityErrorEstimate is not null) nc.Variable("velocityErrorEstimate", e.VelocityErrorEstimate, "estimated error of the grid PF velocity, max |d| / (1 + |v|)", "1", Scalar());
        Fields("exact", "exact", e.ExactDensity, e.ExactScore, e.ExactVelocity, e.ExactForwardDrift, e.ExactReverseDrift);
        foreach (var (k, v) in attributes) file.Attributes[k] = v;
        nc.Write(path);
    }

    /// <summary>Writes eval.csv: columns t, x(, y), then density, score(_x, _y), velocity(_x, _y), weight,
    /// forwardDrift[λ](_x, _y), reverseDrift[λ](_x, _y) and the exact ones, one row per (t, point).</summary>
    /// <param name="path">Target.</param>
    /// <param name="e">Values.</param>
    /// <param name="x">First coordinates.</param>
    /// <param name="y">Second coordinates, or null.</param>
    public static void WriteCsv(string path, PointEvaluation e, double[] x, double[]? y)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        var cols = new List<(string Name, Func<int, int, double> Value)>();
        string[] comps = y is null ? [""] : ["_x", "_y"];
        void Scalar(string name, double[,]? a) { if (a is not null) cols.Add((name, (k, i) => a[k, i])); }
        void Vector(string name, Array? a)
        {
            if (a is null) return;
            for (int c = 0; c < comps.Length; c++)
            {
                int cc = c;
                cols.Add((name + comps[c], a is double[,] a1 ? (k, i) => a1[k, i] : (k, i) => ((double[,,])a)[k, i, cc]));
            }
        }
        void Drift(string name, Array? a)
        {
            if (a is null) return;
            for (int l = 0; l < e.Lambdas.Length; l++)
                for (int c = 0; c < comps.Length; c++)
                {
                    int ll = l, cc = c;
                    string label = $"{name}[{e.Lambdas[l].ToString("R", CultureInfo.InvariantCulture)}]{comps[c]}";
                    cols.Add((label, a is double[,,] a1 ? (k, i) => a1[ll, k, i] : (k, i) => ((double[,,,])a)[ll, k, i, cc]));
                }
        }
        Scalar("density", e.Density); Vector("score", e.Score); Vector("velocity", e.Velocity); Scalar("weight", e.Weight);
        Scalar("densityErrorEstimate", e.DensityErrorEstimate); Scalar("scoreErrorEstimate", e.ScoreErrorEstimate); Scalar("velocityErrorEstimate", e.VelocityErrorEstimate);
        Drift("forwardDrift", e.ForwardDrift); Drift("reverseDrift", e.ReverseDrift);
        Scalar("exactDensity", e.ExactDensity); Vector("exactScore", e.ExactScore); Vector("exactVelocity", e.ExactVelocity);
        Drift("exactForwardDrift", e.ExactForwardDrift); Drift("exactReverseDrift", e.ExactReverseDrift);
        string full = Path.GetFullPath(path);
        PartialFiles.RemoveStale(full);
        string tmp = PartialFiles.For(full);
        try
        {
            using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)))
            {
                w.WriteLine(string.Join(',', new[] { "t", "x" }.Concat(y is null ? [] : ["y"]).Concat(cols.Select(c => c.Name))));
                var sb = new StringBuilder();
                for (int k = 0; k < e.Times.Length; k++)
                    for (int i = 0; i < x.Length; i++)
                    {
                        sb.Clear().Append(R(e.Times[k])).Append(',').Append(R(x[i]));
                        if (y is not null) sb.Append(',').Append(R(y[i]));
                        foreach (var c in cols) sb.Append(',').Append(R(c.Value(k, i)));
                        w.WriteLine(sb);
                    }
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
