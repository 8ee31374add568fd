using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Model;

/// <summary>The "point-mass" start: exact cell averages and CDF, the exact Gaussian law it becomes under a linear process,
/// the grid run that starts when the masses have spread (<see cref="PointMassStart"/>), its sampler, and its refusals.</summary>
public sealed class PointMasses1DTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-delta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string process, string initial, string grid = """{"lower": [-6], "upper": [6], "cells": [96]}""", double end = 1)
    {
        string file = Path.Combine(_dir, "d.json");
        File.WriteAllText(file, "{\"name\": \"delta\", \"process\": " + process + ", \"initial\": " + initial + ", \"grid\": " + grid +
            ", \"time\": {\"end\": " + end.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", \"snapshots\": 5}}");
        return file;
    }

    [Fact]
    public void CellAveragesAndCdfAreExactAndAPointOnAnEdgeIsShared()
    {
        var d = new PointMasses1D([1, 3], [0.25, 1.0]);
        Assert.Equal(0.25 / 0.5, d.CellAverage(0, 0.5));
        Assert.Equal(0.375 / 0.5, d.CellAverage(0.5, 1.0)); // the point 1.0 sits on the edge: half of 0.75
        Assert.Equal(0.375 / 0.5, d.CellAverage(1.0, 1.5));
        Assert.Equal(0.0, d.CellAverage(2, 3));
        Assert.Equal(0.25, d.Cdf(0.5));
        Assert.Equal(1.0, d.Cdf(1.0));
        var g = new Grid1D(-2, 2, 8);
        Assert.Equal(1.0, CellAverages.Of(g, d).Sum() * g.H, 1e-15);
        Assert.True(double.IsNaN(d.Score(0.25)));
        Assert.Throws<ArgumentException>(() => new PointMasses1D([1], [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PointMasses1D([1], [double.NaN]));
    }

    [Fact]
    public void UnderALinearProcessItBecomesTheGaussianMixtureAtTheMovedPoints()
    {
        var d = new PointMasses1D([1, 3], [-1.0, 2.0]);
        var e = Assert.IsType<GaussianMixture1D>(ExactMarginal.Of(new OuProcess(1, Math.Sqrt(2)), d, 0, 0.5));
        double m = Math.Exp(-0.5), v = 1 - Math.Exp(-1);
        Assert.Equal([-m, 2 * m], e.Means.ToArray(), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.All(e.Variances, s => Assert.Equal(v, s, 1e-15));
        Assert.Equal([0.25, 0.75], e.Weights.ToArray());
        Assert.IsType<PointMasses1D>(d.Evolve(2, 0));
    }

    /// <summary>The grid from a point mass under VP (a time-dependent linear process): every snapshot against the exact
    /// law within 1e-6 in L1 at 192 cells (extrapolated, as by default), with snapshots before the start time exact.</summary>
    [Fact]
    public void TheGridFromAPointMassMatchesTheExactLawUnderVp()
    {
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "vp"}""", """{"kind": "point-mass", "points": [[1.5], [-1]], "weights": [2, 1]}""",
            """{"lower": [-6], "upper": [6], "cells": [192]}"""));
        var sol = FokkerPlanckSolver.Solve(sc.Process, sc.Grid1D!, sc.Initial1D!, sc.Times, new SolverOptions(), TestCases.Managed);
        var g = sc.Grid1D!;
        var err = sc.Times.Select((t, s) => CellAverages.Of(g, ExactMarginal.Of(sc.Process, sc.Initial1D!, 0, t)!)
            .Zip(sol.Densities[s], (a, b) => Math.Abs(a - b)).Sum() * g.H).ToArray();
        Console.WriteLine($"point masses under vp, 192 cells: L1 per snapshot {string.Join(" ", err.Select(e => e.ToString("E2")))}");
        Assert.Equal(0, err[0]);
        Assert.True(err.Max() <= 1e-6, $"{err.Max():E2}");
        Assert.True(sol.DensityErrorEstimate!.Max() <= 1e-5, "the estimate is small too");
        Assert.Contains(sol.Warnings, w => w.Contains("the grid starts at t = ", StringComparison.Ordinal));
    }

    [Fact]
    public void MassesThatStayNarrowerThanTheStartWidthAreExactEverywhereAndSaidSo()
    {
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0.3]]}""", end: 1e-3));
        var sol = FokkerPlanckSolver.Solve(sc.Process, sc.Grid1D!, sc.Initial1D!, sc.Times, new SolverOptions(), TestCases.Managed);
        Assert.Equal(0, sol.Steps);
        Assert.Contains(sol.Warnings, w => w.Contains("every snapshot is the exact law's cell averages", StringComparison.Ordinal));
        var exact = CellAverages.Of(sc.Grid1D!, ExactMarginal.Of(sc.Process, sc.Initial1D!, 0, 1e-3)!);
        Assert.All(exact.Zip(sol.Densities[^1]), e => Assert.Equal(e.First, e.Second, 1e-14 * exact.Max()));
    }

    /// <summary>The sampler puts particles exactly on the points, each with its weight: the count at a point is binomial,
    /// so |k/n − w| ≤ 4 sqrt(w(1 − w)/n) (two-sided p ≈ 6e-5) must hold, and a wrong weight (0.3 against 0.25 with n = 20000,
    /// 16 sd away) must fail the same check.</summary>
    [Fact]
    public void TheSamplerPutsEachPointItsWeight()
    {
        const int n = 20000;
        var x = DensitySampler.Sample(new PointMasses1D([1, 3], [-1.0, 2.0]), n, seed: 7);
        Assert.All(x, v => Assert.True(v == -1.0 || v == 2.0));
        double share = x.Count(v => v == -1.0) / (double)n, bound = 4 * Math.Sqrt(0.25 * 0.75 / n);
        Assert.True(Math.Abs(share - 0.25) <= bound, $"{share}");
        Assert.False(Math.Abs(share - 0.3) <= bound, "control");
    }

    /// <summary>Particles of the forward SDE from a point mass against the exact law at the end: KS at level 1e-3, and
    /// the shifted law (mean + 0.1, about 14 standard errors of the mean for n = 20000) rejected.</summary>
    [Fact]
    public void ParticlesFromAPointMassFollowTheExactLaw()
    {
        var p = new OuProcess(1, Math.Sqrt(2));
        var start = new PointMasses1D([1], [1.0]);
        var r = FokkerPlanck.Particles.ParticleSimulator.Simulate(new FokkerPlanck.Particles.ParticleProblem(p, start, [0.0, 1.0]),
            new FokkerPlanck.Particles.ParticleOptions
            {
                Dynamics = FokkerPlanck.Particles.Dynamics.Parse("forward-sde"), Field = FokkerPlanck.Particles.FieldKind.Exact,
                Particles = 20_000, Steps = 50, Seed = 3,
            });
        var exact = ExactMarginal.Of(p, start, 0, 1)!;
        double pv = KolmogorovSmirnov.Test(r.X[^1], exact.Cdf).P, pShift = KolmogorovSmirnov.Test(r.X[^1], x => exact.Cdf(x - 0.1)).P;
        Assert.True(pv > 1e-3, $"p = {pv:E2}");
        Assert.True(pShift < 1e-3, $"control p = {pShift:E2}");
    }

    [Theory]
    [InlineData("""{"kind": "sde", "drift": "-x", "g": "1"}""", """{"kind": "point-mass", "points": [[0]]}""", "$.initial.kind", "closed form")]
    [InlineData("""{"kind": "langevin", "target": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]}}""",
        """{"kind": "point-mass", "points": [[0]]}""", "$.initial.kind", "closed form")]
    [InlineData("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0, 1]]}""", "$.initial.points[0]", "1 entry")]
    [InlineData("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0], [1]], "weights": [1]}""", "$.initial.points", "weights")]
    [InlineData("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0]], "extra": 1}""", "$.initial.extra", "")]
    [InlineData("""{"kind": "ou"}""", """{"kind": "point-mass"}""", "$.initial.points", "")]
    [InlineData("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0], [6]]}""", "$.initial.points[1]", "must lie inside the grid")]
    public void BadPointMassesAreRefused(string process, string initial, string path, string reason)
    {
        CliRefusal.Check(Scenario(process, initial), Path.Combine(_dir, "o"), path, reason);
    }

    /// <summary>Particles from point masses run the forward SDE only: the score does not exist at the start.</summary>
    [Theory]
    [InlineData("pf-ode")]
    [InlineData("reverse-sde")]
    [InlineData("lambda=0.5")]
    public void OnlyTheForwardSdeRunsFromPointMasses(string dynamics)
    {
        var p = new FokkerPlanck.Particles.ParticleProblem(new OuProcess(), new PointMasses1D([1], [1.0]), [0.0, 1.0]);
        var e = Assert.Throws<ArgumentException>(() => FokkerPlanck.Particles.ParticleSimulator.Simulate(p, new FokkerPlanck.Particles.ParticleOptions
        {
            Dynamics = FokkerPlanck.Particles.Dynamics.Parse(dynamics), Field = FokkerPlanck.Particles.FieldKind.Exact, Particles = 10, Steps = 10,
        }));
        Assert.Contains("forward SDE only", e.Message);
    }

    [Fact]
    public void AWallNearThePointIsSaid()
    {
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[5.9]]}"""));
        var sol = FokkerPlanckSolver.Solve(sc.Process, sc.Grid1D!, sc.Initial1D!, sc.Times, new SolverOptions(), TestCases.Managed);
        Assert.Contains(sol.Warnings, w => w.Contains("lies beyond the grid's walls", StringComparison.Ordinal));
    }

    [Fact]
    public void A2DPointMassIsRefused()
    {
        var (code, _, err) = CliTests.Invoke("solve", Scenario("""{"kind": "ou"}""", """{"kind": "point-mass", "points": [[0, 0]]}""",
            """{"lower": [-4, -4], "upper": [4, 4], "cells": [16, 16]}"""), "--out", Path.Combine(_dir, "o"), "-q");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("$.initial.kind: point-mass is 1D only", err);
    }
}
