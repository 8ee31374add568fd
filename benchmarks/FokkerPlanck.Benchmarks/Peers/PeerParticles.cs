using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FokkerPlanck.Benchmarks.Fixtures;
using FokkerPlanck.IO;

namespace FokkerPlanck.Benchmarks.Peers;

/// <summary>
/// This tool's particle engine against the vectorised numpy a user writes by hand (benchmarks/peers/numpy_particles.py),
/// on the same problem, particles, steps, start positions and grid tables, in one run: 10⁶ particles, 10 steps, the three
/// workloads of <see cref="Suites.ParticleStepBenchmarks"/>, 1D and 2D. Both sides are timed on their step loop only, best of
/// several runs (numpy: its own perf_counter; this tool: <see cref="FokkerPlanck.Particles.ParticleSimulator"/> per call, which also uploads the
/// starts and downloads the ends). Equal accuracy by construction: the same scheme and step on the same fields (numpy
/// interpolates linearly in time, this tool cubically: numpy does less work per step).
/// </summary>
internal static class PeerParticles
{
    /// <summary>One row of the comparison.</summary>
    public sealed record Row(string Workload, int Dims, double Ours, double Numpy, double OursMean, double NumpyMean, double OursSd, double NumpySd)
    {
        public double Ratio => Ours / Numpy;
    }

    public static List<Row> Run(string python, string script, int particles, int steps, int repeat, TextWriter log)
    {
        var rows = new List<Row>();
        foreach (int dims in new[] { 1, 2 })
            foreach (var (workload, name) in new[] { (ParticleWorkload.OuEulerMaruyamaExact, "ou-em"), (ParticleWorkload.ReverseSdeGridScore, "reverse-sde"), (ParticleWorkload.PfOdeRk4Grid, "pf-ode") })
            {
                using var f = new ParticleFixture(dims, workload, particles, steps);
                // Warm-up: at least three runs and one second, so that the tiered JIT has replaced the loop-free methods
                // between the kernels too (the kernels themselves are compiled optimized at once: see the project file).
                var warm = Stopwatch.StartNew();
                for (int w = 0; w < 3 || warm.Elapsed.TotalSeconds < 1; w++) f.Run();
                double best = double.PositiveInfinity;
                Particles.ParticleResult? last = null;
                for (int r = 0; r < repeat; r++)
                {
                    // Untimed, as BenchmarkDotNet does between iterations: the previous run's result arrays are collected,
                    // so this run's reuse their memory as numpy's allocator reuses freed memory in its loop, instead of
                    // first-touching fresh pages (13 µs per 4 KiB page on the 2-core build VM: 20 ms per 8 MB array).
                    last = null;
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var clock = Stopwatch.StartNew();
                    last = f.Run();
                    best = Math.Min(best, clock.Elapsed.TotalSeconds);
                }
                double ours = (double)particles * steps / best;
                string dir = Directory.CreateTempSubdirectory("fp-peer-").FullName;
                try
                {
                    Export(dir, f);
                    var peer = Python(python, [script, "--workload", name, "--fields", dir, "--steps", Str(steps), "--repeat", Str(repeat)]);
                    double mean = last!.X[^1].Average(), sd = Sd(last.X[^1]);
                    var row = new Row(name, dims, ours, peer.GetProperty("particleStepsPerSecond").GetDouble(), mean, peer.GetProperty("mean").GetDouble(),
                        sd, peer.GetProperty("sd").GetDouble());
                    log.WriteLine($"  {name,-12} {dims}D: this tool {row.Ours:E3}, numpy {row.Numpy:E3} particle-steps/s, ratio {row.Ratio:F2} " +
                                  $"(end mean {row.OursMean:F4} / {row.NumpyMean:F4}, sd {row.OursSd:F4} / {row.NumpySd:F4})");
                    rows.Add(row);
                }
                finally { Directory.Delete(dir, recursive: true); }
            }
        return rows;
    }

    // The tables and starts numpy reads: t, x[, y], score/velocity (nt, nx[, ny]) and starts (n, d).
    private static void Export(string dir, ParticleFixture f)
    {
        int n = f.X.Length, d = f.Y is null ? 1 : 2;
        var starts = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            starts[i * d] = f.X[i];
            if (d == 2) starts[i * d + 1] = f.Y![i];
        }
        NpyFile.Write(Path.Combine(dir, "starts.npy"), starts, n, d);
        if (f.Fields is not { } g) return;
        var sol = g.Solution;
        int nt = g.Times.Length;
        NpyFile.Write(Path.Combine(dir, "t.npy"), g.Times, nt);
        int[] shape;
        if (sol.Grid1 is { } g1)
        {
            NpyFile.Write(Path.Combine(dir, "x.npy"), g1.Centers(), g1.Cells);
            shape = [nt, g1.Cells];
        }
        else
        {
            var g2 = sol.Grid2!;
            NpyFile.Write(Path.Combine(dir, "x.npy"), g2.X.Centers(), g2.X.Cells);
            NpyFile.Write(Path.Combine(dir, "y.npy"), g2.Y.Centers(), g2.Y.Cells);
            shape = [nt, g2.X.Cells, g2.Y.Cells];
        }
        NpyFile.Write(Path.Combine(dir, "score.npy"), [.. g.Score.SelectMany(s => s)], shape);
        NpyFile.Write(Path.Combine(dir, "velocity.npy"), [.. g.Velocity.SelectMany(s => s)], shape);
        if (g.ScoreY is not null) NpyFile.Write(Path.Combine(dir, "scoreY.npy"), [.. g.ScoreY.SelectMany(s => s)], shape);
        if (g.VelocityY is not null) NpyFile.Write(Path.Combine(dir, "velocityY.npy"), [.. g.VelocityY.SelectMany(s => s)], shape);
    }

    /// <summary>Runs a Python script that prints one JSON line, and returns that line.</summary>
    internal static JsonElement Python(string python, IEnumerable<string> args)
    {
        string output = PeerGrid.Process(python, [.. args], null);
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static double Sd(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / x.Length);
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
