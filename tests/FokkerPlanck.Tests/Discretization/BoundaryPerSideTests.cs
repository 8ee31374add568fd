using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Scenarios;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>
/// A boundary condition per axis and per side, against closed forms built by the method of images: free diffusion from
/// a point mass between an absorbing wall at 0 and a reflecting one far above (validation/cases/fplanck/first-passage),
/// and on a cylinder, periodic in x and absorbing below in y (periodic-absorbing-2d). Errors are L1 against the exact
/// cell averages (relative to the initial mass 1) and the relative error of the surviving mass.
/// </summary>
public sealed class BoundaryPerSideTests(ITestOutputHelper log)
{
    private static string Path(string name) => System.IO.Path.Combine(Scenarios.ScenarioSchemaTests.FindRoot(), "validation", "cases", "fplanck", name + ".json");

    // N(x; m, v) - N(x; -m, v) integrated over [a, b]: the density of a diffusion killed at 0.
    private static double Images(double a, double b, double m, double v)
    {
        double s = Math.Sqrt(v);
        return Normal.CDF(m, s, b) - Normal.CDF(m, s, a) - (Normal.CDF(-m, s, b) - Normal.CDF(-m, s, a));
    }

    private static double[] ImageAverages(Grid1D g, double m, double v) =>
        Enumerable.Range(0, g.Cells).Select(i => Images(g.Edge(i), g.Edge(i + 1), m, v) / g.H).ToArray();

    /// <summary>Absorbing below, reflecting above: every snapshot of the extrapolated solve within 1e-6 (L1 and survival),
    /// the plain scheme second order between 256 and 512 cells, and the mass that left reported.</summary>
    [Fact]
    public void FirstPassageAbsorbingBelowReflectingAbove()
    {
        var sc = ScenarioParser.ParseFile(Path("first-passage"));
        var g = sc.Grid1D!;
        Assert.Equal((Boundary.Absorbing, Boundary.Reflecting), (g.LowerBoundary, g.UpperBoundary));
        double[] L1(Grid1D grid, bool extrapolate, out GridSolution sol)
        {
            sol = FokkerPlanckSolver.SolveWithoutEstimate(sc.Process, grid, sc.Initial1D!, sc.Times, new SolverOptions { Tolerance = 1e-10, Extrapolate = extrapolate }, TestCases.Managed);
            var s = sol;
            return sc.Times.Select((t, k) => t == 0 ? 0 : ImageAverages(grid, 2.0, 2 * t).Zip(s.Densities[k], (a, b) => Math.Abs(a - b)).Sum() * grid.H).ToArray();
        }
        var x = L1(g, true, out var best);
        double plain = L1(g, false, out _)[^1], fine = L1(g.Scaled(2), false, out _)[^1];
        var survival = sc.Times.Select((t, k) => t == 0 ? 0 : Math.Abs(best.Masses[k] / MathNet.Numerics.SpecialFunctions.Erf(1 / Math.Sqrt(t)) - 1)).ToArray();
        log.WriteLine($"first passage: extrapolated L1 per snapshot {string.Join(" ", x.Select(e => e.ToString("E2")))}; survival rel. error " +
            $"{string.Join(" ", survival.Select(e => e.ToString("E2")))}; plain L1 at t = 1: {plain:E2} (256 cells), {fine:E2} (512), order {Math.Log2(plain / fine):F3}");
        Assert.True(x.Max() <= 1e-6, $"L1 {x.Max():E2}");
        Assert.True(survival.Max() <= 1e-6, $"survival {survival.Max():E2}");
        Assert.InRange(Math.Log2(plain / fine), 1.8, 2.2);
        Assert.Contains(best.Warnings, w => w.StartsWith("absorbing boundary: ", StringComparison.Ordinal));
    }

