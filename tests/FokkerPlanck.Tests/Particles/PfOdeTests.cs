using FokkerPlanck.Applications;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Statistics;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>PF-ODE: reversibility, the Kim–Milman map against the monotone map, and the log-likelihood.</summary>
public class PfOdeTests(ITestOutputHelper log)
{
    private static GridFields Fields1D(Process p, double end, int snapshots, int cells = 2048)
    {
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, cells), TestCases.Mixture3, TestCases.Times(end, snapshots),
            new SolverOptions { Tolerance = 1e-8 }, TestCases.Managed);
        return GridFields.FromSolution(sol, p);
    }

    [Theory]
    [InlineData(1, "exact")]
    [InlineData(2, "exact")]
    [InlineData(1, "grid")]
    public void Rk4PfOdeIsReversible(int dims, string field)
    {
        var f = field == "grid" ? Fields1D(new OuProcess(), 1.0, 21, 512) : null;
        // Grid fields are piecewise linear in space: RK4 is locally second order where a path crosses a cell centre, so
        // the grid case takes 1600 steps (h² smaller by 16) to return within the same 1e-8.
        int steps = field == "grid" ? 1600 : 400;
        var problem = dims == 1
            ? new ParticleProblem(new OuProcess(), TestCases.Mixture3, TestCases.Times(1.0, 21), f)
            : new ParticleProblem(new OuProcess(), TestCases.Mixture2D, TestCases.Times(1.0, 21));
        var fk = field == "grid" ? FieldKind.Grid : FieldKind.Exact;
        var o = new ParticleOptions { Dynamics = Dynamics.PfOde(DynamicsDirection.Forward), Field = fk, Integrator = Integrator.Rk4, Steps = steps, Particles = 2000, Seed = 3 };
        var fwd = ParticleSimulator.Simulate(problem, o);
        var back = ParticleSimulator.Run(problem, o with { Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse) }, fwd.X[^1], fwd.Y?[^1]);
        double worst = 0;
        for (int i = 0; i < fwd.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(back.X[^1][i] - fwd.X[0][i]));
            if (dims == 2) worst = Math.Max(worst, Math.Abs(back.Y![^1][i] - fwd.Y![0][i]));
        }
        log.WriteLine($"{dims}D {field}: forward 0 → 1 then back with RK4, {steps} steps each way: max |x_back - x_0| = {worst:E2}");
        Assert.True(worst <= 1e-8, $"{worst}");
        // The map is not the identity: the run really moved the particles.
        Assert.True(fwd.X[^1].Zip(fwd.X[0], (a, b) => Math.Abs(a - b)).Max() > 0.1);
    }

    [Fact]
    public void KimMilmanMapMatchesTheMonotoneMap()
    {
        const double T = 5.0;
        var p = new OuProcess();
        // Snapshots every 0.0125: near t = 0 the score of the valleys changes fast in time, and the time interpolation
        // dominated at 0.05 spacing (4.7e-3; 7.1e-5 at 0.0125).
        var fields = Fields1D(p, T, 401);
        var problem = new ParticleProblem(p, TestCases.Mixture3, TestCases.Times(T, 401), fields);
        var pT = ExactMarginal.Of(p, TestCases.Mixture3, 0, T)!;
        // Start points: the quantiles u in [0.005, 0.995] of p_T (central 99% of the mass).
        var u = Enumerable.Range(0, 199).Select(j => 0.005 + 0.99 * j / 198).ToArray();
        var xT = u.Select(v => KimMilmanMap.Quantile(pT, v)).ToArray();
        var expected = u.Select(v => KimMilmanMap.Quantile(TestCases.Mixture3, v)).ToArray();
        var (grid, _) = KimMilmanMap.Evaluate(problem, xT, field: FieldKind.Grid, steps: 1000);
        var (exact, _) = KimMilmanMap.Evaluate(problem, xT, field: FieldKind.Exact, steps: 1000);
        double eg = grid.Zip(expected, (a, b) => Math.Abs(a - b)).Max(), ee = exact.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        // Negative control: the PF velocity with g² in place of ½ g² maps elsewhere.
        var wrong = ParticleSimulator.Run(problem, new ParticleOptions { Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Steps = 1000,
            Control = NegativeControl.FullScoreFactor }, xT, null).X[^1];
        double ew = wrong.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        log.WriteLine($"Kim–Milman map (OU, T = 5, 2048 cells, RK4 1000 steps) vs F_p0⁻¹ ∘ F_pT on the central 99%: grid fields {eg:E2}, exact fields {ee:E2}; control v = f - g² s: {ew:E2}");
        Assert.True(eg <= 1e-3, $"grid {eg}");
        Assert.True(ee <= 1e-3, $"exact {ee}");
        Assert.True(ew > 0.1, $"control {ew}");
    }

    [Fact]
    public void LogLikelihood1DMatchesTheExactDensity()
    {
        var p = new OuProcess();
        // 161 snapshots: at 41 the time interpolation of the field near t = 0 gives 3.3e-3.
        var fields = Fields1D(p, 1.0, 161);
        var problem = new ParticleProblem(p, TestCases.Mixture3, TestCases.Times(1.0, 161), fields);
        var x0 = Enumerable.Range(0, 61).Select(j => -3.0 + 6.5 * j / 60).ToArray();
        var exact = x0.Select(TestCases.Mixture3.LogDensity).ToArray();
        foreach (var fk in new[] { FieldKind.Grid, FieldKind.Exact })
        {
            var r = PfOdeLikelihood.Evaluate(problem, x0, options: new LikelihoodOptions { Field = fk, Steps = 400 });
            double err = r.LogP0.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
            log.WriteLine($"1D {fk}: max |log p0 estimate - exact| over x0 in [-3, 3.5] = {err:E2} ({r.FieldEvaluations} evaluations)");
            Assert.True(err <= 1e-3, $"{fk}: {err}");
        }
        // Negative control: dropping the divergence term (log p_0 ≈ log p_T(x_T)) is far off.
        var r0 = PfOdeLikelihood.Evaluate(problem, x0, options: new LikelihoodOptions { Field = FieldKind.Exact, Steps = 400 });
        Assert.True(r0.LogPT.Zip(exact, (a, b) => Math.Abs(a - b)).Max() > 0.1);
    }

    [Fact]
    public void LogLikelihood2DMatchesTheExactDensity()
    {
        var p = new OuProcess();
        var g = new Grid1D(-8, 8, 160);
        var sol = FokkerPlanckSolver.Solve(p, new Grid2D(g, g), TestCases.Mixture2D, TestCases.Times(1.0, 21), new SolverOptions { Tolerance = 1e-6 }, TestCases.Managed);
        var problem = new ParticleProblem(p, TestCases.Mixture2D, TestCases.Times(1.0, 21), GridFields.FromSolution(sol, p));
        var (x0, y0) = DensitySampler.Sample(TestCases.Mixture2D, 200, 11);
        var exact = x0.Select((v, i) => TestCases.Mixture2D.LogDensity(v, y0[i])).ToArray();
        foreach (var fk in new[] { FieldKind.Exact, FieldKind.Grid })
        {
            var r = PfOdeLikelihood.Evaluate(problem, x0, y0, new LikelihoodOptions { Field = fk, Steps = 200 });
            double err = r.LogP0.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
            log.WriteLine($"2D {fk} (160² grid): max |log p0 estimate - exact| over 200 samples of p0 = {err:E2}");
            // The acceptance bound is for the exact divergence; the 2D grid error (score error of a 160² grid) is reported.
            if (fk == FieldKind.Exact) Assert.True(err <= 1e-3, $"{fk}: {err}");
            else Assert.True(double.IsFinite(err) && err < 1, $"{fk}: {err}");
        }
    }

    [Fact]
    public void HutchinsonIsUnbiasedAndItsSpreadIsReported()
    {
        var problem = new ParticleProblem(new OuProcess(), TestCases.Mixture2D, TestCases.Times(1.0, 11));
        var (x0, y0) = DensitySampler.Sample(TestCases.Mixture2D, 400, 5);
        var r = PfOdeLikelihood.Evaluate(problem, x0, y0, new LikelihoodOptions { Field = FieldKind.Exact, Steps = 100, Divergence = DivergenceEstimator.HutchinsonRademacher, Seed = 9 });
        double se = Math.Sqrt(r.Variance / x0.Length);
        log.WriteLine($"Hutchinson (Rademacher) 2D: bias {r.Bias:E2} ± {se:E2} (SE), variance {r.Variance:E2} against the exact divergence");
        Assert.True(r.Variance > 0);
        Assert.True(Math.Abs(r.Bias) <= 4 * se, $"bias {r.Bias} vs SE {se}");
        // In 1D a Rademacher probe is exact (ε² = 1): no spread at all.
        var p1 = new ParticleProblem(new OuProcess(), TestCases.Mixture3, TestCases.Times(1.0, 11));
        var r1 = PfOdeLikelihood.Evaluate(p1, [0.1, 1.2], null, new LikelihoodOptions { Field = FieldKind.Exact, Steps = 50, Divergence = DivergenceEstimator.HutchinsonRademacher });
        Assert.Equal(r1.ExactLogP0!, r1.LogP0);
        var g1 = PfOdeLikelihood.Evaluate(p1, Enumerable.Range(0, 300).Select(i => -2 + i / 75.0).ToArray(), null,
            new LikelihoodOptions { Field = FieldKind.Exact, Steps = 50, Divergence = DivergenceEstimator.HutchinsonGaussian, Seed = 4 });
        log.WriteLine($"Hutchinson (Gaussian) 1D: bias {g1.Bias:E2}, variance {g1.Variance:E2}");
        Assert.True(g1.Variance > 0 && Math.Abs(g1.Bias) <= 4 * Math.Sqrt(g1.Variance / 300));
    }
}
