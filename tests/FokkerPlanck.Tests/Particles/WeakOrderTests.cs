using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// Weak orders, exact fields, t in [0, 1], the 3-component mixture (sd 0.4, 0.5, 0.6).
/// <para>Estimator: the weak error at K steps is e(K) = E φ(X^K) - E φ(X), estimated as the mean of
/// φ(X^K_i) - φ(X^ref_i) where every coarse run is driven by the Brownian path of a fine SRA1 reference run with
/// K_ref = 4 × (finest K) steps (each coarse increment I₁, I₁₀ is summed exactly from the fine ones: same law, coupled
/// paths). The reference is SRA1, so its own bias is (1/4)² of the finest level's for an order-2 scheme and less for EM:
/// measured e(K) = e_true(K) (1 - (K/K_ref)²), which raises a fitted order-2 slope by at most 0.04.</para>
/// <para>Particle count: the Monte Carlo error of each e(K) is SE = sd(φ(X^K) - φ(X^ref)) / √N. N is chosen from a
/// pilot run (N = 2·10⁴: bias/SE ratios of 5-15 at the finest levels, growing as √N) so that SE &lt; |e(K)| / 10 at every
/// level of the fit; the test asserts exactly that, so a run with too few particles fails instead of fitting noise.</para>
/// <para>Observable: E[x²], except the reverse SDE under SRA1, whose h² coefficient for x² nearly cancels (measured
/// slopes 1.4, 2.0, 2.5 between K = 32 and 256 for OU, 2.4 between 16 and 32 for VP: a super-convergent window), so
/// E[x³] is used there (slopes 1.6-2.1 over the ladder).</para>
/// The expected order is the one the integrator states (<see cref="Integrator.WeakOrder"/>); the default tier's
/// <see cref="IntegratorOrderTests"/> fits every registered integrator's ODE and strong orders.
/// The order bands 1 ± 0.15 and 2 ± 0.3 do not overlap, so each scheme's fit is the other's negative control.
/// </summary>
[Trait("Tier", "Full")]
public class WeakOrderTests(ITestOutputHelper log)
{
    public static TheoryData<string, string, string, string, int[], int, double> Cases => new()
    {
        { "ou", "forward-sde", "euler-maruyama", "x2", [16, 32, 64], 40_000, 0.15 },
        { "ou", "forward-sde", "sra1", "x2", [8, 16, 32], 50_000, 0.3 },
        { "ou", "reverse-sde", "euler-maruyama", "x2", [16, 32, 64], 20_000, 0.15 },
        { "ou", "reverse-sde", "sra1", "x3", [16, 32, 64], 120_000, 0.3 },
        { "vp", "forward-sde", "euler-maruyama", "x2", [64, 128, 256], 20_000, 0.15 },
        { "vp", "forward-sde", "sra1", "x2", [32, 64, 128], 10_000, 0.3 },
        { "vp", "reverse-sde", "euler-maruyama", "x2", [16, 32, 64], 20_000, 0.15 },
        { "vp", "reverse-sde", "sra1", "x3", [16, 32, 64], 220_000, 0.3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FittedWeakOrderMatchesTheScheme(string process, string dynamics, string integrator, string observable, int[] ladder,
        int n, double tolerance)
    {
        double order = Integrators.Parse(integrator).WeakOrder; // the order the integrator states
        Process p = process == "ou" ? new OuProcess() : new VpProcess();
        Func<double, double> phi = observable == "x2" ? v => v * v : v => v * v * v;
        var problem = new ParticleProblem(p, TestCases.Mixture3, [0.0, 1.0]);
        int kRef = 4 * ladder[^1];
        var o = new ParticleOptions { Dynamics = Dynamics.Parse(dynamics), Field = FieldKind.Exact, Particles = n, Seed = 20261125 };
        var (x0, _) = ParticleSimulator.StartSamples(problem, o);
        var reference = ParticleSimulator.Run(problem, o with { Steps = kRef, Integrator = Integrator.Sra1 }, x0, null).X[^1];
        var bias = new double[ladder.Length];
        for (int l = 0; l < ladder.Length; l++)
        {
            var coarse = ParticleSimulator.Run(problem, o with { Steps = ladder[l], Integrator = Integrators.Parse(integrator),
                BrownianRefinement = kRef / ladder[l] }, x0, null).X[^1];
            var d = coarse.Select((v, i) => phi(v) - phi(reference[i])).ToArray();
            double mean = d.Average(), se = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (n - 1) / n);
            log.WriteLine($"{process} {dynamics} {integrator} E[{observable}] K = {ladder[l]}: e = {mean:E3}, SE = {se:E2}, |e|/SE = {Math.Abs(mean) / se:F1}");
            Assert.True(Math.Abs(mean) >= 10 * se, $"K = {ladder[l]}: Monte Carlo error {se:E2} is not below a tenth of the bias {mean:E2}: more particles");
            bias[l] = Math.Abs(mean);
        }
        double fitted = TestCases.Order(ladder.Select(k => 1.0 / k).ToArray(), bias);
        log.WriteLine($"fitted weak order {fitted:F3} (expected {order} ± {tolerance})");
        Assert.InRange(fitted, order - tolerance, order + tolerance);
    }
}
