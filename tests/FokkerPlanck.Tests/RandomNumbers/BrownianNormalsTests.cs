using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.RandomNumbers;

/// <summary>The Brownian normals (Philox words through the ziggurat) against <see cref="NormalBattery"/>, along particles,
/// along sub-steps and across streams, with negative controls the battery must reject.</summary>
public class BrownianNormalsTests(ITestOutputHelper log)
{
    private static double[] AlongParticles(ulong seed, int n, int step = 0, uint stream = BrownianNormals.StreamX)
    {
        var z = new double[n];
        for (int p = 0; p < n; p++) z[p] = BrownianNormals.Normal(seed, p, step, stream);
        return z;
    }

    private List<string> Run(string what, double[] z)
    {
        log.WriteLine($"-- {what} ({z.Length} values)");
        return NormalBattery.Failures(z, log.WriteLine);
    }

    [Fact]
    public void NormalsAlongParticlesPassTheBattery() => Assert.Empty(Run("along particles", AlongParticles(2026, 1 << 20)));

    [Fact]
    public void NormalsAlongSubStepsAndAcrossStreamsPassTheBattery()
    {
        // One particle's normals over 2¹⁷ sub-steps, then stream X and stream Y of the same particles interleaved (the
        // serial test at lag 1 then pairs the two axes of one particle).
        var steps = new double[1 << 17];
        for (int q = 0; q < steps.Length; q++) steps[q] = BrownianNormals.Normal(7, 12345, q, BrownianNormals.StreamX);
        Assert.Empty(Run("along sub-steps", steps));
        var axes = new double[1 << 17];
        for (int p = 0; p < axes.Length / 2; p++)
        {
            axes[2 * p] = BrownianNormals.Normal(7, p, 3, BrownianNormals.StreamX);
            axes[2 * p + 1] = BrownianNormals.Normal(7, p, 3, BrownianNormals.StreamY);
        }
        Assert.Empty(Run("x and y interleaved", axes));
    }

    [Fact]
    public void TheBatteryRejectsWrongNormals()
    {
        var z = AlongParticles(2026, 1 << 20);
        // A 5 % scale error (10 % in variance).
        Assert.Contains("ks", Run("scaled by 1.05", z.Select(v => 1.05 * v).ToArray()));
        // The ziggurat without its wedges and tail: every word taken on the fast path's formula.
        var fastOnly = new double[z.Length];
        for (int p = 0; p < z.Length; p++) Ziggurat.TryFast(BrownianNormals.Word(2026, p, 0, BrownianNormals.StreamX), out fastOnly[p]);
        var f = Run("fast path only", fastOnly);
        Assert.Contains("tail>4.00", f);
        Assert.Contains("variance", f);
        // Neighbours correlated by 0.02.
        var corr = new double[z.Length];
        corr[0] = z[0];
        for (int p = 1; p < z.Length; p++) corr[p] = (z[p] + 0.02 * z[p - 1]) / Math.Sqrt(1.0004);
        var c = Run("lag-1 correlation 0.02", corr);
        Assert.Contains("correlation lag 1", c);
        Assert.Contains("serial lag 1", c);
        // A layout error: particles p and p + 8 reading the same word.
        var dup = new double[z.Length];
        for (int p = 0; p < z.Length; p++) dup[p] = z[p & ~8];
        Assert.Contains("serial lag 8", Run("duplicated words", dup));
        // A period of 8 particles with amplitude 0.05.
        var periodic = z.Select((v, p) => v + 0.05 * Math.Cos(2 * Math.PI * p / 8)).ToArray();
        Assert.Contains("spectral peak", Run("period 8", periodic));
    }

    [Fact]
    [Trait("Tier", "Full")]
    public void SixteenMillionNormalsPassTheBattery()
    {
        Assert.Empty(Run("2²⁴ along particles, seed 1", AlongParticles(1, 1 << 24)));
        Assert.Empty(Run("2²⁴ along particles, seed 2⁶³ + 5, step 10⁶, stream IntegralY",
            AlongParticles((1UL << 63) + 5, 1 << 24, 1_000_000, BrownianNormals.StreamIntegralY)));
    }
}
