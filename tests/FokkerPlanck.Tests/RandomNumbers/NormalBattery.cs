using System.Numerics;
using FokkerPlanck.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.IntegralTransforms;

namespace FokkerPlanck.Tests.RandomNumbers;

/// <summary>
/// The statistical tests a sequence of standard normals must pass, each with a threshold from its sampling distribution
/// at a false-alarm rate of about 10⁻³ or below (the seeds are fixed, so a pass is a pass for good):
/// moments (mean, variance, skewness, excess kurtosis within 5 standard errors: 1/√N, √(2/N), √(6/N), √(24/N));
/// Kolmogorov–Smirnov against Φ (p &gt; 10⁻³); tail counts beyond R = 3.44, 4 and 4.5 (binomial, within 5 standard
/// deviations of N·2(1 - Φ(t))); serial tests of pairs (z_i, z_{i+lag}) in 10 × 10 equiprobable cells (χ² with 99
/// degrees of freedom below its 1 - 10⁻⁴ quantile) and their correlation (within 5/√N); and a spectral test of the
/// first 2¹⁶ values: the periodogram ordinates |Z_k|²/M of white noise are independent Exp(1), so KS against Exp(1)
/// (p &gt; 10⁻³) and the largest ordinate below -ln(1 - (1 - 10⁻³)^{1/K}) for K ordinates (Fisher's test of a hidden
/// period).
/// </summary>
internal static class NormalBattery
{
    /// <summary>Lags of the serial tests: neighbours, the next word of the same Philox block (8) and the same lane of
    /// the next group of 32 (32).</summary>
    public static readonly int[] Lags = [1, 8, 32];

    /// <summary>The names of the checks the sequence fails (empty when it passes all), and a log line per check.</summary>
    /// <param name="z">The sequence (at least 2¹⁶ values).</param>
    /// <param name="log">Receives one line per check.</param>
    /// <returns>Failed checks.</returns>
    public static List<string> Failures(double[] z, Action<string> log)
    {
        var failed = new List<string>();
        void Check(string name, bool ok, string detail) { log($"{name}: {detail} {(ok ? "ok" : "FAILED")}"); if (!ok) failed.Add(name); }
        int n = z.Length;
        double mean = z.Average();
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in z) { double d = v - mean, d2 = d * d; m2 += d2; m3 += d2 * d; m4 += d2 * d2; }
        m2 /= n; m3 /= n; m4 /= n;
        double skew = m3 / Math.Pow(m2, 1.5), kurt = m4 / (m2 * m2) - 3;
        Check("mean", Math.Abs(mean) <= 5 / Math.Sqrt(n), $"{mean:E3} (5 SE {5 / Math.Sqrt(n):E2})");
        Check("variance", Math.Abs(m2 - 1) <= 5 * Math.Sqrt(2.0 / n), $"{m2:F5} (5 SE {5 * Math.Sqrt(2.0 / n):E2})");
        Check("skewness", Math.Abs(skew) <= 5 * Math.Sqrt(6.0 / n), $"{skew:E3} (5 SE {5 * Math.Sqrt(6.0 / n):E2})");
        Check("kurtosis", Math.Abs(kurt) <= 5 * Math.Sqrt(24.0 / n), $"{kurt:E3} (5 SE {5 * Math.Sqrt(24.0 / n):E2})");

        var (ksD, ksP) = KolmogorovSmirnov.Test((double[])z.Clone(), x => Normal.CDF(0, 1, x));
        Check("ks", ksP > 1e-3, $"D = {ksD:E3}, p = {ksP:F4}");

        foreach (double t in new[] { FokkerPlanck.RandomNumbers.ZigguratTables.R, 4.0, 4.5 })
        {
            double p = 2 * (1 - Normal.CDF(0, 1, t)), expect = n * p, sd = Math.Sqrt(n * p * (1 - p));
            int count = z.Count(v => Math.Abs(v) > t);
            Check($"tail>{t:F2}", Math.Abs(count - expect) <= 5 * sd, $"{count} (expected {expect:F1} ± {sd:F1})");
        }

        double limit = ChiSquared.InvCDF(99, 1 - 1e-4);
        var decile = z.Select(Decile).ToArray();
        foreach (int lag in Lags)
        {
            var cells = new long[100];
            double sxy = 0;
            int pairs = n - lag;
            for (int i = 0; i < pairs; i++)
            {
                cells[10 * decile[i] + decile[i + lag]]++;
                sxy += (z[i] - mean) * (z[i + lag] - mean);
            }
            double e = pairs / 100.0, chi = cells.Sum(c => (c - e) * (c - e) / e), r = sxy / (pairs * m2);
            Check($"serial lag {lag}", chi <= limit, $"χ² = {chi:F1} (limit {limit:F1})");
            Check($"correlation lag {lag}", Math.Abs(r) <= 5 / Math.Sqrt(pairs), $"{r:E3} (5 SE {5 / Math.Sqrt(pairs):E2})");
        }

        const int m = 1 << 16;
        var spectrum = new Complex[m];
        for (int i = 0; i < m; i++) spectrum[i] = new Complex(z[i], 0);
        Fourier.Forward(spectrum, FourierOptions.AsymmetricScaling); // no scaling: Z_k = Σ z_j e^{-2πijk/M}
        var ordinates = new double[m / 2 - 1];
        for (int k = 1; k < m / 2; k++) ordinates[k - 1] = (spectrum[k].Real * spectrum[k].Real + spectrum[k].Imaginary * spectrum[k].Imaginary) / m;
        var (sD, sP) = KolmogorovSmirnov.Test((double[])ordinates.Clone(), x => x <= 0 ? 0 : 1 - Math.Exp(-x));
        Check("spectral ks", sP > 1e-3, $"D = {sD:E3}, p = {sP:F4}");
        double peak = ordinates.Max(), bound = -Math.Log(1 - Math.Pow(1 - 1e-3, 1.0 / ordinates.Length));
        Check("spectral peak", peak <= bound, $"largest ordinate {peak:F2} (limit {bound:F2})");
        return failed;
    }

    // Which tenth of N(0, 1) the value falls in.
    private static int Decile(double v) => Math.Clamp((int)(10 * Normal.CDF(0, 1, v)), 0, 9);
}
