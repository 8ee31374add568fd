using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>
/// The operators reuse face rates and the outflow bound of autonomous drifts (OU). The cache must give the bits of
/// recomputing, and must not be used for a time-dependent drift.
/// </summary>
public class RateCacheTests
{
    // The same drift without the autonomy flag: the operators recompute its rates at every stage.
    private readonly struct Uncached(ScheduleDrift<OuSchedule> d) : IFaceDrift1D, IFaceDrift2D
    {
        public double Face(double xl, double xr, double auxL, double auxR, double t) => d.Face(xl, xr, auxL, auxR, t);
        public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => d.FaceX(xl, xr, y, auxL, auxR, t);
        public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => d.FaceY(x, yl, yr, auxL, auxR, t);
    }

    [Theory]
    [InlineData(TimeScheme.Explicit)]
    [InlineData(TimeScheme.Implicit)]
    public void CachedRatesGiveTheSameBitsAsRecomputedOnes(TimeScheme scheme)
    {
        var ou = new OuProcess(1.0, Math.Sqrt(2));
        Assert.True(ou.FaceDrift.IsAutonomous);
        var opts = new SolverOptions { Scheme = scheme, Extrapolate = false, Tolerance = 1e-6 };
        double[] times = [0, 0.05, 0.1];
        using var b = new ManagedBackend(1);

        var g1 = new Grid1D(-6, 6, 96);
        var p1 = CellAverages.Of(g1, new GaussianMixture1D([0.5, 0.5], [-1, 1.5], [0.3, 0.5]));
        var a = FokkerPlanckSolver.Solve(g1, ou.FaceDrift, ou.Diffusion, null, p1, times, opts, b);
        var c = FokkerPlanckSolver.Solve(g1, new Uncached(ou.FaceDrift), ou.Diffusion, null, p1, times, opts, b);
        Assert.Equal(c.Steps, a.Steps);
        for (int s = 0; s < times.Length; s++) Assert.Equal(c.Densities[s], a.Densities[s]);

        var g2 = new Grid2D(new Grid1D(-6, 6, 24), new Grid1D(-5, 5, 20));
        var p2 = CellAverages.Values(g2, (x, y) => Math.Exp(-0.5 * (x * x / 0.6 + (y - 1) * (y - 1) / 0.4)));
        var a2 = FokkerPlanckSolver.Solve(g2, ou.FaceDrift, ou.Diffusion, null, p2, times, opts, b);
        var c2 = FokkerPlanckSolver.Solve(g2, new Uncached(ou.FaceDrift), ou.Diffusion, null, p2, times, opts, b);
        Assert.Equal(c2.Steps, a2.Steps);
        for (int s = 0; s < times.Length; s++) Assert.Equal(c2.Densities[s], a2.Densities[s]);
    }

    [Fact]
    public void TimeDependentDriftsAreNotCached()
    {
        // VP's drift -½β(t)x changes with t: flagged as not autonomous, and its solution still matches the exact
        // marginal (a cached, frozen drift would not: the mean factor would be wrong by O(1) at t = 0.5).
        var vp = new VpProcess(0.1, 20);
        Assert.False(vp.FaceDrift.IsAutonomous);
        var g = new Grid1D(-8, 8, 512);
        var init = new GaussianMixture1D([1.0], [2.0], [0.25]);
        var sol = FokkerPlanckSolver.Solve(g, vp.FaceDrift, vp.Diffusion, null, CellAverages.Of(g, init), [0, 0.5],
            new SolverOptions { Extrapolate = false, Tolerance = 1e-7 });
        var exact = CellAverages.Of(g, ExactMarginal.Of(vp, init, 0, 0.5)!);
        double l1 = sol.Densities[1].Zip(exact, (u, v) => Math.Abs(u - v)).Sum() * g.H;
        Assert.True(l1 < 1e-3, $"L1 = {l1}");
    }
}
