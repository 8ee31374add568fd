using FokkerPlanck.Fields;
using FokkerPlanck.IO;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>'eval' through the real CLI entry point: values at a user's points equal <see cref="FieldSampler"/>'s, the
/// exact fields lie within the per-point error estimates, stored solutions are reused, and bad input exits 2 with one line.</summary>
public sealed class EvalCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        {"name": "small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [512]},
         "time": {"end": 0.5, "snapshots": 5}, "solver": {"tolerance": 1e-7}}
        """;

    private const string Small2D = """
        {"name": "small2d", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.0},
         "initial": {"kind": "gaussian-mixture", "weights": [0.5, 0.5], "means": [[-1.0, 0.0], [1.0, 0.5]],
                     "covariances": [[[0.3, 0.1], [0.1, 0.4]], [[0.5, 0.0], [0.0, 0.3]]]},
         "grid": {"lower": [-6.0, -6.0], "upper": [6.0, 6.0], "cells": [64, 64]}, "time": {"end": 0.4, "snapshots": 3}}
        """;

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliTests.Invoke(args);

    private static double[] Uniform(int n, double lo, double hi, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * r.NextDouble()).ToArray();
    }

    [Fact]
    public void TenThousandPointsMatchTheSamplerAndTheExactFieldsWithinTheEstimate()
    {
        string s = File("small.json", Small), outDir = Path.Combine(_dir, "e");
        double[] x = Uniform(10_000, -6, 6, 1);
        string pts = Path.Combine(_dir, "p.npy");
        NpyFile.Write(pts, x, x.Length);
        double[] times = [0.0, 0.1, 0.2375, 0.5];
        var (code, stdout, err) = Run("eval", s, "--points", pts, "--times", "0,0.1,0.2375,0.5", "--lambda", "0,1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("score est", stdout, StringComparison.Ordinal);
        using var f = H5File.OpenRead(Path.Combine(outDir, "eval.h5"));
        var score = f.Dataset("score").Read<double[,]>();
        var vel = f.Dataset("velocity").Read<double[,]>();
        var dens = f.Dataset("density").Read<double[,]>();
        var fwd = f.Dataset("forwardDrift").Read<double[,,]>();
        var exactScore = f.Dataset("exactScore").Read<double[,]>();
        var exactVel = f.Dataset("exactVelocity").Read<double[,]>();
        var exactDens = f.Dataset("exactDensity").Read<double[,]>();
        var estS = f.Dataset("scoreErrorEstimate").Read<double[,]>();
        var estV = f.Dataset("velocityErrorEstimate").Read<double[,]>();
        var estP = f.Dataset("densityErrorEstimate").Read<double[,]>();
        var weight = f.Dataset("weight").Read<double[,]>();
        Assert.Equal(x, f.Dataset("x").Read<double[]>());

        // The same fields in process: the sampler's values, to 1e-14.
        var sc = ScenarioParser.Parse(Small, "small");
        var sampler = new FieldSampler(sc.SolveFields().Fields);
        double worst = 0;
        for (int k = 0; k < times.Length; k++)
            for (int i = 0; i < x.Length; i++)
            {
                var v = sampler.At(x[i], times[k]);
                worst = Math.Max(worst, Math.Abs(v.ScoreX - score[k, i]) / (1 + Math.Abs(v.ScoreX)));
                worst = Math.Max(worst, Math.Abs(v.VelocityX - vel[k, i]) / (1 + Math.Abs(v.VelocityX)));
                worst = Math.Max(worst, Math.Abs(sampler.Density(x[i], times[k]) - dens[k, i]));
                worst = Math.Max(worst, Math.Abs(sampler.ForwardDrift(x[i], times[k], 1) - fwd[1, k, i]));
            }
        Assert.True(worst <= 1e-14, $"eval vs FieldSampler: {worst:E2}");

        // Exact fields within the per-point estimate where p ≥ 1e-6 max p and the weight is 1.
        double ratio = 0, measured = 0;
        for (int k = 0; k < times.Length; k++)
        {
            double pmax = Enumerable.Range(0, x.Length).Max(i => dens[k, i]);
            for (int i = 0; i < x.Length; i++)
            {
                if (dens[k, i] < 1e-6 * pmax || weight[k, i] < 1) continue;
                double es = Math.Abs(score[k, i] - exactScore[k, i]) / (1 + Math.Abs(exactScore[k, i]));
                double ev = Math.Abs(vel[k, i] - exactVel[k, i]) / (1 + Math.Abs(exactVel[k, i]));
                double ep = Math.Abs(dens[k, i] - exactDens[k, i]);
                Assert.True(es <= estS[k, i], $"score at t = {times[k]}, x = {x[i]}: error {es:E2} > estimate {estS[k, i]:E2}");
                Assert.True(ev <= estV[k, i], $"velocity at t = {times[k]}, x = {x[i]}: error {ev:E2} > estimate {estV[k, i]:E2}");
                Assert.True(ep <= estP[k, i], $"density at t = {times[k]}, x = {x[i]}: error {ep:E2} > estimate {estP[k, i]:E2}");
                measured = Math.Max(measured, es);
                ratio = Math.Max(ratio, estS[k, i]);
            }
        }
        // The bound is informative: within two decades of the largest measured error (a vacuous bound could not fail).
        Assert.True(measured > 0 && ratio < 100 * measured, $"largest score estimate {ratio:E2} vs largest measured error {measured:E2}");
    }

    [Fact]
    public void TwoDimensionalCsvPointsGiveCsvRowsPerTimeAndPoint()
    {
        string s = File("small2d.json", Small2D), outDir = Path.Combine(_dir, "e2");
        string pts = File("p.csv", "y,x\n0.5,-1.0\n0.0,0.25\n1.5,2.0\n");
        var (code, _, err) = Run("eval", s, "--points", pts, "--times", "0.2,0.4", "--format", "csv", "--out", outDir, "-q");
        Assert.True(code == 0, err);
        var lines = System.IO.File.ReadAllLines(Path.Combine(outDir, "eval.csv"));
        Assert.Equal(1 + 2 * 3, lines.Length);
        var head = lines[0].Split(',');
        Assert.Equal(["t", "x", "y", "density", "score_x", "score_y"], head[..6]);
        Assert.Contains("exactScore_y", head);
        var row = lines[1].Split(',');
        Assert.Equal((0.2, -1.0, 0.5), (double.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture)));
        var sampler = new FieldSampler(ScenarioParser.Parse(Small2D, "small2d").SolveFields().Fields);
        var v = sampler.At(-1.0, 0.5, 0.2);
        Assert.Equal(v.ScoreY, double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture), 14);
    }

    [Fact]
    public void AStoredSolutionIsReusedWithItsFieldsBitForBit()
    {
        string s = File("small.json", Small), solved = Path.Combine(_dir, "solved"), outDir = Path.Combine(_dir, "reuse");
        Assert.Equal(0, Run("solve", s, "--out", solved, "-q").Code);
        string h5 = Path.Combine(solved, "solution.h5");
        var stored = SolutionReader.Read(h5);
        var fields = GridFields.FromSolution(stored.Solution, stored.Scenario.Process);
        using (var f = H5File.OpenRead(h5))
        {
            var score = f.Dataset("score").Read<double[,]>();
            for (int k = 0; k < fields.Times.Length; k++)
                for (int i = 0; i < 512; i++) Assert.Equal(score[k, i], fields.Score[k][i]);
        }
        string pts = File("q.csv", "x\n-1.0\n0.3\n2.5\n");
        var (code, stdout, err) = Run("eval", "--fields", h5, "--points", pts, "--times", "0.125,0.2", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("fields from the stored solution: 5 snapshots", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("solving", stdout, StringComparison.Ordinal);
        using var e = H5File.OpenRead(Path.Combine(outDir, "eval.h5"));
        var sampler = new FieldSampler(fields);
        Assert.Equal(sampler.At(0.3, 0.2).ScoreX, e.Dataset("score").Read<double[,]>()[1, 1]);
    }

    [Fact]
    public void PointsOutsideTheDomainAreNaNAndCounted()
    {
        string s = File("small.json", Small), outDir = Path.Combine(_dir, "out");
        string pts = File("o.csv", "x\n0.0\n11.0\n-30\n");
        var (code, stdout, err) = Run("eval", s, "--points", pts, "--times", "0.5", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("warning: 2 of 3 points lie outside the grid's domain", stdout, StringComparison.Ordinal);
        using var f = H5File.OpenRead(Path.Combine(outDir, "eval.h5"));
        var d = f.Dataset("density").Read<double[,]>();
        Assert.True(double.IsFinite(d[0, 0]) && double.IsNaN(d[0, 1]) && double.IsNaN(d[0, 2]));
        Assert.True(double.IsFinite(f.Dataset("exactDensity").Read<double[,]>()[0, 1])); // exact values exist everywhere
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "missing points file", "--points|{dir}/none.csv", "none.csv does not exist" },
        { "unknown extension", "--points|{dir}/p.txt", "unknown extension '.txt'" },
        { "text in a CSV cell", "--points|{dir}/bad.csv", "'abc' is not a number" },
        { "non-finite point", "--points|{dir}/nan.csv", "is not finite" },
        { "2D points for a 1D scenario", "--points|{dir}/two.npy", "1D points need (N) or (N, 1)" },
        { "not a .npy file", "--points|{dir}/fake.npy", "not a .npy file" },
        { "time outside the run", "--points|{dir}/ok.csv|--times|0.7", "--times must lie in the scenario's [0, 0.5]" },
        { "time not a number", "--points|{dir}/ok.csv|--times|0,x", "'x' is not a finite number" },
        { "negative lambda", "--points|{dir}/ok.csv|--lambda|-1", "--lambda must be ≥ 0" },
        { "fields file that is not HDF5", "--points|{dir}/ok.csv|--fields|{dir}/ok.csv", "is not a readable HDF5 file" },
        { "fields file missing", "--points|{dir}/ok.csv|--fields|{dir}/none.h5", "none.h5 does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsTwoWithOneLineAndWritesNothing(string what, string args, string message)
    {
        string s = File("small.json", Small);
        File("p.txt", "1\n"); File("bad.csv", "x\n1.0\nabc\n"); File("nan.csv", "x\n1.0\nNaN\n"); File("ok.csv", "x\n0.5\n");
        File("fake.npy", "not numpy");
        NpyFile.Write(Path.Combine(_dir, "two.npy"), [1.0, 2.0, 3.0, 4.0], 2, 2);
        string outDir = Path.Combine(_dir, "bad");
        string[] extra = args.Replace("{dir}", _dir, StringComparison.Ordinal).Split('|');
        var (code, stdout, err) = Run(["eval", s, .. extra, "--out", outDir]);
        Assert.True(code == 2, $"{what}: exit {code}, {err}");
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), what);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void ExactFieldsNeedAKnownMarginalAndMissingPointsAreRefused()
    {
        string pts = File("ok.csv", "x\n0.5\n");
        var (code, _, err) = Run("eval", "langevin-gmm-1d", "--points", pts, "--field", "exact", "--out", Path.Combine(_dir, "x"));
        Assert.Equal(2, code);
        Assert.Contains("no exact marginal is known", err, StringComparison.Ordinal);
        (code, _, err) = Run("eval", "ou-gmm-1d", "--out", Path.Combine(_dir, "y"));
        Assert.Equal(2, code);
        Assert.Contains("--points", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredSolutionOfAnotherScenarioIsRefused()
    {
        string s = File("small.json", Small), solved = Path.Combine(_dir, "solved");
        Assert.Equal(0, Run("solve", s, "--out", solved, "-q").Code);
        string pts = File("ok.csv", "x\n0.5\n");
        var (code, _, err) = Run("eval", "ou-gmm-1d", "--fields", Path.Combine(solved, "solution.h5"), "--points", pts, "--out", Path.Combine(_dir, "z"));
        Assert.Equal(2, code);
        Assert.Contains("was solved for scenario 'small', not 'ou-gmm-1d'", err, StringComparison.Ordinal);
    }
}
