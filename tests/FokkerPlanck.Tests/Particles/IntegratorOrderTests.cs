using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// The order every registered integrator states, measured: the tests iterate over <see cref="Integrators.All"/>, so an
/// integrator added in one file (like the test assembly's <c>midpoint</c>) is checked without a line here.
/// Problems: OU over [0, 1] from a Gaussian mixture, exact fields (no grid error), particles started from the mixture's
/// samples at a fixed seed.
/// </summary>
public class IntegratorOrderTests(ITestOutputHelper log)
{
    private static readonly ParticleProblem Problem = new(new OuProcess(), TestCases.Mixture3, [0.0, 1.0]);

    // The ODE test's problem: a smooth one (two unit-variance components), so that the ladder sits in the asymptotic
    // range of every order; the narrow components of Mixture3 keep low-order schemes pre-asymptotic up to K ~ 100.
    private static readonly ParticleProblem Smooth = new(new OuProcess(), new GaussianMixture1D([0.5, 0.5], [-1.0, 1.5], [1.0, 1.0]), [0.0, 1.0]);

    public static TheoryData<string> All => [.. Integrators.All.Select(i => i.Name)];

    public static TheoryData<string> Stochastic => [.. Integrators.All.Where(i => !i.OdeOnly).Select(i => i.Name)];

    /// <summary>
    /// Deterministic ODE order: the reverse PF-ODE from 400 start points, error = max over particles of |x_K - x_ref|
    /// against RK4 with 4096 steps (its own error ~1e-13, far below the ladder's). Fixed-step schemes: the slope of
    /// log error against log h over K = 16, 32, 64 must be the stated order ± 0.25 (orders are integers, so a scheme
    /// one order off fails). Adaptive schemes (whose accuracy is set by the tolerance, not by a step count): the
    /// mean error over particles must fall at least 5× per 100× tighter rtol over 1e-5, 1e-7, 1e-9 (measured for
    /// dopri5: 9× and 32×, a slope of 0.6 in rtol, because at loose tolerances the propagated order-5 solution is far
    /// better than the order-4 estimate asks; the mean, because one particle whose first sub-step's error estimate
    /// happens to be small can sit 100× above the rest), and the largest must stay below 100·rtol times the spread of
    /// the positions.
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public void OdeOrderIsTheStatedOne(string name)
    {
        var integrator = Integrators.Parse(name);
        var o = new ParticleOptions { Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Field = FieldKind.Exact, Particles = 400, Seed = 11 };
        var (x0, _) = ParticleSimulator.StartSamples(Smooth, o);
        var reference = ParticleSimulator.Run(Smooth, o with { Steps = 4096, Integrator = Integrator.Rk4 }, x0, null).X[^1];
        double spread = reference.Max() - reference.Min();
        (double Max, double Mean) Error(ParticleOptions run)
        {
            var x = ParticleSimulator.Run(Smooth, run, x0, null).X[^1];
            var d = x.Select((v, i) => Math.Abs(v - reference[i])).ToArray();
            return (d.Max(), d.Average());
        }
        if (integrator.Adaptive)
        {
            double[] rtol = [1e-5, 1e-7, 1e-9];
            var err = rtol.Select(r => Error(o with { Steps = 4, Integrator = integrator, RelativeTolerance = r, AbsoluteTolerance = r * 1e-3 })).ToArray();
            double slope = TestCases.Order(rtol, err.Select(e => e.Mean).ToArray());
            log.WriteLine($"{name}: mean errors {string.Join(", ", err.Select(e => e.Mean.ToString("E2")))}, largest {string.Join(", ", err.Select(e => e.Max.ToString("E2")))} " +
                $"at rtol {string.Join(", ", rtol)}; slope {slope:F3}");
            for (int k = 1; k < rtol.Length; k++)
                Assert.True(err[k].Mean * 5 <= err[k - 1].Mean, $"rtol {rtol[k]}: mean error {err[k].Mean:E2} did not fall 5× from {err[k - 1].Mean:E2}");
            for (int k = 0; k < rtol.Length; k++) Assert.True(err[k].Max <= 100 * rtol[k] * spread, $"rtol {rtol[k]}: error {err[k].Max:E2}");
            return;
        }
        int[] ladder = [16, 32, 64];
        var errors = ladder.Select(k => Error(o with { Steps = k, Integrator = integrator }).Max).ToArray();
        double fitted = TestCases.Order(ladder.Select(k => 1.0 / k).ToArray(), errors);
        log.WriteLine($"{name}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))} at K = {string.Join(", ", ladder)}; order {fitted:F3} (stated {integrator.OdeOrder})");
        Assert.InRange(fitted, integrator.OdeOrder - 0.25, integrator.OdeOrder + 0.25);
    }

