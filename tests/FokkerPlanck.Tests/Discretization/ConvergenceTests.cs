using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>Measured orders on refinement ladders against theory.</summary>
[Trait("Tier", "Full")]
public class ConvergenceTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(TimeScheme.Implicit)]
    [InlineData(TimeScheme.Explicit)]
    public void SpatialOrderOfScharfetterGummelIsTwo(TimeScheme scheme)
    {
        var p = new OuProcess();
        int[] n = [128, 256, 512, 1024];
        var err = n.Select(c =>
        {
            var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, c), TestCases.Mixture3, [0.0, 0.25, 0.5],
                new SolverOptions { Scheme = scheme, Tolerance = 1e-10, Extrapolate = false }, TestCases.Managed);
            return TestCases.L1Errors(sol, p, TestCases.Mixture3).Max();
        }).ToArray();
        double order = TestCases.Order(n.Select(c => 20.0 / c).ToArray(), err);
        log.WriteLine($"{scheme}: errors {string.Join(" ", err.Select(e => e.ToString("E3")))}; order {order:F3}");
        Assert.True(order >= 1.9 && order <= 2.2, $"order {order}");
    }

    [Fact]
    public void RichardsonExtrapolationIsFourthOrder()
    {
        var p = new VpProcess();
        int[] n = [128, 256, 512];
        var err = n.Select(c =>
        {
            var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, c), TestCases.Mixture3, [0.0, 0.25, 0.5],
                new SolverOptions { Tolerance = 1e-11, Extrapolate = true }, TestCases.Managed);
            return TestCases.L1Errors(sol, p, TestCases.Mixture3).Max();
        }).ToArray();
        double order = TestCases.Order(n.Select(c => 20.0 / c).ToArray(), err);
        log.WriteLine($"extrapolated: errors {string.Join(" ", err.Select(e => e.ToString("E3")))}; order {order:F3}");
        Assert.True(order >= 3.5, $"order {order}");
    }

    // Temporal order on a fixed grid against a fine-step reference of the same scheme (spatial error cancels).
    private static double TimeOrder(Func<double, double[]> run, double[] steps, double reference, double volume, ITestOutputHelper log, string name)
    {
        var exact = run(reference);
        var err = steps.Select(dt => ErrorNorms.Compare(run(dt), exact, volume).L1).ToArray();
        double order = TestCases.Order(steps, err);
        log.WriteLine($"{name}: dt {string.Join(" ", steps)} → errors {string.Join(" ", err.Select(e => e.ToString("E3")))}; order {order:F3}");
        return order;
    }

    [Fact]
    public void Ssprk3IsThirdOrderInTime()
    {
        var p = new VpProcess(0.1, 20);
        var g = new Grid1D(-8, 8, 160);
        var init = CellAverages.Of(g, TestCases.Mixture3);
        double[] Run(double dt) => FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, [0.0, 0.3],
            new SolverOptions { Scheme = TimeScheme.Explicit, FixedStep = dt }, TestCases.Managed).Densities[1];
        double order = TimeOrder(Run, [1.2e-3, 6e-4, 3e-4, 1.5e-4], 1.5e-5, g.H, log, "SSPRK3");
        Assert.InRange(order, 2.8, 3.2);
    }

    [Fact]
    public void CrankNicolsonIsSecondOrderInTime()
    {
        var p = new VpProcess(0.1, 20);
        var g = new Grid1D(-8, 8, 200);
        var init = CellAverages.Of(g, TestCases.Mixture3);
        double[] Run(double dt) => FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, [0.0, 0.5],
            new SolverOptions { FixedStep = dt }, TestCases.Managed).Densities[1];
        double order = TimeOrder(Run, [0.02, 0.01, 0.005, 0.0025], 2e-5, g.H, log, "Crank–Nicolson");
        Assert.InRange(order, 1.8, 2.2);
    }

    [Fact]
    public void PeacemanRachfordAdiIsSecondOrderInTime()
    {
        var p = new OuProcess();
        var g1 = new Grid1D(-6, 6, 40);
        var g = new Grid2D(g1, g1);
        var init = CellAverages.Of(g, TestCases.Mixture2D);
        double[] Run(double dt) => FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, [0.0, 0.5],
            new SolverOptions { FixedStep = dt }, TestCases.Managed).Densities[1];
        double order = TimeOrder(Run, [0.05, 0.025, 0.0125, 0.00625], 5e-5, g.CellArea, log, "ADI");
        Assert.InRange(order, 1.8, 2.2);
    }

    [Fact]
    public void AdaptiveControlMeetsItsTolerance()
    {
        var p = new VpProcess();
        var g = new Grid1D(-10, 10, 256);
        var init = CellAverages.Of(g, TestCases.Mixture3);
        var reference = FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, [0.0, 1.0], new SolverOptions { FixedStep = 2e-5 }, TestCases.Managed);
        foreach (double tol in new[] { 1e-5, 1e-7 })
        {
            var sol = FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, [0.0, 1.0], new SolverOptions { Tolerance = tol }, TestCases.Managed);
            double e = ErrorNorms.Compare(sol.Densities[1], reference.Densities[1], g.H).L1;
            log.WriteLine($"tolerance {tol:E0}: time error {e:E3} after {sol.Steps} steps ({sol.Rejected} rejected)");
            Assert.True(e <= tol, $"time error {e} above tolerance {tol}");
        }
    }
}
