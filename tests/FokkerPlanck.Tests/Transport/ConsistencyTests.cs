using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Transport;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Transport;

/// <summary>
/// Density-level consistency: solve Fokker–Planck forward 0 → T, then from p_T (a) the continuity equation
/// backward with the grid's own PF velocity, (b) the reverse-time Fokker–Planck equation with drift -f + g² s and
/// diffusion ½ g², and compare with the forward snapshots. Each has a negative control that must fail.
/// </summary>
[Trait("Tier", "Full")]
public class ConsistencyTests(ITestOutputHelper log)
{
    private const double T = 1.0;
    // Dense snapshots: the fields are interpolated in time between them (order 4), which must stay below the spatial error.
    private static readonly double[] Snapshots = TestCases.Times(T, 161);

    private static (GridSolution Forward, GridFields Fields) Forward1D(Process p, int cells)
    {
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, cells), TestCases.Mixture3, Snapshots,
            new SolverOptions { Tolerance = 1e-9, Extrapolate = false }, TestCases.Managed);
        return (sol, GridFields.FromSolution(sol, p));
    }

    // Worst L1 distance between a backward run (snapshot k ↔ forward snapshot n-1-k) and the forward run.
    private static double Worst(GridSolution forward, GridSolution backward, int every = 16)
    {
        int n = forward.Times.Length;
        double worst = 0;
        for (int k = 0; k < n; k += every)
            worst = Math.Max(worst, ErrorNorms.Compare(backward.Densities[k], forward.Densities[n - 1 - k], forward.CellVolume).L1);
        return worst;
    }

    private static double ContinuityBackward(GridSolution fwd, GridFields f, double scoreFactor, Grid1D g) =>
        Worst(fwd, ContinuitySolver.Solve(g, new GridFaceVelocity(f, scoreFactor), fwd.Densities[^1], Snapshots.Reverse().ToArray(), null, TestCases.Managed));

    private static double ReverseFokkerPlanck(GridSolution fwd, GridFields f, Process p, double scoreFactor, Grid1D g)
    {
        // Reverse clock τ = T - t: dY = [-f + c g² s] dτ + g dW̄, c = 1 (right) or ½ (the PF drift with diffusion: wrong).
        var sampler = new FieldSampler(f);
        var fx = new double[1];
        void Drift(double tau, double[] b)
        {
            double t = Math.Clamp(T - tau, 0, T), g2 = p.G(t) * p.G(t);
            for (int i = 0; i < g.Cells; i++)
            {
                double x = g.Center(i);
                p.Drift([x], t, fx);
                b[i] = -fx[0] + scoreFactor * g2 * sampler.At(x, t).ScoreX;
            }
        }
        var taus = Snapshots.Select(t => T - t).Reverse().ToArray();
        var rev = FokkerPlanckSolver.SolveWithCellDrift(g, tau => p.Diffusion(Math.Clamp(T - tau, 0, T)), Drift, fwd.Densities[^1], taus,
            new SolverOptions { Tolerance = 1e-8 }, TestCases.Managed);
        return Worst(fwd, rev);
    }

    [Theory]
    [InlineData("ou")]
    [InlineData("vp")]
    public void ContinuityBackwardWithThePfVelocityRecoversTheMarginals(string kind)
    {
        Process p = kind == "ou" ? new OuProcess() : new VpProcess();
        var errors = new List<double>();
        foreach (int cells in new[] { 512, 1024, 2048 })
        {
            var (fwd, f) = Forward1D(p, cells);
            errors.Add(ContinuityBackward(fwd, f, 1.0, fwd.Grid1!));
        }
        double order = TestCases.Order([4.0, 2.0, 1.0], errors.ToArray());
        var (fwd2, f2) = Forward1D(p, 512);
        double wrong = ContinuityBackward(fwd2, f2, 2.0, fwd2.Grid1!);
        log.WriteLine($"{kind}: (a) worst L1 at 512/1024/2048 cells {string.Join(" ", errors.Select(e => e.ToString("E2")))}, order {order:F2}; control v = f - g² s: {wrong:E2}");
        Assert.True(errors[^1] <= 1e-3, $"{errors[^1]}");
        Assert.True(order >= 1.5, $"order {order}");
        Assert.True(wrong > 0.05, $"the negative control was not rejected: {wrong}");
    }

    [Theory]
    [InlineData("ou")]
    [InlineData("vp")]
    public void ReverseTimeFokkerPlanckRecoversTheMarginals(string kind)
    {
        Process p = kind == "ou" ? new OuProcess() : new VpProcess();
        var errors = new List<double>();
        foreach (int cells in new[] { 512, 1024, 2048 })
        {
            var (fwd, f) = Forward1D(p, cells);
            errors.Add(ReverseFokkerPlanck(fwd, f, p, 1.0, fwd.Grid1!));
        }
        double order = TestCases.Order([4.0, 2.0, 1.0], errors.ToArray());
        var (fwd2, f2) = Forward1D(p, 512);
        double wrong = ReverseFokkerPlanck(fwd2, f2, p, 0.5, fwd2.Grid1!);
        log.WriteLine($"{kind}: (b) worst L1 at 512/1024/2048 cells {string.Join(" ", errors.Select(e => e.ToString("E2")))}, order {order:F2}; control drift -f + ½ g² s: {wrong:E2}");
        Assert.True(errors[^1] <= 1e-3, $"{errors[^1]}");
        Assert.True(order >= 1.5, $"order {order}");
        Assert.True(wrong > 0.05, $"the negative control was not rejected: {wrong}");
    }

    [Fact]
    public void TwoDimensionalConsistency()
    {
        // No threshold is given for 2D: the check is that (a) and (b) converge under refinement (48² → 96²) while the
        // negative controls stay an order of magnitude away.
        var p = new OuProcess();
        var times = TestCases.Times(0.5, 21);
        var back = times.Reverse().ToArray();
        (double A, double AWrong, double B, double BWrong) Run(int n)
        {
            var g1 = new Grid1D(-7, 7, n);
            var g = new Grid2D(g1, g1);
            var fwd = FokkerPlanckSolver.Solve(p, g, TestCases.Mixture2D, times, new SolverOptions { Tolerance = 1e-7, Extrapolate = false }, TestCases.Managed);
            var f = GridFields.FromSolution(fwd, p);
            double Worst(GridSolution r) => Enumerable.Range(0, times.Length).Max(k => ErrorNorms.Compare(r.Densities[k], fwd.Densities[times.Length - 1 - k], g.CellArea).L1);
            double A(double c) => Worst(ContinuitySolver.Solve(g, new GridFaceVelocity(f, c), fwd.Densities[^1], back, null, TestCases.Managed));
            var sampler = new FieldSampler(f);
            var fv = new double[2];
            double B(double c)
            {
                void Drift(double tau, double[] bx, double[] by)
                {
                    double t = Math.Clamp(0.5 - tau, 0, 0.5), g2 = p.G(t) * p.G(t);
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                        {
                            double x = g1.Center(i), y = g1.Center(j);
                            var s = sampler.At(x, y, t);
                            p.Drift([x, y], t, fv);
                            bx[g.Index(i, j)] = -fv[0] + c * g2 * s.ScoreX;
                            by[g.Index(i, j)] = -fv[1] + c * g2 * s.ScoreY;
                        }
                }
                return Worst(FokkerPlanckSolver.SolveWithCellDrift(g, tau => p.Diffusion(0.5 - tau), Drift, fwd.Densities[^1],
                    times.Select(t => 0.5 - t).Reverse().ToArray(), new SolverOptions { Tolerance = 1e-6 }, TestCases.Managed));
            }
            return (A(1.0), A(2.0), B(1.0), B(0.5));
        }
        var coarse = Run(48);
        var fine = Run(96);
        log.WriteLine($"2D 48² → 96²: (a) {coarse.A:E2} → {fine.A:E2} (control {fine.AWrong:E2}); (b) {coarse.B:E2} → {fine.B:E2} (control {fine.BWrong:E2})");
        Assert.True(Math.Log2(coarse.A / fine.A) >= 1.5, $"(a) order {Math.Log2(coarse.A / fine.A)}");
        Assert.True(Math.Log2(coarse.B / fine.B) >= 1.5, $"(b) order {Math.Log2(coarse.B / fine.B)}");
        Assert.True(fine.AWrong > 10 * fine.A && fine.BWrong > 10 * fine.B, $"controls {fine.AWrong}, {fine.BWrong}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FlowMatchingPathIsFollowed(int dim)
    {
        const double end = 0.9;
        var times = TestCases.Times(end, 10);
        if (dim == 1)
        {
            var path = new FlowMatchingPath(TestCases.Mixture3);
            var g = new Grid1D(-8, 8, 2048);
            var sol = ContinuitySolver.Solve(g, new AnalyticVelocity(g, path.Velocity), CellAverages.Of(g, path.Marginal1D(0)), times, null, TestCases.Managed);
            var err = times.Select((t, s) => ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(g, path.Marginal1D(t)), g.H).L1).ToArray();
            log.WriteLine($"flow matching 1D: L1 {string.Join(" ", err.Select(e => e.ToString("E2")))}; mass drift {sol.Masses.Max(m => Math.Abs(m - sol.Masses[0])):E1}");
            Assert.All(err, e => Assert.True(e <= 1e-3, $"{e}"));
        }
        else
        {
            var path = new FlowMatchingPath(TestCases.Mixture2D);
            var g1 = new Grid1D(-5, 5, 160);
            var g = new Grid2D(g1, g1);
            var sol = ContinuitySolver.Solve(g, new AnalyticVelocity(g, path.Velocity), CellAverages.Of(g, path.Marginal2D(0)), times, null, TestCases.Managed);
            var err = times.Select((t, s) => ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(g, path.Marginal2D(t)), g.CellArea).L1).ToArray();
            log.WriteLine($"flow matching 2D 160²: L1 {string.Join(" ", err.Select(e => e.ToString("E2")))}");
            Assert.All(err, e => Assert.True(e <= 2e-2, $"{e}"));
        }
    }

    [Fact]
    public void FlowMatchingVelocityIsConsistentWithItsPath()
    {
        // ∂t p_t + ∂x (u p_t) = 0 checked pointwise with finite differences of the exact density.
        var path = new FlowMatchingPath(TestCases.Mixture3);
        foreach (double t in new[] { 0.2, 0.5, 0.8 })
            foreach (double x in new[] { -1.7, 0.1, 2.3 })
            {
                double h = 1e-4;
                double dpdt = (path.Marginal1D(t + h).Density(x) - path.Marginal1D(t - h).Density(x)) / (2 * h);
                double flux(double y) => path.Velocity(y, t) * path.Marginal1D(t).Density(y);
                double div = (flux(x + h) - flux(x - h)) / (2 * h);
                Assert.Equal(0.0, dpdt + div, 1e-6);
            }
    }
}