    /// <summary>
    /// Strong order for the reverse SDE (additive noise, nonlinear drift): error e(K) = mean over N = 4000 particles of
    /// |X^K - X^ref|, where every coarse run is driven by the Brownian path of the SRA1 reference with K_ref = 256 steps
    /// (increments summed exactly from the fine ones). The standard error of each mean, sd(|X^K - X^ref|)/√N, must be
    /// below e(K)/10 (so the fit is not noise: it moves the slope by at most ~0.15 across the ladder), and the slope over
    /// K = 16, 32, 64 must be the stated strong order ± 0.2. Negative control: the same ladder with the coarse runs on an
    /// unrelated Brownian path (another seed) does not converge, and its fit must fall outside the band.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stochastic))]
    public void StrongOrderIsTheStatedOne(string name)
    {
        var integrator = Integrators.Parse(name);
        const int n = 4000, kRef = 256;
        int[] ladder = [16, 32, 64];
        var o = new ParticleOptions { Dynamics = Dynamics.ReverseSde, Field = FieldKind.Exact, Particles = n, Seed = 20261203 };
        var (x0, _) = ParticleSimulator.StartSamples(Problem, o);
        var reference = ParticleSimulator.Run(Problem, o with { Steps = kRef, Integrator = Integrator.Sra1 }, x0, null).X[^1];
        double Fit(ulong seed, bool checkNoise)
        {
            var err = new double[ladder.Length];
            for (int l = 0; l < ladder.Length; l++)
            {
                var x = ParticleSimulator.Run(Problem, o with { Steps = ladder[l], Integrator = integrator, BrownianRefinement = kRef / ladder[l], Seed = seed },
                    x0, null).X[^1];
                var d = x.Select((v, i) => Math.Abs(v - reference[i])).ToArray();
                double mean = d.Average(), se = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (n - 1) / n);
                log.WriteLine($"{name} seed {seed} K = {ladder[l]}: e = {mean:E3}, SE = {se:E2}");
                if (checkNoise) Assert.True(se < mean / 10, $"K = {ladder[l]}: standard error {se:E2} is not below a tenth of the error {mean:E2}");
                err[l] = mean;
            }
            return TestCases.Order(ladder.Select(k => 1.0 / k).ToArray(), err);
        }
        double fitted = Fit(o.Seed, true);
        log.WriteLine($"{name}: strong order {fitted:F3} (stated {integrator.StrongOrder})");
        Assert.InRange(fitted, integrator.StrongOrder - 0.2, integrator.StrongOrder + 0.2);
        double control = Fit(o.Seed + 1, false);
        log.WriteLine($"{name}: negative control (uncoupled paths) order {control:F3}");
        Assert.False(Math.Abs(control - integrator.StrongOrder) <= 0.2, $"the uncoupled control fitted {control:F3}, inside the band");
    }

    [Fact]
    public void TheRegistryListsTheBuiltInsAndTheOneFileSample()
    {
        var names = Integrators.Names;
        Assert.Equal(["euler-maruyama", "sra1", "heun", "rk4", "dopri5"], names.Take(5));
        Assert.Contains("midpoint", names);
        Assert.Equal(Integrator.Rk4, Integrators.Parse(" RK4 "));
        var e = Assert.Throws<ArgumentException>(() => Integrators.Parse("leapfrog"));
        Assert.Equal("integrator", e.ParamName);
        Assert.Contains("midpoint", e.Message);
        Assert.Throws<ArgumentException>(() => Integrators.Register(Integrator.Rk4));
    }
}
