using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Model;

/// <summary>The 1D "tabulated" density: closed-form density, score, CDF and cell averages under every linear process
/// (against quadrature, finite differences and an independent Monte Carlo), its sampler, the grid solve from it, and its
/// refusals.</summary>
public sealed class PiecewiseConstant1DTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-table1-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PiecewiseConstant1D Table => new(-1, 2, [1, 0, 3]); // cells of width 1: masses 0.25, 0, 0.75

    private string Scenario(string initial, string grid = """{"lower": [-6], "upper": [6], "cells": [240]}""")
    {
        string file = Path.Combine(_dir, "t.json");
        File.WriteAllText(file, "{\"name\": \"t1\", \"process\": {\"kind\": \"ou\"}, \"initial\": " + initial + ", \"grid\": " + grid + ", \"time\": {\"end\": 0.3, \"snapshots\": 4}}");
        return file;
    }

    [Fact]
    public void InlineAndNpyTablesAreTheSameDensity()
    {
        NpyFile.Write(Path.Combine(_dir, "t.npy"), [1, 0, 3], 3);
        var a = Assert.IsType<PiecewiseConstant1D>(ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1], "upper": [2], "values": [1, 0, 3]}""")).Initial1D);
        var b = Assert.IsType<PiecewiseConstant1D>(ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1], "upper": [2], "file": "t.npy"}""")).Initial1D);
        Assert.Equal(0.75, a.Density(1.5), 1e-15);
        Assert.Equal(0.0, a.Density(0.5));
        Assert.Equal(0.25, a.Cdf(0.5), 1e-15);
        for (int i = 0; i < 3; i++) Assert.Equal(a.Weight(i), b.Weight(i));
    }

    /// <summary>Under OU to t = 0.3 (m = e^-0.3, v = 1 - e^-0.6): cell averages against 16-point Gauss–Legendre on each
    /// cell of the closed-form density, the score against a central difference of ln p, the CDF against the integral.</summary>
    [Fact]
    public void EvolvedDensityScoreCdfAndCellAveragesAgree()
    {
        var e = ExactMarginal.Of(new OuProcess(1, 1), Table, 0, 0.3)!;
        foreach (double x in new[] { -2.0, -0.7, 0.4, 1.1, 2.6 })
        {
            double avg = e.CellAverage(x, x + 0.1), quad = MathNet.Numerics.Integration.GaussLegendreRule.Integrate(e.Density, x, x + 0.1, 16) / 0.1;
            Assert.Equal(quad, avg, 1e-12);
            double fd = (e.LogDensity(x + 1e-5) - e.LogDensity(x - 1e-5)) / 2e-5;
            Assert.Equal(fd, e.Score(x), 1e-6 * Math.Max(1, Math.Abs(fd)));
            double below = MathNet.Numerics.Integration.GaussLegendreRule.Integrate(e.Density, -12, x, 64);
            Assert.Equal(below, e.Cdf(x), 1e-10);
        }
    }

    /// <summary>The exact marginal against an independent Monte Carlo of the forward process (cells and positions drawn
    /// with System.Random, pushed through the transition): KS at level 1e-3 with n = 40000; the sample shifted by 0.05
    /// (≈ 10 standard errors of the mean) is rejected. And the tool's own sampler against the table (KS, same level).</summary>
    [Fact]
    public void ExactMarginalMatchesMonteCarloAndTheSamplerMatchesTheTable()
    {
        var ou = new OuProcess(1, 1);
        var (m, v) = ou.Transition(0, 0.3);
        var rng = new Random(5);
        var xs = new double[40000];
        for (int k = 0; k < xs.Length; k++)
        {
            double u = rng.NextDouble(), x0 = u < 0.25 ? -1 + rng.NextDouble() : 1 + rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            xs[k] = m * x0 + Math.Sqrt(v) * z;
        }
        var e = ExactMarginal.Of(ou, Table, 0, 0.3)!;
        Assert.True(KolmogorovSmirnov.Test(xs, e.Cdf).P > 1e-3);
        Assert.True(KolmogorovSmirnov.Test(xs.Select(x => x + 0.05).ToArray(), e.Cdf).P < 1e-3, "control");
        var own = DensitySampler.Sample(Table, 40000, 3);
        Assert.True(KolmogorovSmirnov.Test(own, Table.Cdf).P > 1e-3);
        Assert.DoesNotContain(own, x => x > 0 && x < 1);
    }

    [Fact]
    public void TheGridFromTheTableIsExactAtTheStartAndConverges()
    {
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1], "upper": [2], "values": [1, 0, 3]}"""));
        double L1(int cells)
        {
            var g = new Grid1D(-6, 6, cells);
            var sol = FokkerPlanckSolver.Solve(sc.Process, g, sc.Initial1D!, sc.Times, new SolverOptions { Extrapolate = false }, TestCases.Managed);
            var err = TestCases.L1Errors(sol, sc.Process, sc.Initial1D!);
            Assert.Equal(0, err[0], 1e-14);
            return err[^1];
        }
        double a = L1(240), b = L1(480);
        Assert.True(Math.Log2(a / b) > 0.8, $"order {Math.Log2(a / b):F2} ({a:E2}, {b:E2})");
    }

    [Theory]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2], "values": [1, 2]}""", "$.initial.lower", "1 entry on a 1D grid")]
    [InlineData("""{"kind": "tabulated", "lower": [-1], "upper": [2]}""", "$.initial.file", "file or values")]
    [InlineData("""{"kind": "tabulated", "lower": [-1], "upper": [2], "values": [0, 0]}""", "$.initial.values", "")]
    [InlineData("""{"kind": "tabulated", "lower": [-1], "upper": [2], "file": "two.npy"}""", "$.initial.file", "shape (n,)")]
    public void BadTablesAreRefused(string initial, string path, string reason)
    {
        NpyFile.Write(Path.Combine(_dir, "two.npy"), [1, 2, 3, 4, 5, 6], 3, 2);
        CliRefusal.Check(Scenario(initial), Path.Combine(_dir, "o"), path, reason);
    }
}
