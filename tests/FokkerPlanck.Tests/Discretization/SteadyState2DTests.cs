using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>The 2D steady state (<see cref="SteadyState2D"/>): ADI as a stationary iteration to the null vector of the
/// solver's own operator — exactly Gibbs at the centres for a potential, the OU's N(0, I) within its error estimate, the
/// uniform density with current F on a torus — and the CLI's 2D <c>steady</c>.</summary>
public sealed class SteadyState2DTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-steady2-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double U(double x, double y) => 0.25 * Math.Pow(x * x - 1, 2) + 0.5 * y * y + 0.3 * x * y;

    [Fact]
    public void APotentialsStationaryStateIsExactlyGibbsAtTheCentres()
    {
        var p = SdeCompiler.Potential("0.25 * pow(x * x - 1, 2) + 0.5 * y * y + 0.3 * x * y", "0.5", 2, new Dictionary<string, double>());
        var g1 = new Grid1D(-3, 3, 32);
        var g = new Grid2D(g1, g1);
        var (sol, residual, cycles) = SteadyState2D.Solve(p, g, 0, extrapolate: false, TestCases.Managed);
        var d = sol.Densities[0];
        double top = d.Max();
        var q = Enumerable.Range(0, g.Count).Where(c => d[c] >= 1e-8 * top)
            .Select(c => d[c] * Math.Exp(U(g1.Center(c / 32), g1.Center(c % 32)) / 0.5)).ToArray();
        double spread = (q.Max() - q.Min()) / q.Average();
        log.WriteLine($"2D potential, 32² cells: p e^(U/T) spread {spread:E2} over {q.Length} cells, residual {residual:E2}, {cycles} cycles");
        Assert.True(spread < 1e-10, $"{spread:E2}");
        Assert.True(residual < 1e-11, $"{residual:E2}");
    }

    [Fact]
    public void OuStationaryStateIsNormalWithinItsEstimate()
    {
        var g1 = new Grid1D(-6, 6, 48);
        var g = new Grid2D(g1, g1);
        var (sol, _, _) = SteadyState2D.Solve(new OuProcess(), g, 0, extrapolate: true, TestCases.Managed);
        var exact = CellAverages.Of(g, new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[1.0, 0.0], [0.0, 1.0]]]));
        double l1 = sol.Densities[0].Zip(exact, (a, b) => Math.Abs(a - b)).Sum() * g.CellArea, est = sol.DensityErrorEstimate![0];
        log.WriteLine($"2D OU, 48² cells, extrapolated: L1 {l1:E2}, estimate {est:E2}");
        Assert.True(l1 < 1e-4, $"{l1:E2}");
        Assert.InRange(est / l1, 1.0, 30.0);
    }

    [Fact]
    public void AConstantDriftOnATorusIsUniformWithCurrentF()
    {
        var p = SdeCompiler.Sde(["0.7", "-0.4"], "1", new Dictionary<string, double>());
        var g1 = new Grid1D(0, 2 * Math.PI, 24, Boundary.Periodic);
        var g = new Grid2D(g1, g1);
        var (sol, _, _) = SteadyState2D.Solve(p, g, 0, extrapolate: true, TestCases.Managed);
        double area = 4 * Math.PI * Math.PI;
        double dev = sol.Densities[0].Max(v => Math.Abs(v * area - 1));
        var f = GridFields.FromSolution(sol, p, withCurrent: true);
        double jx = f.Current![0].Max(j => Math.Abs(j / (0.7 / area) - 1)), jy = f.CurrentY![0].Max(j => Math.Abs(j / (-0.4 / area) - 1));
        log.WriteLine($"torus, constant drift: density {dev:E2}, current x {jx:E2}, y {jy:E2} (relative)");
        Assert.True(dev < 1e-11 && jx < 1e-10 && jy < 1e-10, $"{dev:E2} {jx:E2} {jy:E2}");
    }

    /// <summary>A boundary per axis: on a cylinder (x periodic, y reflecting) a potential periodic in x has the Gibbs state
    /// at the centres exactly and no current; with one side of y absorbing there is no steady state and the solve refuses.</summary>
    [Fact]
    public void APeriodicPotentialOnACylinderIsGibbsWithoutCurrent()
    {
        var p = SdeCompiler.Potential("cos(x) + 0.5 * y * y", "1", 2, new Dictionary<string, double>());
        var gx = new Grid1D(0, 2 * Math.PI, 24, Boundary.Periodic); var gy = new Grid1D(-5, 5, 20);
        var g = new Grid2D(gx, gy);
        var (sol, _, _) = SteadyState2D.Solve(p, g, 0, extrapolate: false, TestCases.Managed);
        var d = sol.Densities[0];
        var q = Enumerable.Range(0, g.Count).Select(c => d[c] * Math.Exp(Math.Cos(gx.Center(c / 20)) + 0.5 * Math.Pow(gy.Center(c % 20), 2))).ToArray();
        double spread = (q.Max() - q.Min()) / q.Average();
        var f = GridFields.FromSolution(sol, p, withCurrent: true);
        double jmax = f.Current![0].Concat(f.CurrentY![0]).Max(Math.Abs);
        log.WriteLine($"cylinder, periodic potential: p e^U spread {spread:E2}, largest |J| {jmax:E2}");
        Assert.True(spread < 1e-10, $"{spread:E2}");
        Assert.True(jmax < 1e-12, $"{jmax:E2}");
        var absorbing = new Grid2D(gx, new Grid1D(-5, 5, 20, Boundary.Absorbing, Boundary.Reflecting));
        var e = Assert.Throws<ArgumentException>(() => SteadyState2D.Solve(p, absorbing, 0, extrapolate: false, TestCases.Managed));
        Assert.Contains("absorbing edge", e.Message, StringComparison.Ordinal);
    }

    private string Scenario(string process, string boundary = "reflecting")
    {
        string file = Path.Combine(_dir, "s.json");
        File.WriteAllText(file, "{\"name\": \"s2\", \"process\": " + process +
            """, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0, 0]], "covariances": [[[0.5, 0], [0, 0.5]]]}, "grid": {"lower": [-5, -5], "upper": [5, 5], "cells": [32, 32], "boundary": """ +
            "\"" + boundary + "\"}, \"time\": {\"end\": 1, \"snapshots\": 2}}");
        return file;
    }

    [Fact]
    public void TheCliSolves2DAndRefusesWhatHasNoSteadyState()
    {
        var (code, stdout, err) = CliTests.Invoke("steady", Scenario("""{"kind": "ou"}"""), "--out", Path.Combine(_dir, "ok"));
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        Assert.Contains("L1 error against the exact stationary density", stdout);
        Assert.True(File.Exists(Path.Combine(_dir, "ok", "solution.h5")));
        (code, _, err) = CliTests.Invoke("steady", Scenario("""{"kind": "ou"}""", "absorbing"), "--out", Path.Combine(_dir, "a"), "-q");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("absorbing", err);
        (code, _, err) = CliTests.Invoke("steady", Scenario("""{"kind": "vp"}"""), "--out", Path.Combine(_dir, "v"), "-q");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("depends on time", err);
    }
}
