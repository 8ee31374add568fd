using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using Xunit.Abstractions;
using Phi = MathNet.Numerics.Distributions.Normal;

namespace FokkerPlanck.Tests.Model;

/// <summary>Two moons, swiss roll and pinwheel: Gaussian tubes written as the mixtures of their quadrature.</summary>
[Trait("Tier", "Full")]
public class CurveToyDataTests(ITestOutputHelper log)
{
    // The curves as the tests define them, independently of the library's code.
    private static (double X, double Y) Roll(double u) => (0.2 * u * Math.Cos(u), 0.2 * u * Math.Sin(u));

    private static (double X, double Y) Arm(int k, double r)
    {
        double a = 2 * Math.PI * k / 5 + 0.25 * Math.Exp(r);
        return (2 * r * Math.Cos(a), 2 * r * Math.Sin(a));
    }

    // Reference tube density: composite Gauss–Legendre with 2000 panels of 12 nodes per curve.
    private static double Reference(IReadOnlyList<(Func<double, (double X, double Y)> C, double U0, double U1, Func<double, double> W)> curves, double sd, double x, double y)
    {
        var (gx, gw) = GaussLegendre.Rule(12);
        double num = 0, mass = 0;
        foreach (var (c, u0, u1, w) in curves)
        {
            double du = (u1 - u0) / 2000;
            for (int p = 0; p < 2000; p++)
                for (int k = 0; k < 12; k++)
                {
                    double u = u0 + du * (p + 0.5 * (gx[k] + 1)), wt = w(u) * 0.5 * du * gw[k];
                    var (cx, cy) = c(u);
                    num += wt * Math.Exp(-0.5 * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (sd * sd)) / (2 * Math.PI * sd * sd);
                    mass += wt;
                }
        }
        return num / mass;
    }

    [Fact]
    public void TheMixturesAreTheirTubesToOneMillionth()
    {
        var moons = new (Func<double, (double, double)>, double, double, Func<double, double>)[]
        {
            (u => (2 * (Math.Cos(u) - 0.5), 2 * (Math.Sin(u) - 0.25)), 0, Math.PI, _ => 1.0),
            (u => (2 * (0.5 - Math.Cos(u)), 2 * (0.25 - Math.Sin(u))), 0, Math.PI, _ => 1.0),
        };
        var roll = new (Func<double, (double, double)>, double, double, Func<double, double>)[] { (Roll, 1.5 * Math.PI, 4.5 * Math.PI, _ => 1.0) };
        var pin = Enumerable.Range(0, 5).Select(k => ((Func<double, (double, double)>)(r => Arm(k, r)), 1 - 1.2, 1 + 1.2,
            (Func<double, double>)(r => Math.Exp(-0.5 * (r - 1) * (r - 1) / 0.09)))).ToArray();
        foreach (var (name, mix, curves) in new[] { ("two moons", ToyData2D.TwoMoons(2, 0.2), moons), ("swiss roll", ToyData2D.SwissRoll(0.2, 0.2), roll),
                     ("pinwheel", ToyData2D.Pinwheel(5, 0.3, 0.25, 2, 0.2), pin) })
        {
            var rng = new Random(7);
            double worst = 0, peak = 0;
            for (int i = 0; i < 60; i++)
            {
                // Points on and near the curves (a random curve, parameter and offset of up to 2 sd).
                var (c, u0, u1, _) = curves[rng.Next(curves.Length)];
                var (cx, cy) = c(u0 + (u1 - u0) * rng.NextDouble());
                double x = cx + 0.4 * (rng.NextDouble() - 0.5), y = cy + 0.4 * (rng.NextDouble() - 0.5);
                double r = Reference(curves, 0.2, x, y), d = mix.Density(x, y);
                peak = Math.Max(peak, r);
                worst = Math.Max(worst, Math.Abs(d - r));
            }
            log.WriteLine($"{name}: {mix.Weights.Count} components; largest |mixture - tube| {worst / peak:E2} of the peak");
            Assert.True(worst <= 1e-6 * peak, $"{name}: {worst / peak:E2}");
        }
    }

    /// <summary>
    /// VP (0.1, 20) to t = 0.3 from the swiss roll and from the pinwheel: the exact marginal (the evolved mixture) against
    /// an independent Monte Carlo (curve parameter and tube offset drawn here with System.Random, pushed through
    /// X_t = m X_0 + sqrt(v) Z). Three tests per data set at FWER 1e-3 over both sets (Bonferroni, each at 1e-3 / 6): KS on
    /// the x and y marginals and χ² over 12 × 12 cells; the samples shifted by 0.1 in x are rejected.
    /// </summary>
    [Fact]
    public void ExactMarginalsAgreeWithAnIndependentMonteCarloOfTheForwardProcess()
    {
        var vp = new VpProcess(0.1, 20);
        var (m, v) = vp.Transition(0, 0.3);
        const double alpha = 1e-3 / 6;
        const int n = 40_000;
        var rng = new Random(20261204);
        foreach (var (name, data, draw) in new (string, GaussianMixture2D, Func<(double, double)>)[]
        {
            ("swiss roll", ToyData2D.SwissRoll(0.2, 0.2), () => Roll(1.5 * Math.PI + 3 * Math.PI * rng.NextDouble())),
            ("pinwheel", ToyData2D.Pinwheel(5, 0.3, 0.25, 2, 0.2), () =>
            {
                double r;
                do r = 1 + 0.3 * Normal(rng); while (Math.Abs(r - 1) > 1.2);
                return Arm(rng.Next(5), r);
            }),
        })
        {
            var exact = (GaussianMixture2D)data.Evolve(m, v);
            var x = new double[n]; var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                var (cx, cy) = draw();
                x[i] = m * (cx + 0.2 * Normal(rng)) + Math.Sqrt(v) * Normal(rng);
                y[i] = m * (cy + 0.2 * Normal(rng)) + Math.Sqrt(v) * Normal(rng);
            }
            var (p1, p2, p3) = Tests(exact, x, y);
            var (c1, _, c3) = Tests(exact, x.Select(u => u + 0.1).ToArray(), y);
            log.WriteLine($"{name}: p = {p1:E2}, {p2:E2}, {p3:E2}; shifted: {c1:E2}, {c3:E2}");
            Assert.True(Math.Min(p1, Math.Min(p2, p3)) > alpha, $"{name}: p = {p1:E2}, {p2:E2}, {p3:E2}");
            Assert.True(c1 < alpha && c3 < alpha, $"{name} shifted: p = {c1:E2}, {c3:E2}");
        }
    }

    private static (double Px, double Py, double PChi) Tests(GaussianMixture2D e, double[] x, double[] y)
    {
        var mu = e.Means.ToArray(); var cov = e.Covariances.ToArray();
        double Cdf(int axis, double u) => e.Weights.Select((w, k) => w * Phi.CDF(axis == 0 ? mu[k].X : mu[k].Y, Math.Sqrt(axis == 0 ? cov[k].Sxx : cov[k].Syy), u)).Sum();
        // Cell probabilities: the components are isotropic (diagonal covariances), so each is a product of two ΔΦ.
        return MarginalTests2D.Run(x, y, u => Cdf(0, u), u => Cdf(1, u), (xa, xb, ya, yb) => e.Weights.Select((wt, c) =>
        {
            double s = Math.Sqrt(cov[c].Sxx);
            return wt * (Phi.CDF(mu[c].X, s, xb) - Phi.CDF(mu[c].X, s, xa)) * (Phi.CDF(mu[c].Y, s, yb) - Phi.CDF(mu[c].Y, s, ya));
        }).Sum());
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