    /// <summary>Negative control: the same problem with both walls reflecting keeps its mass, so the image solution is
    /// rejected (its L1 distance is the lost mass, 0.16 at t = 1, far above 1e-6).</summary>
    [Fact]
    public void FirstPassageControlWithAReflectingWallIsRejected()
    {
        var sc = ScenarioParser.ParseFile(Path("first-passage"));
        var g = new Grid1D(sc.Grid1D!.Lower, sc.Grid1D.Upper, sc.Grid1D.Cells, Boundary.Reflecting);
        var sol = FokkerPlanckSolver.SolveWithoutEstimate(sc.Process, g, sc.Initial1D!, sc.Times, new SolverOptions { Tolerance = 1e-8 }, TestCases.Managed);
        double l1 = ImageAverages(g, 2.0, 2 * sc.End).Zip(sol.Densities[^1], (a, b) => Math.Abs(a - b)).Sum() * g.H;
        Assert.True(l1 > 0.1, $"{l1:E2}");
        Assert.Equal(sol.Masses[1], sol.Masses[^1], 12); // nothing leaves once the grid runs
    }

    /// <summary>A cylinder: x periodic, y absorbing below and reflecting above. The exact density is the wrapped Gaussian
    /// in x times the image solution in y. The extrapolated solve at 48 × 48 cells is within the error its companion grid
    /// estimates (the tool's own L1 estimate), and its error falls with order ≥ 3.5 from 32 × 32 (fourth order expected from
    /// Richardson extrapolation of a second-order scheme); the survival is within 1e-5. Full tier (25 s on 2 cores).</summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void CylinderPeriodicInXAbsorbingBelowInY()
    {
        var sc = ScenarioParser.ParseFile(Path("periodic-absorbing-2d"));
        var g = sc.Grid2D!;
        Assert.True(g.X.Periodic && !g.Y.Periodic && g.Y.LowerBoundary == Boundary.Absorbing && g.Y.UpperBoundary == Boundary.Reflecting);
        double L = 2 * Math.PI;
        double Wrapped(double a, double b, double v) =>
            Enumerable.Range(-10, 21).Sum(k => Normal.CDF(k * L, Math.Sqrt(v), b) - Normal.CDF(k * L, Math.Sqrt(v), a));
        (double[] L1, double[] Survival, GridSolution Sol) Run(int cells)
        {
            var grid = new Grid2D(g.X.With(g.X.Lower, g.X.Upper, cells), g.Y.With(g.Y.Lower, g.Y.Upper, cells));
            var sol = FokkerPlanckSolver.Solve(sc.Process, grid, sc.Initial2D!, sc.Times, new SolverOptions { Tolerance = 1e-9 }, TestCases.Managed);
            var l1 = new double[sc.Times.Length]; var surv = new double[sc.Times.Length];
            for (int s = 1; s < sc.Times.Length; s++)
            {
                double v = 0.2 + sc.Times[s];
                var wx = Enumerable.Range(0, cells).Select(i => Wrapped(grid.X.Edge(i), grid.X.Edge(i + 1), v) / grid.X.H).ToArray();
                var qy = ImageAverages(grid.Y, 2.0, v);
                double sum = 0;
                for (int i = 0; i < cells; i++)
                    for (int j = 0; j < cells; j++) sum += Math.Abs(sol.Densities[s][grid.Index(i, j)] - wx[i] * qy[j]);
                l1[s] = sum * grid.CellArea;
                surv[s] = Math.Abs(sol.Masses[s] / MathNet.Numerics.SpecialFunctions.Erf(2 / Math.Sqrt(2 * v)) - 1);
            }
            return (l1, surv, sol);
        }
        var (coarse, _, _) = Run(32);
        var (l1, surv, sol) = Run(48);
        var est = sol.DensityErrorEstimate!;
        double order = Math.Log(coarse[^1] / l1[^1]) / Math.Log(1.5);
        log.WriteLine($"cylinder, 48²: L1 per snapshot {string.Join(" ", l1.Select(e => e.ToString("E2")))}, estimate {string.Join(" ", est.Select(e => e.ToString("E2")))}; " +
            $"survival rel. error {string.Join(" ", surv.Select(e => e.ToString("E2")))}; 32²: L1 at t = 1 {coarse[^1]:E2}, order {order:F2}");
        for (int s = 1; s < l1.Length; s++) Assert.True(l1[s] <= est[s], $"snapshot {s}: L1 {l1[s]:E2} above the estimate {est[s]:E2}");
        Assert.True(order >= 3.5, $"order {order:F2}");
        Assert.True(surv.Max() <= 1e-5, $"survival {surv.Max():E2}");
    }
}
