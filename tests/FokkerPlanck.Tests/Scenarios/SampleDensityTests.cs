using FokkerPlanck.Cli;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>The "samples" density: a Gaussian KDE of the user's file, i.e. an equal-weight Gaussian mixture.</summary>
public sealed class SampleDensityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-samples-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private string Scenario1D(string initial)
    {
        string file = Path.Combine(_dir, "kde.json");
        File.WriteAllText(file, "{\"name\": \"kde\", \"process\": {\"kind\": \"ou\"}, \"initial\": " + initial +
            """, "grid": {"lower": [-6], "upper": [6], "cells": [256]}, "time": {"end": 0.5, "snapshots": 3}}""");
        return file;
    }

    [Fact]
    public void OneDimensionalSamplesGiveScottsKernelAndSolveToTheExactMarginal()
    {
        var rng = new Random(11);
        var x = Enumerable.Range(0, 400).Select(_ => 0.5 + 0.3 * Normal(rng)).ToArray();
        NpyFile.Write(Path.Combine(_dir, "s.npy"), x, 400);
        // Relative to the scenario file's folder, whatever the current directory.
        var sc = ScenarioParser.ParseFile(Scenario1D("""{"kind": "samples", "file": "s.npy"}"""));
        var g = Assert.IsType<GaussianMixture1D>(sc.Initial1D);
        double mean = x.Average(), s2 = x.Sum(v => (v - mean) * (v - mean)) / 399;
        Assert.Equal(400, g.Weights.Count);
        Assert.All(g.Variances, v => Assert.Equal(Math.Pow(400, -0.4) * s2, v, 1e-15));
        Assert.Equal(x, g.Means);
        Assert.Contains(sc.Notes, n => n.Contains("400 samples"));
        var sol = sc.Solve(TestCases.Managed, sc.Solver);
        Assert.All(TestCases.L1Errors(sol, sc.Process, g), e => Assert.True(e <= 1e-6, $"L1 {e:E2}"));
    }

    [Fact]
    public void TwoDimensionalCsvWithSilvermansRule()
    {
        var rng = new Random(12);
        var lines = new List<string> { "x,y" };
        var pts = Enumerable.Range(0, 300).Select(_ => { double a = Normal(rng), b = Normal(rng); return (X: a, Y: 0.5 * a + 0.3 * b); }).ToArray();
        lines.AddRange(pts.Select(p => FormattableString.Invariant($"{p.X:R},{p.Y:R}")));
        File.WriteAllLines(Path.Combine(_dir, "s.csv"), lines);
        string file = Path.Combine(_dir, "kde2.json");
        File.WriteAllText(file, """{"name": "kde2", "process": {"kind": "vp"}, "initial": {"kind": "samples", "file": "s.csv", "bandwidth": "silverman"}, "grid": {"lower": [-5, -5], "upper": [5, 5], "cells": [32, 32]}, "time": {"end": 0.5, "snapshots": 3}}""");
        var sc = ScenarioParser.ParseFile(file);
        var g = Assert.IsType<GaussianMixture2D>(sc.Initial2D);
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        double sxy = pts.Sum(p => (p.X - mx) * (p.Y - my)) / 299, f = Math.Pow(4.0 / 4, 2.0 / 6) * Math.Pow(300, -2.0 / 6);
        Assert.Equal(f * sxy, g.Covariances.First().Sxy, 1e-14);
        Assert.Equal(300, g.Weights.Count);
    }

    [Theory]
    [InlineData("""{"kind": "samples", "file": "missing.npy"}""", "$.initial.file", "does not exist")]
    [InlineData("""{"kind": "samples", "file": "big.npy"}""", "$.initial.file", "at most 5000")]
    [InlineData("""{"kind": "samples", "file": "flat.npy"}""", "$.initial.file", "no spread")]
    [InlineData("""{"kind": "samples", "file": "flat.npy", "bandwidth": "wide"}""", "$.initial.bandwidth", "unknown rule")]
    [InlineData("""{"kind": "samples", "file": "flat.npy", "bandwidth": 0}""", "$.initial.bandwidth", "must be > 0")]
    public void BadSampleFilesAreRefusedAtTheirPath(string initial, string path, string reason)
    {
        NpyFile.Write(Path.Combine(_dir, "big.npy"), new double[6000], 6000);
        NpyFile.Write(Path.Combine(_dir, "flat.npy"), [1.0, 1.0, 1.0], 3);
        var (code, _, err) = CliTests.Invoke("solve", Scenario1D(initial), "--out", Path.Combine(_dir, "o"), "-q");
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(path + ":", err);
        Assert.Contains(reason, err);
    }
}
