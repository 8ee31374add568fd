using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Statistics;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// Acceptance of "fields decoupled from the output snapshots" at full size (full tier): scenarios with only the two end
/// snapshots — OU (3-component 1D mixture on [0, 4]), VP (4 components, one of sd 0.2), VE, OU 2D — with grid fields at
/// the times <see cref="FieldTimeline"/> chooses; 10⁶ particles of the reverse SDE, the PF-ODE and the lambda-family at
/// λ = 0.5, each started from the grid density at T and run back to t = 0. Tests against the exact p_0: KS in 1D; in 2D
/// KS of the projections on x, y and the two diagonals (each a 1D Gaussian mixture, exact). Family-wise 1e-3 by
/// Bonferroni over all of them: each p must exceed 1e-3 / 21. Negative controls (the score sign flipped, 10⁵ particles)
/// must each be rejected at p &lt; 1e-6 (the smallest p over the projections in 2D).
/// </summary>
[Trait("Tier", "Full")]
public class FieldTimeResolutionAcceptanceTests(ITestOutputHelper log)
{
    private const int Tests = 3 * (3 + 4);
    private const double Alpha = 1e-3 / Tests;
    private const int N = 1_000_000, NControl = 100_000;

    private static readonly Dynamics[] All = [Dynamics.ReverseSde, Dynamics.PfOde(DynamicsDirection.Reverse), Dynamics.Parse("lambda=0.5")];

    private static readonly GaussianMixture1D Vp4 = new([0.25, 0.25, 0.25, 0.25], [-2.0, -0.5, 1.0, 2.5], [0.04, 0.25, 0.16, 0.36]);

    public static TheoryData<string> Cases => new() { "ou-1d", "vp-1d", "ve-1d" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneDimensionalRunsWithTwoSnapshotsRecoverTheExactInitialDensity(string name)
    {
        var (process, initial, grid, end) = name switch
        {
            "ou-1d" => ((Process)new OuProcess(), TestCases.Mixture3, new Grid1D(-10, 10, 1024), 4.0),
            "vp-1d" => (new VpProcess(0.1, 20), Vp4, new Grid1D(-8, 8, 2048), 1.0),
            _ => (new VeProcess(0.01, 5), TestCases.Mixture3, new Grid1D(-25, 25, 2048), 1.0),
        };
        var built = FieldTimeline.Build(t => FokkerPlanckSolver.Solve(process, grid, initial, t, new SolverOptions(), TestCases.Managed),
            process, [0.0, end]);
        log.WriteLine($"{name}: {built.Fields.Times.Length} field times, {built.Rounds} solves, bound {built.InterpolationError:E2}");
        Assert.Empty(built.Warnings);
        var problem = new ParticleProblem(process, initial, [0.0, end], built.Fields);
        foreach (var d in All)
        {
            var o = Options(d, N, 7);
            var r = ParticleSimulator.Simulate(problem, o, TestCases.Managed);
            double p = KolmogorovSmirnov.Test(r.X[^1], initial.Cdf).P;
            var c = ParticleSimulator.Simulate(problem, Options(d, NControl, 8) with { Control = NegativeControl.FlipScoreSign }, TestCases.Managed);
            double pc = KolmogorovSmirnov.Test(c.X[^1].Where(double.IsFinite).ToArray(), initial.Cdf).P;
            log.WriteLine($"  {d}: KS p = {p:F4} (threshold {Alpha:E2}), score sign flipped p = {pc:E2}");
            Assert.True(p > Alpha, $"{name} {d}: p = {p}");
            Assert.True(pc < 1e-6, $"{name} {d} control: p = {pc}");
        }
    }

    [Fact]
    public void TwoDimensionalOuWithTwoSnapshotsRecoversTheExactInitialDensity()
    {
        var process = new OuProcess();
        var initial = TestCases.Mixture2D;
        var grid = new Grid2D(new Grid1D(-6, 6, 64), new Grid1D(-6, 6, 64));
        var built = FieldTimeline.Build(t => FokkerPlanckSolver.Solve(process, grid, initial, t, new SolverOptions(), TestCases.Managed),
            process, [0.0, 2.0]);
        log.WriteLine($"ou-2d: {built.Fields.Times.Length} field times, {built.Rounds} solves, bound {built.InterpolationError:E2}");
        Assert.Empty(built.Warnings);
        var problem = new ParticleProblem(process, initial, [0.0, 2.0], built.Fields);
        foreach (var d in All)
        {
            var r = ParticleSimulator.Simulate(problem, Options(d, N, 7), TestCases.Managed);
            var ps = Projections(initial, r.X[^1], r.Y![^1]);
            var c = ParticleSimulator.Simulate(problem, Options(d, NControl, 8) with { Control = NegativeControl.FlipScoreSign }, TestCases.Managed);
            var pcs = Projections(initial, c.X[^1], c.Y![^1]);
            log.WriteLine($"  {d}: KS p over x, y, x+y, x-y = {string.Join(", ", ps.Select(v => v.ToString("F4")))} (threshold {Alpha:E2}); " +
                $"score sign flipped min p = {pcs.Min():E2}");
            Assert.All(ps, p => Assert.True(p > Alpha, $"ou-2d {d}: p = {p}"));
            Assert.True(pcs.Min() < 1e-6, $"ou-2d {d} control: p = {pcs.Min()}");
        }
    }

    private static ParticleOptions Options(Dynamics d, int n, ulong seed) => new()
    {
        Dynamics = d, Particles = n, Seed = seed, Steps = d.IsOde ? 200 : 400, Integrator = d.IsOde ? Integrator.Rk4 : Integrator.Sra1,
    };

    // KS p-values of the projections of (x, y) on x, y and the diagonals against the exact projected mixture.
    private static double[] Projections(GaussianMixture2D m, double[] x, double[] y)
    {
        var dirs = new (double A, double B)[] { (1, 0), (0, 1), (Math.Sqrt(0.5), Math.Sqrt(0.5)), (Math.Sqrt(0.5), -Math.Sqrt(0.5)) };
        var means = m.Means.ToArray(); var covs = m.Covariances.ToArray();
        return dirs.Select(u =>
        {
            var proj = new GaussianMixture1D(m.Weights.ToArray(), means.Select(v => u.A * v.X + u.B * v.Y).ToArray(),
                covs.Select(c => u.A * u.A * c.Sxx + 2 * u.A * u.B * c.Sxy + u.B * u.B * c.Syy).ToArray());
            var s = x.Select((v, i) => u.A * v + u.B * y[i]).Where(double.IsFinite).ToArray();
            return KolmogorovSmirnov.Test(s, proj.Cdf).P;
        }).ToArray();
    }
}
