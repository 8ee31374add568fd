using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>
/// An <c>sde</c> with a position-dependent diffusion D(x, t) (Itô: dX = f dt + sqrt(2 D) dW, ∂p/∂t = −∂x(f p) + ∂x²(D p)).
/// With zero drift between reflecting walls the stationary density is ∝ 1/D (Itô); with the drift f = D' it is uniform
/// (the isothermal, Hänggi–Klimontovich form ∂x(D ∂x p)). Both within 1e-8 relative at 256 cells, by the steady solve and
/// by a long solve; the discrete operator's stationary state is exactly ∝ 1/D at the centres.
/// </summary>
public sealed class PositionDiffusionTests(ITestOutputHelper log) : IDisposable
{
    private const string D = "1 + 0.5 * sin(2 * x)";
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-dx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Dx(double x) => 1 + 0.5 * Math.Sin(2 * x);

    private static Process Sde(string drift, string diffusion) => SdeCompiler.Sde([drift], null, new Dictionary<string, double>(), diffusion);

    // Exact cell averages of a density ∝ w on the grid, by 16-point Gauss–Legendre per cell (w is smooth: error ≪ 1e-14).
    private static double[] Exact(Grid1D g, Func<double, double> w)
    {
        var c = Enumerable.Range(0, g.Cells).Select(i => MathNet.Numerics.Integration.GaussLegendreRule.Integrate(w, g.Edge(i), g.Edge(i + 1), 16)).ToArray();
        double total = c.Sum();
        return c.Select(v => v / total / g.H).ToArray();
    }

