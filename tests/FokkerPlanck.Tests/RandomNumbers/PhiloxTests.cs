using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.RandomNumbers;

public class PhiloxTests(ITestOutputHelper log)
{
    [Theory]
    // Random123 known-answer vectors: counter[4] key[2] → output[4].
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void MatchesKnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint o0, uint o1, uint o2, uint o3) =>
        Assert.Equal(new UInt4(o0, o1, o2, o3), Philox.Block(new UInt4(c0, c1, c2, c3), k0, k1));

    [Fact]
    public void UniformsStayInsideTheOpenInterval()
    {
        Assert.True(Philox.Uniform(0, 0) > 0);
        Assert.True(Philox.Uniform(uint.MaxValue, uint.MaxValue) < 1);
        Assert.Equal(1 - Math.Pow(2, -53), Philox.Uniform(uint.MaxValue, uint.MaxValue));
        Assert.Equal(Math.Pow(2, -53), Philox.Uniform(0, 0));
        Assert.Equal(Philox.Draw(7, 123, 4), Philox.Draw(7, 123, 4));
        Assert.NotEqual(Philox.Draw(7, 123, 4), Philox.Draw(7, 124, 4));
        Assert.NotEqual(Philox.Draw(7, 123, 4), Philox.Draw(8, 123, 4));
    }

    private static (double D, double P) Ks(double[] z, Func<double, double> cdf) => FokkerPlanck.Statistics.KolmogorovSmirnov.Test(z, cdf);

    [Fact]
    public void BoxMullerNormalsPassKsAndMomentsAndAWrongScaleIsRejected()
    {
        const int n = 100_000;
        var z = new double[2 * n];
        for (int i = 0; i < n; i++) (z[2 * i], z[2 * i + 1]) = Philox.Normals(Philox.Draw(2026, i, 0));
        double mean = z.Average(), var = z.Select(v => (v - mean) * (v - mean)).Sum() / (z.Length - 1);
        // Standard errors: mean 1/√N, variance √(2/N) for N = 2e5 normals; 5 standard errors each.
        Assert.InRange(mean, -5 / Math.Sqrt(z.Length), 5 / Math.Sqrt(z.Length));
        Assert.InRange(var, 1 - 5 * Math.Sqrt(2.0 / z.Length), 1 + 5 * Math.Sqrt(2.0 / z.Length));
        static double Phi(double x) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x);
        var (d, p) = Ks((double[])z.Clone(), Phi);
        // Negative control: the same draws scaled by 1.05 (a 10% variance error) must be rejected.
        var (dw, pw) = Ks(z.Select(v => 1.05 * v).ToArray(), Phi);
        log.WriteLine($"KS: D = {d:E3}, p = {p:F3}; scaled by 1.05: D = {dw:E3}, p = {pw:E2}; mean {mean:E2}, variance {var:F5}");
        Assert.True(p > 1e-3, $"p = {p}");
        Assert.True(pw < 1e-6, $"control p = {pw}");
    }
}
