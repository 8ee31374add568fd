using FokkerPlanck.Particles;

namespace FokkerPlanck.IO;

/// <summary>
/// NumPy: a directory per result with one .npy file (float64, C order) per dataset of the HDF5 layout, same names and
/// shapes (<c>np.load("out/particles/positions.npy")</c>), and the root attributes in attributes.json; 1D and 2D.
/// The trusted mask is written as float64 0/1. Written as a temporary directory and renamed when complete.
/// </summary>
public sealed class NpyFormat : IOutputFormat
{
    /// <inheritdoc />
    public string Name => "npy";

    /// <inheritdoc />
    public string Description => "one NumPy .npy file per dataset (same names and shapes as h5), attributes.json";

    /// <inheritdoc />
    public string? Refuses(int dimension) => null;

    /// <inheritdoc />
    public string SolutionPath(string directory) => Path.Combine(directory, "solution");

    /// <inheritdoc />
    public string ParticlePath(string directory) => Path.Combine(directory, "particles");

    /// <inheritdoc />
    public void WriteSolution(string path, SolutionOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = output.Solution;
        int nt = s.Times.Length;
        int[] space = s.Grid1 is { } g1 ? [g1.Cells] : [s.Grid2!.X.Cells, s.Grid2.Y.Cells];
        CsvExport.WriteAtomically(path, dir =>
        {
            void W(string name, double[] v, params int[] shape) => NpyFile.Write(Path.Combine(dir, name + ".npy"), v, shape);
            if (s.Grid1 is { } g) W("x", g.Centers(), g.Cells);
            else { W("x", s.Grid2!.X.Centers(), s.Grid2.X.Cells); W("y", s.Grid2.Y.Centers(), s.Grid2.Y.Cells); }
            W("t", s.Times, nt);
            W("mass", s.Masses, nt);
            W("density", s.Densities.SelectMany(d => d).ToArray(), [nt, .. space]);
            if (output.Fields is { } f)
            {
                int[] vshape = f.ScoreY is null ? [nt, .. space] : [nt, .. space, 2];
                W("score", Interleave(f.Score, f.ScoreY), vshape);
                W("velocity", Interleave(f.Velocity, f.VelocityY), vshape);
                W("trusted", f.Weight.SelectMany((w, k) => w.Select((_, c) => f.IsTrusted(k, c) ? 1.0 : 0.0)).ToArray(), [nt, .. space]);
                if (f.Current is null) { }
                else if (s.Grid1 is { } gc)
                {
                    W("xFace", Enumerable.Range(0, gc.Cells + 1).Select(k => gc.Lower + k * gc.H).ToArray(), gc.Cells + 1);
                    W("current", f.Current.SelectMany(v => v).ToArray(), nt, gc.Cells + 1);
                }
                else
                {
                    var g2 = s.Grid2!;
                    W("xFace", Enumerable.Range(0, g2.X.Cells + 1).Select(k => g2.X.Lower + k * g2.X.H).ToArray(), g2.X.Cells + 1);
                    W("yFace", Enumerable.Range(0, g2.Y.Cells + 1).Select(k => g2.Y.Lower + k * g2.Y.H).ToArray(), g2.Y.Cells + 1);
                    W("currentX", f.Current.SelectMany(v => v).ToArray(), nt, g2.X.Cells + 1, g2.Y.Cells);
                    W("currentY", f.CurrentY!.SelectMany(v => v).ToArray(), nt, g2.X.Cells, g2.Y.Cells + 1);
                }
            }
            if (output.Exact is { } x)
            {
                int[] vshape = x.ScoreY is null ? [nt, .. space] : [nt, .. space, 2];
                W("exactDensity", x.Density.SelectMany(d => d).ToArray(), [nt, .. space]);
                W("exactScore", Interleave(x.Score, x.ScoreY), vshape);
                W("exactVelocity", Interleave(x.Velocity, x.VelocityY), vshape);
            }
            if (output.Estimates is { } e)
            {
                W("densityErrorEstimate", e.Density, nt);
                W("scoreErrorEstimate", e.Score, nt);
                W("velocityErrorEstimate", e.Velocity, nt);
            }
            CsvExport.Attributes(Path.Combine(dir, "attributes.json"), SolutionFile.Attributes(s, output.ScenarioJson, output.Fields, output.Reproducible));
        });
    }

    // Rows of a (and b) flattened in C order; with b, the components interleaved as the last axis.
    private static double[] Interleave(double[][] a, double[][]? b) => b is null ? a.SelectMany(v => v).ToArray()
        : a.Zip(b).SelectMany(p => p.First.Zip(p.Second).SelectMany(q => new[] { q.First, q.Second })).ToArray();

    /// <inheritdoc />
    public void WriteParticles(string path, ParticleResult result, string scenarioJson, bool reproducible)
    {
        ArgumentNullException.ThrowIfNull(result);
        CsvExport.WriteAtomically(path, dir =>
        {
            void W(string name, double[] v, params int[] shape) => NpyFile.Write(Path.Combine(dir, name + ".npy"), v, shape);
            int ns = result.Times.Length, n = result.Count;
            W("t", result.Times, ns);
            W("positions", Interleave(result.X, result.Y), result.Y is null ? [ns, n] : [ns, n, 2]);
            int m = result.TrajectoryX.Length == 0 ? 0 : result.TrajectoryX[0].Length;
            if (m > 0)
            {
                int k = result.TrajectoryX.Length;
                W("trajectoryTimes", result.TrajectoryTimes, k);
                W("trajectories", Interleave(result.TrajectoryX, result.TrajectoryY), result.TrajectoryY is null ? [k, m] : [k, m, 2]);
            }
            CsvExport.Attributes(Path.Combine(dir, "attributes.json"), ParticleFile.Attributes(result, scenarioJson, reproducible));
        });
    }
}
