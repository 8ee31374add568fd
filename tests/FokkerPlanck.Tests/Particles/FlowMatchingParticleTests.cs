using FokkerPlanck.Applications;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Tests.Particles;

public class FlowMatchingParticleTests
{
    private static readonly GaussianMixture1D Data = TestCases.Mixture3;

    [Fact]
    public void OdeParticlesFollowThePathMarginalAndTheReversedVelocityDoesNot()
    {
        // 10⁴ particles from N(0, 1) at t = 0 by RK4 (100 steps) to t = 0.9: KS against the exact path marginal
        // (N(0.9 μ_k, 0.81 S_k + 0.01)); level 1e-3. Control: the velocity reversed must be rejected at 1e-6.
        var fm = new FlowMatchingProcess(new FlowMatchingPath(Data));
        var start = fm.Path.Marginal1D(0);
        var problem = new ParticleProblem(fm, start, [0.0, 0.45, 0.9]);
        var o = new ParticleOptions { Dynamics = Dynamics.PfOde(DynamicsDirection.Forward), Particles = 10_000, Steps = 100, Seed = 5, Field = FieldKind.Exact };
        var r = ParticleSimulator.Simulate(problem, o);
        var (_, p) = KolmogorovSmirnov.Test(r.X[^1], fm.Path.Marginal1D(0.9).Cdf);
        var w = ParticleSimulator.Simulate(problem, o with { Control = NegativeControl.FlipDriftSign });
        var (_, pw) = KolmogorovSmirnov.Test(w.X[^1], fm.Path.Marginal1D(0.9).Cdf);
        Assert.True(p > 1e-3, $"p = {p}");
        Assert.True(pw < 1e-6, $"control p = {pw}");
    }

    [Fact]
    public void LikelihoodAlongTheFlowMatchesTheExactPathDensityIn1DAnd2D()
    {
        // The exact divergence comes from the kernel's analytic velocity Jacobian: an error there shows up directly.
        var fm = new FlowMatchingProcess(new FlowMatchingPath(Data));
        var p1 = new ParticleProblem(fm, fm.Path.Marginal1D(0.1), [0.1, 0.8]);
        var x0 = DensitySampler.Sample(fm.Path.Marginal1D(0.1), 200, 3);
        var l1 = PfOdeLikelihood.Evaluate(p1, x0, null, new LikelihoodOptions { Field = FieldKind.Exact, Steps = 200 });
        var m0 = fm.Path.Marginal1D(0.1);
        Assert.True(x0.Select((x, i) => Math.Abs(l1.LogP0[i] - m0.LogDensity(x))).Max() < 1e-6);

        var d2 = new GaussianMixture2D([0.6, 0.4], [[-1.5, 0.5], [1.5, -1.0]], [[[0.5, 0.2], [0.2, 0.25]], [[0.3, -0.1], [-0.1, 0.6]]]);
        var fm2 = new FlowMatchingProcess(new FlowMatchingPath(d2));
        var p2 = new ParticleProblem(fm2, fm2.Path.Marginal2D(0.1), [0.1, 0.8]);
        var (x, y) = DensitySampler.Sample(fm2.Path.Marginal2D(0.1), 200, 4);
        var l2 = PfOdeLikelihood.Evaluate(p2, x, y, new LikelihoodOptions { Field = FieldKind.Exact, Steps = 200 });
        var e0 = fm2.Path.Marginal2D(0.1);
        Assert.True(x.Select((v, i) => Math.Abs(l2.LogP0[i] - e0.LogDensity(v, y[i]))).Max() < 1e-6);
    }
}
