using FokkerPlanck.RandomNumbers;
using MathNet.Numerics;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.RandomNumbers;

/// <summary>The ziggurat's tables against their definitions, its fast-path bounds, and each branch of its slow path.</summary>
public class ZigguratTests(ITestOutputHelper log)
{
    private static double F(double x) => Math.Exp(-0.5 * x * x);

    [Fact]
    public void TablesSatisfyTheirDefinitions()
    {
        double[] x = ZigguratTables.X, f = ZigguratTables.F;
        double r = ZigguratTables.R, v = ZigguratTables.V;
        Assert.Equal(129, x.Length);
        Assert.Equal(r, x[1]);
        Assert.Equal(0.0, x[128]);
        // The base strip: rectangle plus tail is V; its virtual width is V / f(R).
        double tail = Math.Sqrt(Math.PI / 2) * SpecialFunctions.Erfc(r / Math.Sqrt(2));
        Assert.Equal(v, r * F(r) + tail, 1e-15);
        Assert.Equal(v / F(r), x[0], 1e-14);
        double worst = 0;
        for (int i = 0; i <= 128; i++) Assert.Equal(F(x[i]), f[i], 2e-16);
        for (int i = 1; i < 128; i++)
        {
            // Every box [0, X[i]] × [f(X[i]), f(X[i+1])] has area V (the top one's upper edge is f(0) = 1).
            double area = x[i] * (f[i + 1] - f[i]);
            worst = Math.Max(worst, Math.Abs(area / v - 1));
            Assert.True(x[i + 1] < x[i]);
        }
        log.WriteLine($"R = {r:R}, V = {v:R}; worst relative area error of the 127 boxes {worst:E2}");
        Assert.True(worst < 1e-12, $"worst relative area error {worst:E2}");
    }

    [Fact]
    public void FastPathBoundsAreTight()
    {
        for (int i = 0; i < 128; i++)
        {
            uint k = ZigguratTables.K[i];
            double w = Ziggurat.W[i];
            Assert.Equal(ZigguratTables.X[i] / 16777216.0, w);
            // Every accepted magnitude lies inside the rectangle; the first refused one does not.
            if (k > 0) Assert.True((k - 1 + 0.5) * w < ZigguratTables.X[i + 1], $"layer {i}");
            Assert.True((k + 0.5) * w >= ZigguratTables.X[i + 1], $"layer {i}");
        }
    }

    [Fact]
    public void SlowPathBranchesGiveNormalsOfTheRightRegion()
    {
        int tail = 0, inBase = 0, wedge = 0;
        for (uint m = 0; m < (1u << 24); m += 4099)
            for (uint sign = 0; sign < 2; sign++)
            {
                // Layer 0 beyond K[0]: inside the base rectangle (|z| < R) or in the tail (|z| > R).
                uint w0 = (m << 8) | (sign << 7);
                double z0 = Ziggurat.TryFast(w0, out double f0) ? f0 : Ziggurat.Slow(w0, 2026, m, 0, 3, BrownianNormals.StreamX, 1);
                Assert.Equal(sign == 1, z0 < 0);
                Assert.True(double.IsFinite(z0));
                if ((m + 0.5) * Ziggurat.W[0] < ZigguratTables.R) { Assert.Equal(Math.Abs(f0), Math.Abs(z0)); inBase++; }
                else { Assert.True(Math.Abs(z0) > ZigguratTables.R, $"{z0}"); tail++; }
                // Layer 77 beyond K[77]: accepted in the wedge (the same magnitude) or restarted from a fresh word.
                uint w1 = (m << 8) | (sign << 7) | 77u;
                if (m >= ZigguratTables.K[77])
                {
                    double z1 = Ziggurat.Slow(w1, 2026, m, 0, 3, BrownianNormals.StreamX, 2);
                    Assert.True(double.IsFinite(z1));
                    Assert.True(Math.Abs(z1) < 15);
                    if (Math.Abs(z1) == (m + 0.5) * Ziggurat.W[77]) wedge++;
                }
            }
        log.WriteLine($"layer 0: {inBase} in the base rectangle, {tail} in the tail; layer 77: {wedge} accepted in the wedge");
        Assert.True(tail > 0 && inBase > 0 && wedge > 0);
    }

    [Fact]
    public void SlowWordsAreAsFrequentAsTheTablesSay()
    {
        // P(slow) = 1 - mean over layers of K[i] / 2²⁴; the count over N words is binomial (5 standard deviations).
        double pFast = ZigguratTables.K.Average(k => k / 16777216.0), pSlow = 1 - pFast;
        const int n = 1 << 20;
        int slow = 0;
        for (int p = 0; p < n / 4; p++)
        {
            var b = Philox.Draw(31, p, 0, BrownianNormals.StreamX);
            foreach (uint w in new[] { b.X0, b.X1, b.X2, b.X3 }) if (!Ziggurat.TryFast(w, out _)) slow++;
        }
        double sd = Math.Sqrt(n * pSlow * pFast);
        log.WriteLine($"slow words: {slow} of {n} ({(double)slow / n:P3}); tables say {pSlow:P3} ± {sd / n:P3}");
        Assert.InRange(slow, n * pSlow - 5 * sd, n * pSlow + 5 * sd);
    }
}
