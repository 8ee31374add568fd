using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>'solve --exact' writes the exact fields beside the grid's, in every format; refused where none is known.</summary>
public sealed class SolveExactCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-exact-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ExactFieldsAreTheMarginalsAndSitBesideTheGridOnes()
    {
        string outDir = Path.Combine(_dir, "o");
        var (code, _, err) = CliTests.Invoke("solve", "ou-gmm-1d", "--exact", "--out", outDir, "-q");
        Assert.True(code == 0, err);
        using var f = H5File.OpenRead(Path.Combine(outDir, "solution.h5"));
        var t = f.Dataset("t").Read<double[]>();
        var x = f.Dataset("x").Read<double[]>();
        var d = f.Dataset("density").Read<double[,]>();
        var e = f.Dataset("exactDensity").Read<double[,]>();
        var s = f.Dataset("exactScore").Read<double[,]>();
        var sc = BuiltInScenarios.Get("ou-gmm-1d");
        int k = t.Length - 1;
        var marginal = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t[k])!;
        Assert.Equal(marginal.Score(x[100]), s[k, 100]);
        double worst = 0;
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(d[k, i] - e[k, i]));
        Assert.InRange(worst, 1e-14, 1e-6); // the grid is close to, and not identical with, the exact cell averages
    }

    [Fact]
    public void TwoDimensionalExactVectorsHaveAComponentAxisAndCsvAndNpyCarryThemToo()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b"), c = Path.Combine(_dir, "c");
        string scenario = Path.Combine(_dir, "s.json");
        File.WriteAllText(scenario, """
            {"name": "s", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.0},
             "initial": {"kind": "gaussian-mixture", "weights": [1.0], "means": [[0.5, 0.0]], "covariances": [[[0.5, 0.1], [0.1, 0.4]]]},
             "grid": {"lower": [-6.0, -6.0], "upper": [6.0, 6.0], "cells": [32, 24]}, "time": {"end": 0.2, "snapshots": 2}}
            """);
        Assert.Equal(0, CliTests.Invoke("solve", scenario, "--exact", "--out", a, "-q").Code);
        using (var f = H5File.OpenRead(Path.Combine(a, "solution.h5")))
            Assert.Equal([2UL, 32UL, 24UL, 2UL], f.Dataset("exactVelocity").Space.Dimensions);
        Assert.Equal(0, CliTests.Invoke("solve", scenario, "--exact", "--out", b, "--format", "npy", "-q").Code);
        Assert.Equal([2, 32, 24, 2], FokkerPlanck.IO.NpyFile.Read(Path.Combine(b, "solution", "exactScore.npy")).Shape);
        Assert.Equal(0, CliTests.Invoke("solve", "ou-gmm-1d", "--exact", "--out", c, "--format", "csv", "-q").Code);
        Assert.True(File.Exists(Path.Combine(c, "solution", "exactDensity.csv")));
    }

    [Fact]
    public void ExactIsRefusedWhereNoMarginalIsKnown()
    {
        string outDir = Path.Combine(_dir, "l");
        var (code, _, err) = CliTests.Invoke("solve", "langevin-gmm-1d", "--exact", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--exact: no exact marginal is known for scenario 'langevin-gmm-1d'", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
