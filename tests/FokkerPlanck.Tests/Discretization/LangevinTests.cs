using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>With a gradient drift the Scharfetter–Gummel scheme has the discrete Gibbs density π(x_i)/(h Σ π) as its exact stationary state.</summary>
public class LangevinTests(ITestOutputHelper log)
{
    private static readonly GaussianMixture1D Target = new([0.5, 0.5], [-1.0, 1.2], [0.5, 0.4]);

    private static double[] Gibbs(Grid1D g)
    {
        var lp = g.Centers().Select(Target.LogDensity).ToArray();
        double max = lp.Max();
        var w = lp.Select(v => Math.Exp(v - max)).ToArray();
        double z = w.Sum() * g.H;
        return w.Select(v => v / z).ToArray();
    }

    [Theory]
    [InlineData(TimeScheme.Implicit)]
    [InlineData(TimeScheme.Explicit)]
    public void GibbsStateIsStationaryToRoundOff(TimeScheme scheme)
    {
        var g = new Grid1D(-6, 6, 300);
        var proc = new LangevinProcess(Target, 1.3);
        var gibbs = Gibbs(g);
        var sol = FokkerPlanckSolver.Solve(g, proc.FaceDrift, proc.Diffusion, g.Centers().Select(Target.LogDensity).ToArray(), gibbs,
            TestCases.Times(2.0, 3), new SolverOptions { Scheme = scheme }, TestCases.Managed);
        double dev = sol.Densities[^1].Zip(gibbs).Max(t => Math.Abs(t.First - t.Second)) / gibbs.Max();
        log.WriteLine($"{scheme}: max relative deviation from Gibbs after t = 2 ({sol.Steps} steps): {dev:E2}");
        Assert.True(dev <= 1e-12, $"{dev}");
    }

    [Fact]
    public void OtherDensitiesRelaxToTheGibbsState()
    {
        var g = new Grid1D(-6, 6, 300);
        var proc = new LangevinProcess(Target, 2.0);
        var start = new GaussianMixture1D([1.0], [3.0], [0.3]);
        var sol = FokkerPlanckSolver.Solve(proc, g, start, TestCases.Times(20.0, 11), new SolverOptions { Extrapolate = false }, TestCases.Managed);
        var gibbs = Gibbs(g);
        var dist = sol.Densities.Select(d => ErrorNorms.Compare(d, gibbs, g.H).L1).ToArray();
        log.WriteLine($"L1 to Gibbs: {string.Join(" ", dist.Select(d => d.ToString("E2")))}");
        for (int s = 1; s < dist.Length; s++) Assert.True(dist[s] < dist[s - 1] || dist[s] < 1e-9);
        Assert.True(dist[^1] < 1e-6, $"{dist[^1]}");
    }

    [Fact]
    public void GibbsStateIsStationaryIn2D()
    {
        var target = TestCases.Mixture2D;
        var g1 = new Grid1D(-5, 5, 40);
        var g = new Grid2D(g1, g1);
        var proc = new LangevinProcess(target, 1.0);
        var lp = CellAverages.Values(g, target.LogDensity);
        double max = lp.Max();
        var w = lp.Select(v => Math.Exp(v - max)).ToArray();
        double z = w.Sum() * g.CellArea;
        var gibbs = w.Select(v => v / z).ToArray();
        var sol = FokkerPlanckSolver.Solve(g, proc.FaceDrift, proc.Diffusion, lp, gibbs, TestCases.Times(1.0, 3), null, TestCases.Managed);
        double dev = sol.Densities[^1].Zip(gibbs).Max(t => Math.Abs(t.First - t.Second)) / gibbs.Max();
        log.WriteLine($"2D: max relative deviation {dev:E2}");
        Assert.True(dev <= 1e-12, $"{dev}");
    }
}
