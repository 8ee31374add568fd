using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Fields;

/// <summary>The probability current J at the faces: it drives the density (dp/dt = -ΔJ/h), vanishes in the discrete
/// stationary state of a gradient drift, and respects the boundaries.</summary>
public class CurrentTests
{
    [Fact]
    public void TheCurrentsDivergenceIsTheDensitysRateOfChange()
    {
        // Two snapshots 1e-3 apart: (p(t + δ) - p(t)) / δ against -(J_{i+½} - J_{i-½}) / h at the two snapshots' mean
        // (second order in δ; the time tolerance 1e-11 keeps the solver's error below it).
        var p = new OuProcess(1.0, 1.2);
        var g = new Grid1D(-8, 8, 400);
        double t0 = 0.3, dt = 1e-3;
        var sol = FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0, t0, t0 + dt], new SolverOptions { Tolerance = 1e-11, Extrapolate = false },
            TestCases.Managed);
        var f = GridFields.FromSolution(sol, p, withCurrent: true);
        double worst = 0, scale = 0, control = 0;
        for (int i = 0; i < g.Cells; i++)
        {
            double dpdt = (sol.Densities[2][i] - sol.Densities[1][i]) / dt;
            double div = -0.5 * ((f.Current![1][i + 1] - f.Current![1][i]) + (f.Current[2][i + 1] - f.Current[2][i])) / g.H;
            worst = Math.Max(worst, Math.Abs(dpdt - div));
            control = Math.Max(control, Math.Abs(dpdt + div));
            scale = Math.Max(scale, Math.Abs(dpdt));
        }
        Assert.True(worst < 1e-4 * scale, $"max |dp/dt + ΔJ/h| = {worst:E2} of {scale:E2}");
        Assert.True(control > 0.5 * scale, $"control {control:E2}"); // the opposite sign is far off
        Assert.Equal(0.0, f.Current![1][0]); // reflecting edges carry no current
        Assert.Equal(0.0, f.Current![1][g.Cells]);
    }

    [Fact]
    public void TheStationaryGaussianOfOuCarriesNoCurrent()
    {
        // OU's drift is a gradient: the discrete Gibbs state of one grid (no extrapolation) is exactly stationary, so J vanishes there (detailed
        // balance). The exact cell averages of N(0, 1) differ from it by O(h²) and relax at rate theta = 1: by t = 30
        // the current is down to round-off. A shifted start carries a current of order f p at t = 0.5.
        var p = new OuProcess(1.0, Math.Sqrt(2));
        var g = new Grid1D(-8, 8, 256);
        var stationary = new GaussianMixture1D([1.0], [0.0], [1.0]);
        var shifted = new GaussianMixture1D([1.0], [1.0], [1.0]);
        double Max(IDensity1D start, double end)
        {
            var sol = FokkerPlanckSolver.Solve(p, g, start, [0.0, end], new SolverOptions { Tolerance = 1e-10, Extrapolate = false }, TestCases.Managed);
            return GridFields.FromSolution(sol, p, withCurrent: true).Current![1].Max(Math.Abs);
        }
        double still = Max(stationary, 30), moving = Max(shifted, 0.5);
        Assert.True(still < 1e-12, $"stationary {still:E2}, shifted {moving:E2}");
        Assert.True(moving > 1e-2);
    }

    [Fact]
    public void AbsorbingEdgesCarryTheOutflowAndPeriodicSeamsOneValue()
    {
        var p = new OuProcess(0.0, 1.0);
        var start = new GaussianMixture1D([1.0], [1.5], [0.5]);
        var absorbing = FokkerPlanckSolver.Solve(p, new Grid1D(-3, 3, 120, Boundary.Absorbing), start, [0.0, 0.5], null, TestCases.Managed);
        var fa = GridFields.FromSolution(absorbing, p, withCurrent: true);
        Assert.True(fa.Current![1][120] > 1e-3, $"upper outflow {fa.Current![1][120]:E2}");
        Assert.True(fa.Current![1][0] < 0, $"lower outflow {fa.Current![1][0]:E2}");
        var periodic = FokkerPlanckSolver.Solve(p, new Grid1D(-3, 3, 120, Boundary.Periodic), start, [0.0, 0.5], null, TestCases.Managed);
        var fp = GridFields.FromSolution(periodic, p, withCurrent: true);
        Assert.Equal(fp.Current![1][0], fp.Current![1][120]);
        Assert.NotEqual(0.0, fp.Current![1][0]);
    }

    [Fact]
    public void TwoDimensionalCurrentsHaveTheFaceShapes()
    {
        var p = new OuProcess();
        var g = new Grid2D(new Grid1D(-5, 5, 20), new Grid1D(-4, 4, 16));
        var sol = FokkerPlanckSolver.Solve(p, g, TestCases.Mixture2D, [0.0, 0.2], null, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p, withCurrent: true);
        Assert.Equal(21 * 16, f.Current![1].Length);
        Assert.Equal(20 * 17, f.CurrentY![1].Length);
        // Divergence of the 2D current sums to zero over a closed (reflecting) box: mass is conserved.
        double sum = 0;
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 16; j++)
                sum += (f.Current![1][(i + 1) * 16 + j] - f.Current![1][i * 16 + j]) * g.Y.H + (f.CurrentY[1][i * 17 + j + 1] - f.CurrentY[1][i * 17 + j]) * g.X.H;
        Assert.True(Math.Abs(sum) < 1e-12, $"net outflow {sum:E2}");
        Assert.True(f.Current![1].Max(Math.Abs) > 1e-3);
    }
}
