using FokkerPlanck.Statistics;
using MathNet.Numerics.Distributions;

namespace FokkerPlanck.Tests.Statistics;

public class MetricTests
{
    [Fact]
    public void W1ThroughCdfsMatchesClosedForms()
    {
        // One point at 0 against U(-1, 1): ∫ |1{x ≥ 0} - F| dx = 1/4 + 1/4 = E|U| = 1/2.
        Func<double, double> unif = x => Math.Clamp((x + 1) / 2, 0, 1);
        // (Simpson on panels where |F_n - F| has a kink where the two cross: quadrature error O(h²) ~ 1e-8 at 4096 panels.)
        Assert.Equal(0.5, Wasserstein.ToCdf([0.0], unif, -1, 1), 6);
        // Two points at ±1/2 against U(-1, 1): 4 triangles of area 1/16 → 1/4.
        Assert.Equal(0.25, Wasserstein.ToCdf([-0.5, 0.5], unif, -1, 1), 6);
        // A sample of N(0, 1) against the CDF of N(0.3, 1): W1 = 0.3 up to sampling noise (sd ≈ 0.0125 at n = 10⁴).
        var s = new double[10_000];
        Normal.Samples(new Random(7), s, 0, 1);
        double w = Wasserstein.ToCdf(s, x => Normal.CDF(0.3, 1, x), -8, 8);
        Assert.InRange(w, 0.3 - 5 * 0.0125, 0.3 + 5 * 0.0125);
        Assert.Equal(double.PositiveInfinity, Wasserstein.ToCdf([double.NaN], unif, -1, 1));
    }