    private static double MaxRelative(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x / y - 1)).Max();

    [Fact]
    public void TheDiscreteStationaryStateIsExactlyInverseToDAtTheCentres()
    {
        var g = new Grid1D(0, 4, 64);
        var r = SteadyState.Solve(Sde("0", D), g);
        var q = g.Centers().Select((x, i) => r.Density[i] * Dx(x)).ToArray();
        double spread = (q.Max() - q.Min()) / q.Average();
        log.WriteLine($"D p at the centres: relative spread {spread:E2}");
        Assert.True(spread < 1e-13, $"{spread:E2}");
    }

    [Fact]
    public void ItoStationaryDensityIsInverseToDWithin1e8()
    {
        var sc = ScenarioParser.ParseFile(Path.Combine(Scenarios.ScenarioSchemaTests.FindRoot(), "validation", "cases", "fplanck", "position-diffusion-ito.json"));
        var (p, g) = (sc.Process, sc.Grid1D!);
        var exact = Exact(g, x => 1 / Dx(x));
        var steady = SteadyEstimate.Solve(p, g);
        var sol = FokkerPlanckSolver.Solve(p, g, sc.Initial1D!, sc.Times, new SolverOptions { Tolerance = 1e-10 }, TestCases.Managed);
        var fields = GridFields.FromSolution(sol, p, withCurrent: true);
        double s = MaxRelative(steady.Density, exact), l = MaxRelative(sol.Densities[^1], exact);
        double js = steady.Current.Max(Math.Abs), jl = fields.Current![^1].Max(Math.Abs);
        log.WriteLine($"Itô, zero drift, D = {D} (validation/cases/fplanck/position-diffusion-ito.json): steady {s:E2} (estimate {steady.ErrorEstimate:E2}), long solve {l:E2}; |J| steady {js:E2}, long {jl:E2}");
        Assert.True(s <= 1e-8 && l <= 1e-8, $"steady {s:E2}, long {l:E2}");
        Assert.True(js <= 1e-10 && jl <= 1e-8, $"current {js:E2} {jl:E2}");
        // Control: the isothermal answer (uniform) is not what Itô gives.
        Assert.True(MaxRelative(steady.Density, Exact(g, _ => 1.0)) > 0.1);
    }

    [Fact]
    public void IsothermalFormWithDriftDPrimeIsUniformWithin1e8()
    {
        var p = Sde("cos(2 * x)", D); // f = D'(x)
        var g = new Grid1D(0, 4, 256);
        var steady = SteadyEstimate.Solve(p, g);
        var sol = FokkerPlanckSolver.Solve(p, g, new GaussianMixture1D([1.0], [2.0], [0.05]), [0.0, 20.0, 40.0], new SolverOptions { Tolerance = 1e-10 }, TestCases.Managed);
        double s = steady.Density.Max(v => Math.Abs(v * 4 - 1)), l = sol.Densities[^1].Max(v => Math.Abs(v * 4 - 1));
        log.WriteLine($"drift D', D = {D}: uniform within steady {s:E2}, long solve {l:E2}");
        Assert.True(s <= 1e-8 && l <= 1e-8, $"steady {s:E2}, long {l:E2}");
    }

    /// <summary>A constant D given as a diffusion expression runs the diffusing rates, which must give the g-form's
    /// solution (the two rate formulas are algebraically equal) to round-off.</summary>
    [Fact]
    public void AConstantDiffusionExpressionAgreesWithTheGForm()
    {
        var g = new Grid1D(-6, 6, 90); // h = 2/15: not a power of 2, so the two formulas round differently
        var init = new GaussianMixture1D([0.4, 0.6], [-1.0, 1.5], [0.3, 0.2]);
        var o = new SolverOptions { Extrapolate = false };
        var a = FokkerPlanckSolver.Solve(SdeCompiler.Sde(["-x + 0.3 * sin(x)"], "1.2", new Dictionary<string, double>()), g, init, [0.0, 0.5, 1.0], o, TestCases.Managed);
        var b = FokkerPlanckSolver.Solve(Sde("-x + 0.3 * sin(x)", "0.72"), g, init, [0.0, 0.5, 1.0], o, TestCases.Managed);
        double diff = a.Densities[^1].Zip(b.Densities[^1], (x, y) => Math.Abs(x - y)).Max() / a.Densities[^1].Max();
        log.WriteLine($"g = 1.2 against D = 0.72: max difference {diff:E2} of the peak");
        Assert.True(diff < 1e-12, $"{diff:E2}");
    }

    /// <summary>2D: zero drift, D(x, y) between reflecting walls; the plain scheme's stationary state has D p equal in
    /// every cell (the check: relative spread of D p after a long solve), and the isothermal drift ∇D makes it uniform.</summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void TwoDimensionalStationaryStatesFollowTheConvention()
    {
        var g1 = new Grid1D(0, 3, 24);
        var grid = new Grid2D(g1, g1);
        var init = new GaussianMixture2D([1.0], [[1.5, 1.5]], [[[0.1, 0.0], [0.0, 0.1]]]);
        var o = new SolverOptions { Extrapolate = false, Tolerance = 1e-10 };
        const string d2 = "1 + 0.3 * sin(x) * cos(y)";
        static double Dxy(double x, double y) => 1 + 0.3 * Math.Sin(x) * Math.Cos(y);
        var ito = FokkerPlanckSolver.Solve(SdeCompiler.Sde(["0", "0"], null, new Dictionary<string, double>(), d2), grid, init, [0.0, 30.0], o, TestCases.Managed);
        var q = Enumerable.Range(0, grid.Count).Select(c => ito.Densities[^1][c] * Dxy(g1.Center(c / 24), g1.Center(c % 24))).ToArray();
        double spread = (q.Max() - q.Min()) / q.Average();
        var iso = FokkerPlanckSolver.Solve(SdeCompiler.Sde(["0.3 * cos(x) * cos(y)", "-0.3 * sin(x) * sin(y)"], null, new Dictionary<string, double>(), d2),
            grid, init, [0.0, 30.0], o, TestCases.Managed);
        double uniform = 1.0 / 9.0, dev = iso.Densities[^1].Max(v => Math.Abs(v / uniform - 1));
        log.WriteLine($"2D, 24² cells, t = 30: Itô D p spread {spread:E2}; isothermal deviation from uniform {dev:E2} (second order at 24²)");
        Assert.True(spread < 1e-9, $"{spread:E2}");
        Assert.True(dev < 2e-3, $"{dev:E2}");
        Assert.True(ito.Densities[^1].Max(v => Math.Abs(v / uniform - 1)) > 0.1, "control: Itô is not uniform");
    }

    private string Scenario(string process)
    {
        string file = Path.Combine(_dir, "d.json");
        File.WriteAllText(file, "{\"name\": \"d\", \"process\": " + process +
            """, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[2.0]], "covariances": [[[0.05]]]}, "grid": {"lower": [0], "upper": [4], "cells": [64]}, "time": {"end": 1, "snapshots": 3}}""");
        return file;
    }

    [Theory]
    [InlineData("""{"kind": "sde", "drift": "0", "g": "1", "diffusion": "1"}""", "$.process.diffusion", "not both")]
    [InlineData("""{"kind": "sde", "drift": "0"}""", "$.process.g", "g (noise g(t)) or diffusion")]
    [InlineData("""{"kind": "sde", "drift": "0", "diffusion": "x - 1"}""", "$.process", "(it must be > 0)")]
    [InlineData("""{"kind": "sde", "drift": "0", "diffusion": "1 + sqrt(x - 1)"}""", "$.process", "diffusion D(x = ")]
    [InlineData("""{"kind": "sde", "drift": "0", "diffusion": "1 + z"}""", "$.process.diffusion", "z")]
    [InlineData("""{"kind": "sde", "drift": "0", "diffusion": "File.Exists(\"a\")"}""", "$.process.diffusion", "")]
    public void BadDiffusionsAreRefused(string process, string path, string reason)
    {
        CliRefusal.Check(Scenario(process), Path.Combine(_dir, "o"), path, reason);
    }

    [Fact]
    public void SolveAndSteadyRunFromTheCli()
    {
        string file = Scenario("""{"kind": "sde", "drift": "0", "diffusion": "1 + 0.5 * sin(2 * x)"}""");
        var (code, _, err) = CliTests.Invoke("solve", file, "--out", Path.Combine(_dir, "s"), "-q");
        Assert.True(code == ExitCodes.Ok, $"solve: exit {code}: {err}");
        (code, _, err) = CliTests.Invoke("steady", file, "--out", Path.Combine(_dir, "st"), "-q");
        Assert.True(code == ExitCodes.Ok, $"steady: exit {code}: {err}");
    }
}
