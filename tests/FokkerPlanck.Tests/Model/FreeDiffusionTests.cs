using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Tests.Model;

/// <summary>OU with theta = 0 is free diffusion: the mixture spreads by sigma² t, on the grid, in the kernels and for particles.</summary>
public class FreeDiffusionTests
{
    [Fact]
    public void HostAndKernelGiveTheBrownianVariance()
    {
        var p = new OuProcess(0.0, 1.3);
        var k = new OuSchedule(0.0, 1.3);
        foreach (double t in new[] { 0.0, 0.25, 1.0, 7.5 })
        {
            Assert.Equal(1.69 * t, p.AddedVariance(t), 1e-15 * (1 + t));
            Assert.Equal(p.AddedVariance(t), k.AddedVariance(t));
            Assert.Equal(1.0, p.MeanFactor(t));
            Assert.Equal(p.MeanFactor(t), k.MeanFactor(t));
        }
        // The limit is continuous: a tiny theta gives nearly the same variance.
        Assert.Equal(p.AddedVariance(2.0), new OuProcess(1e-12, 1.3).AddedVariance(2.0), 1e-10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OuProcess(-1e-3, 1.3));
    }

    [Fact]
    public void GridSolutionSpreadsAsTheExactMarginal()
    {
        var p = new OuProcess(0.0, 1.0);
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-12, 12, 512), TestCases.Mixture3, TestCases.Times(1.0, 5),
            new SolverOptions { Tolerance = 1e-9 }, TestCases.Managed);
        double worst = TestCases.L1Errors(sol, p, TestCases.Mixture3).Max();
        Assert.True(worst < 1e-6, $"L1 error {worst:E2}");
        // Negative control: the same solution against OU with theta = 0.2 is far off.
        double control = TestCases.L1Errors(sol, new OuProcess(0.2, 1.0), TestCases.Mixture3)[^1];
        Assert.True(control > 1e-2, $"control {control:E2}");
    }

    [Fact]
    public void ParticlesWithExactFieldsMatchTheSpreadVariance()
    {
        // Forward SDE of free diffusion from a point-like Gaussian: the sample variance at t = 1 is v0 + sigma² t.
        // Threshold: 5 standard errors of the sample variance, se = v sqrt(2 / (n - 1)).
        var p = new OuProcess(0.0, 1.0);
        var start = new GaussianMixture1D([1.0], [0.5], [0.04]);
        var r = ParticleSimulator.Simulate(new ParticleProblem(p, start, [0.0, 1.0]), new ParticleOptions
        {
            Dynamics = Dynamics.Parse("forward-sde"), Field = FieldKind.Exact, Particles = 20_000, Steps = 20, Seed = 11,
        });
        var x = r.X[^1];
        double mean = x.Average(), v = x.Sum(a => (a - mean) * (a - mean)) / (x.Length - 1), expected = 0.04 + 1.0;
        double se = expected * Math.Sqrt(2.0 / (x.Length - 1));
        Assert.True(Math.Abs(v - expected) < 5 * se, $"variance {v} vs {expected} (se {se:E2})");
        Assert.True(Math.Abs(v - 0.04) > 5 * se); // it did spread (the check can fail)
    }
}
