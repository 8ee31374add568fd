using FokkerPlanck.Statistics;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Statistics;

public class KolmogorovSmirnovTests(ITestOutputHelper log)
{
    [Fact]
    public void PValuesAreUniformUnderTheNullAndNotUnderAShift()
    {
        // 400 samples of n = 200 from N(0, 1): their KS p-values against Φ must look U(0, 1). The meta-test is itself a
        // KS test of the p-values against the uniform CDF at level 1e-3 (400 p-values: it detects a CDF deviation of
        // about 1.95/√400 ≈ 0.1, e.g. Stephens' correction left out makes p too large by up to ~0.05 at this n,
        // a smaller effect; a p-value formula off by the factor 2 of a one-sided test is caught). Negative control:
        // samples from N(0.25, 1) give p-values piled near 0, which the same meta-test rejects.
        const int reps = 400, n = 200;
        var rng = new Random(12345);
        double[] Ps(double shift) => Enumerable.Range(0, reps).Select(_ =>
        {
            var s = new double[n];
            Normal.Samples(rng, s, shift, 1);
            return KolmogorovSmirnov.Test(s, x => Normal.CDF(0, 1, x)).P;
        }).ToArray();
        var nul = Ps(0);
        var (d, p) = KolmogorovSmirnov.Test(nul, u => Math.Clamp(u, 0, 1));
        var (dw, pw) = KolmogorovSmirnov.Test(Ps(0.25), u => Math.Clamp(u, 0, 1));
        log.WriteLine($"null: meta-KS D = {d:F4}, p = {p:F3}; fraction of p < 0.05: {nul.Count(v => v < 0.05) / (double)reps:F3}; shifted: D = {dw:F3}, p = {pw:E2}");
        Assert.True(p > 1e-3, $"p-values not uniform under the null: meta p = {p}");
        Assert.True(pw < 1e-6, $"the shifted control was not rejected: meta p = {pw}");
    }

    [Fact]
    public void StatisticMatchesABruteForceSupremumAndPValueMatchesKolmogorovsTable()
    {
        // Independent computation of D: sup over a dense mesh of |F_n(x) - F(x)| with both one-sided limits of the step.
        double[] sample = [-1.7, -0.9, -0.35, -0.2, 0.05, 0.4, 0.45, 1.1, 1.3, 2.2];
        Func<double, double> cdf = x => Normal.CDF(0, 1, x);
        double brute = 0;
        for (int k = 0; k <= 200_000; k++)
        {
            double x = -4 + 8.0 * k / 200_000;
            double fn = sample.Count(v => v <= x) / 10.0, fl = sample.Count(v => v < x) / 10.0;
            brute = Math.Max(brute, Math.Max(Math.Abs(fn - cdf(x)), Math.Abs(fl - cdf(x))));
        }
        foreach (var v in sample) brute = Math.Max(brute, Math.Max(Math.Abs(sample.Count(s => s <= v) / 10.0 - cdf(v)), Math.Abs(sample.Count(s => s < v) / 10.0 - cdf(v))));
        var (d, _) = KolmogorovSmirnov.Test(sample, cdf);
        Assert.Equal(brute, d, 12);
        // Kolmogorov's distribution: P(K > 1) = 0.2699996716 (Smirnov 1948 tables); the 5 % and 1 % critical values
        // 1.3581 and 1.6276.
        Assert.Equal(0.2699996716, KolmogorovSmirnov.Q(1.0), 9);
        Assert.Equal(0.05, KolmogorovSmirnov.Q(1.3581), 4);
        Assert.Equal(0.01, KolmogorovSmirnov.Q(1.6276), 4);
        Assert.Equal(1.0, KolmogorovSmirnov.Q(0.1));
    }

    [Fact]
    public void NonFiniteSamplesFailAndEmptySamplesAreRejected()
    {
        Assert.Equal(0.0, KolmogorovSmirnov.Test([0.1, double.NaN], x => x).P);
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.Test([], x => x));
    }
}
