using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Tests.Model;

public class DensityTests
{
    // Kinks of the Laplace cases: the quadrature splits there.
    private static readonly double[] Breaks = [-2.0, 2.0, -1.0, 1.5, 0.0, -0.9, 1.35];

    private static double Integrate(Func<double, double> f, double a, double b, int n = 20000)
    {
        var cuts = Breaks.Where(x => x > a && x < b).Order().ToArray();
        if (cuts.Length > 0)
        {
            double total = 0, lo = a;
            foreach (double c in cuts.Append(b)) { total += IntegrateSmooth(f, lo, c, Math.Max(200, n / (cuts.Length + 1))); lo = c; }
            return total;
        }
        return IntegrateSmooth(f, a, b, n);
    }

    private static double IntegrateSmooth(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, s = 0;
        for (int i = 0; i < n; i++) s += GaussLegendre.Average(f, a + i * h, a + (i + 1) * h, 8) * h;
        return s;
    }

    public static TheoryData<IDensity1D> Densities1D => new()
    {
        TestCases.Mixture3,
        TestCases.Mixture3.Evolve(0.6, 0.4),
        new LaplaceMixture1D([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]),
        new LaplaceMixture1D([0.2, 0.8], [-1.0, 1.5], [0.3, 0.8]).Evolve(0.9, 0.05),
        new LaplaceMixture1D([1.0], [0.0], [0.01], 1.0), // s/B = 100: the overflow-prone regime
    };

    [Theory]
    [MemberData(nameof(Densities1D))]
    public void IntegratesToOneAndCdfMatches(IDensity1D p)
    {
        Assert.Equal(1.0, Integrate(p.Density, -40, 40), 1e-10);
        foreach (double x in new[] { -3.0, -0.7, 0.0, 0.4, 2.2 })
            Assert.Equal(Integrate(p.Density, -40, x), p.Cdf(x), 1e-10);
    }

    [Theory]
    [MemberData(nameof(Densities1D))]
    public void ScoreIsTheDerivativeOfLogDensity(IDensity1D p)
    {
        foreach (double x in new[] { -3.3, -0.71, 0.13, 0.41, 2.2, 6.0 })
        {
            double h = 1e-5, fd = (p.LogDensity(x + h) - p.LogDensity(x - h)) / (2 * h);
            Assert.Equal(fd, p.Score(x), 1e-6 * (1 + Math.Abs(fd)));
            Assert.Equal(Math.Log(p.Density(x)), p.LogDensity(x), 1e-12 * (1 + Math.Abs(p.LogDensity(x))));
        }
    }

    [Theory]
    [MemberData(nameof(Densities1D))]
    public void CellAverageEqualsQuadrature(IDensity1D p)
    {
        foreach (double a in new[] { -2.05, -0.3, 1.97 })
        {
            double b = a + 0.01;
            Assert.Equal(GaussLegendre.Average(p.Density, a, b, 16), p.CellAverage(a, b), 1e-9 * p.Density(a) + 1e-15);
        }
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(-50.0)]
    [InlineData(500.0)]
    public void LaplaceMarginalIsFiniteFarInTheTails(double x)
    {
        foreach (var (s2, b) in new[] { (1e-6, 0.5), (1.0, 0.01), (4.0, 2.0), (0.25, 1e-3) })
        {
            var p = new LaplaceMixture1D([0.5, 0.5], [-2.0, 2.0], [b, b], s2);
            double lp = p.LogDensity(x), sc = p.Score(x), d = p.Density(x), cell = p.CellAverage(x, x + 0.01);
            Assert.True(double.IsFinite(lp), $"log p = {lp} at s2={s2}, b={b}");
            Assert.True(double.IsFinite(sc), $"score = {sc} at s2={s2}, b={b}");
            Assert.False(double.IsNaN(d) || double.IsNaN(cell) || d < 0 || cell < 0);
            // Far out, the lighter of the two tails rules: the score tends to -sign(y)/b (Laplace) or -y/s² (Gaussian).
            double y = x - 2 * Math.Sign(x);
            double expected = -Math.Min(1 / b, Math.Abs(y) / s2) * Math.Sign(y);
            Assert.Equal(expected, sc, 0.05 * Math.Abs(expected) + 1e-6);
        }
    }

    [Fact]
    public void GaussianMixture2DCellAverageAndScore()
    {
        var p = TestCases.Mixture2D;
        foreach (var (x, y) in new[] { (-1.4, 0.3), (0.2, -0.9), (2.5, 1.0) })
        {
            double h = 1e-5;
            var (sx, sy) = p.Score(x, y);
            Assert.Equal((p.LogDensity(x + h, y) - p.LogDensity(x - h, y)) / (2 * h), sx, 1e-6);
            Assert.Equal((p.LogDensity(x, y + h) - p.LogDensity(x, y - h)) / (2 * h), sy, 1e-6);
            double q = GaussLegendre.Average(u => GaussLegendre.Average(v => p.Density(u, v), y, y + 0.05, 12), x, x + 0.05, 12);
            Assert.Equal(q, p.CellAverage(x, x + 0.05, y, y + 0.05), 1e-10 * q);
        }
        Assert.Equal(1.0, Integrate(u => Integrate(v => p.Density(u, v), -10, 10, 200), -10, 10, 200), 1e-9);
    }

    [Fact]
    public void FunnelCellAverageAndScore()
    {
        var p = new Funnel2D(0.8, 0.2, 1.0);
        foreach (var (x, v) in new[] { (0.05, -1.0), (0.3, 0.5), (-1.0, 1.2) })
        {
            double h = 1e-6;
            var (sx, sv) = p.Score(x, v);
            Assert.Equal((p.LogDensity(x + h, v) - p.LogDensity(x - h, v)) / (2 * h), sx, 1e-5 * (1 + Math.Abs(sx)));
            Assert.Equal((p.LogDensity(x, v + h) - p.LogDensity(x, v - h)) / (2 * h), sv, 1e-5 * (1 + Math.Abs(sv)));
            double q = GaussLegendre.Average(u => GaussLegendre.Average(w => p.Density(u, w), v, v + 0.02, 16), x, x + 0.02, 16);
            Assert.Equal(q, p.CellAverage(x, x + 0.02, v, v + 0.02), 1e-8 * q);
        }
    }
}