    [Fact]
    public void W1BetweenSamplesAndSlicedW1DetectShifts()
    {
        double[] a = [0.0, 1.0, 2.0, 5.0];
        Assert.Equal(0.7, Wasserstein.Between(a, a.Select(v => v + 0.7).Reverse().ToArray()), 12);
        Assert.Throws<ArgumentException>(() => Wasserstein.Between([1.0], [1.0, 2.0]));
        // A shift by (a, 0): every projection is shifted by a|cos θ|; the mean of |cos θ| over the half circle is 2/π.
        var rng = new Random(3);
        var x = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble()).ToArray();
        double sw = Wasserstein.Sliced(x, y, x.Select(v => v + 1.0).ToArray(), y, directions: 512);
        Assert.Equal(2 / Math.PI, sw, 4);
    }

    [Fact]
    public void ChiSquareTotalVariationAndKlMatchHandComputedValues()
    {
        // X² = (10 - 20)²/20 + 0 + (30 - 20)²/20 = 10, 2 degrees of freedom: p = e^{-5}.
        var (x2, df, p) = BinnedComparison.ChiSquare([10, 20, 30], [1.0, 1.0, 1.0]);
        Assert.Equal(10, x2, 12);
        Assert.Equal(2, df);
        Assert.Equal(Math.Exp(-5), p, 12);
        var (z, _, p1) = BinnedComparison.ChiSquare([20, 20, 20], [1.0, 1.0, 1.0]);
        Assert.Equal(0, z);
        Assert.Equal(1, p1, 12);
        Assert.Equal(0.5, BinnedComparison.TotalVariation([1, 0], [0.5, 0.5]), 12);
        Assert.Equal(Math.Log(2), BinnedComparison.KullbackLeibler([1, 0], [0.5, 0.5]), 12);
        Assert.Equal(double.PositiveInfinity, BinnedComparison.KullbackLeibler([1, 1], [1, 0]));
        // Far-tail p-values stay accurate (MathNet's regularised gamma): X² = 2 · 50²/100 = 50 on 1 df → p = erfc(5) ≈ 1.5e-12.
        var (_, _, tiny) = BinnedComparison.ChiSquare([150, 50], [0.5, 0.5]);
        double reference = MathNet.Numerics.SpecialFunctions.Erfc(5);
        Assert.True(Math.Abs(tiny - reference) <= 1e-10 * reference, $"p = {tiny}, erfc(10) = {reference}");
    }

    [Fact]
    public void SparseBinsArePooledBeforeTheChiSquareTest()
    {
        // 100 counts, probabilities 0.97 / 0.01 / 0.01 / 0.01: the three 1-count bins are pooled into one of expected 3,
        // which is below 5 and is merged into the large bin: a single bin is left, which is an error (no test possible).
        Assert.Throws<ArgumentException>(() => BinnedComparison.ChiSquare([97, 1, 1, 1], [0.97, 0.01, 0.01, 0.01]));
        // 1000 counts: expected 970 / 10 / 10 / 10, nothing pooled, 3 degrees of freedom.
        var (_, df, _) = BinnedComparison.ChiSquare([970, 10, 10, 10], [0.97, 0.01, 0.01, 0.01]);
        Assert.Equal(3, df);
        // Expected 2 each in two bins: pooled into one bin of 4 → merged into the smallest kept bin: 2 bins, df 1.
        var (_, df2, _) = BinnedComparison.ChiSquare([48, 48, 2, 2], [0.48, 0.48, 0.02, 0.02]);
        Assert.Equal(1, df2);
        Assert.Equal([1L, 2L, 1L], BinnedComparison.Histogram([0.5, 1.0, 1.5, 2.5, double.NaN, 9], [0.0, 1.0, 2.0, 3.0]));
    }

    [Fact]
    public void MomentTestsHaveTheirStatedStandardErrors()
    {
        var s = new double[40_000];
        Normal.Samples(new Random(11), s, 1.0, 2.0);
        var (m, se) = MomentTests.Mean(s);
        Assert.Equal(2.0 / Math.Sqrt(s.Length), se, 3);
        Assert.InRange(m, 1 - 5 * se, 1 + 5 * se);
        // SE of the variance of a normal sample: σ² √(2/n).
        var (v, sev) = MomentTests.Variance(s);
        Assert.Equal(4 * Math.Sqrt(2.0 / s.Length), sev, 3);
        Assert.InRange(v, 4 - 5 * sev, 4 + 5 * sev);
        Assert.True(MomentTests.MeanTest(s, 1.0).P > 1e-3);
        Assert.True(MomentTests.MeanTest(s, 1.1).P < 1e-6);   // 0.1 / 0.01 = 10 standard errors
        Assert.True(MomentTests.VarianceTest(s, 4.4).P < 1e-6);
        Assert.Equal(MathNet.Numerics.SpecialFunctions.Erfc(3 / Math.Sqrt(2)), MomentTests.TwoSidedP(-3), 14);
        // 2D: the χ²₂ survival function is e^{-q/2}.
        var (q, p) = MomentTests.MeanTest2D([1.0, -1.0, 2.0, 0.0], [0.0, 0.0, 1.0, 1.0], (0.0, 0.0), (1.0, 0.0, 1.0));
        Assert.Equal(4 * (0.5 * 0.5 + 0.5 * 0.5), q, 12);
        Assert.Equal(Math.Exp(-q / 2), p, 14);
    }

    [Fact]
    public void MmdMatchesTheGaussianClosedForm()
    {
        // For N(0, 1) against N(μ, 1) and kernel length ℓ: MMD² = 2 ℓ/√(ℓ² + 2) (1 - exp(-μ²/(2(ℓ² + 2)))). The unbiased
        // estimate averaged over 10 replicates of m = 1500 must lie within 5 standard errors (sd/√10) of it; the null
        // (μ = 0) average within 5 standard errors of 0.
        const double l = 1.0, mu = 0.5;
        double exact = 2 * l / Math.Sqrt(l * l + 2) * (1 - Math.Exp(-mu * mu / (2 * (l * l + 2))));
        var rng = new Random(5);
        double[] Draw(double shift) { var a = new double[1500]; Normal.Samples(rng, a, shift, 1); return a; }
        var zeros = new double[1500];
        var shifted = Enumerable.Range(0, 10).Select(_ => Mmd.Squared(Draw(0), zeros, Draw(mu), zeros, l)).ToArray();
        var nul = Enumerable.Range(0, 10).Select(_ => Mmd.Squared(Draw(0), zeros, Draw(0), zeros, l)).ToArray();
        static (double M, double Se) Ms(double[] v) { double m = v.Average(); return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1) / v.Length)); }
        var (ms, ses) = Ms(shifted);
        var (mn, sen) = Ms(nul);
        Assert.InRange(ms, exact - 5 * ses, exact + 5 * ses);
        Assert.InRange(mn, -5 * sen, 5 * sen);
        Assert.True(ms > 10 * sen, "the shift must stand far above the null's noise");
        Assert.Throws<ArgumentOutOfRangeException>(() => Mmd.Squared(zeros, zeros, zeros, zeros, 0));
    }

    [Fact]
    public void HolmAndBonferroniRejectWhatTheTextbookSays()
    {
        var h = MultipleTesting.Holm([0.01, 0.04, 0.03, 0.005], 0.05);
        Assert.Equal([true, false, false, true], h.Select(r => r.Rejected));
        Assert.Equal(0.05 / 3, h[0].Threshold, 14);
        // Holm rejects all four where Bonferroni rejects two.
        Assert.All(MultipleTesting.Holm([0.01, 0.012, 0.02, 0.04], 0.05), r => Assert.True(r.Rejected));
        Assert.Equal([true, true, false, false], MultipleTesting.Bonferroni([0.01, 0.012, 0.02, 0.04], 0.05).Select(r => r.Rejected));
        Assert.True(MultipleTesting.Holm([double.NaN, 0.5], 0.05)[0].Rejected);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Holm([0.1], 1.5));
    }
}
