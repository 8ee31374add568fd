using MathNet.Numerics;
using MathNet.Numerics.Statistics;

namespace FokkerPlanck.Statistics;

/// <summary>
/// Means and variances of samples with their standard errors, and large-sample z / chi-square tests against reference
/// values. SE(mean) = s / √n; SE(variance) = √((m₄ - s⁴) / n) with m₄ the sample fourth central moment (delta method,
/// valid for n ≫ 1; the sizes here are ≥ 10³). In 2D the mean test is n (m - μ)ᵀ Σ⁻¹ (m - μ) ~ χ²₂ with Σ the
/// reference covariance.
/// </summary>
public static class MomentTests
{
    /// <summary>Sample mean and its standard error.</summary>
    /// <param name="sample">Sample.</param>
    /// <returns>(mean, SE).</returns>
    public static (double Mean, double StandardError) Mean(IReadOnlyList<double> sample)
    {
        var (m, v) = sample.MeanVariance();
        return (m, Math.Sqrt(v / sample.Count));
    }

    /// <summary>Sample variance (n - 1 denominator) and its standard error.</summary>
    /// <param name="sample">Sample.</param>
    /// <returns>(variance, SE).</returns>
    public static (double Variance, double StandardError) Variance(IReadOnlyList<double> sample)
    {
        var (m, v) = sample.MeanVariance();
        double m4 = sample.Sum(x => Math.Pow(x - m, 4)) / sample.Count;
        return (v, Math.Sqrt(Math.Max(0, m4 - v * v) / sample.Count));
    }

    /// <summary>Two-sided p-value of a z statistic: erfc(|z| / √2) (MathNet, accurate in the far tail).</summary>
    /// <param name="z">z.</param>
    /// <returns>p.</returns>
    public static double TwoSidedP(double z) => double.IsFinite(z) ? SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)) : 0.0;

    /// <summary>z test of the sample mean against a reference mean.</summary>
    /// <param name="sample">Sample.</param>
    /// <param name="mean">Reference mean.</param>
    /// <returns>(z, p).</returns>
    public static (double Z, double P) MeanTest(IReadOnlyList<double> sample, double mean)
    {
        var (m, se) = Mean(sample);
        double z = (m - mean) / se;
        return (z, TwoSidedP(z));
    }

    /// <summary>z test of the sample variance against a reference variance.</summary>
    /// <param name="sample">Sample.</param>
    /// <param name="variance">Reference variance.</param>
    /// <returns>(z, p).</returns>
    public static (double Z, double P) VarianceTest(IReadOnlyList<double> sample, double variance)
    {
        var (v, se) = Variance(sample);
        double z = (v - variance) / se;
        return (z, TwoSidedP(z));
    }

    /// <summary>Chi-square test of a 2D sample mean against a reference mean with the reference covariance.</summary>
    /// <param name="x">Sample x.</param>
    /// <param name="y">Sample y.</param>
    /// <param name="mean">Reference mean.</param>
    /// <param name="cov">Reference covariance (xx, xy, yy).</param>
    /// <returns>(statistic, p) with 2 degrees of freedom.</returns>
    public static (double Statistic, double P) MeanTest2D(IReadOnlyList<double> x, IReadOnlyList<double> y, (double X, double Y) mean,
        (double Xx, double Xy, double Yy) cov)
    {
        double n = x.Count, dx = x.Average() - mean.X, dy = y.Average() - mean.Y;
        double det = cov.Xx * cov.Yy - cov.Xy * cov.Xy;
        if (!(det > 0)) throw new ArgumentException("the reference covariance is not positive definite", nameof(cov));
        double q = n * (cov.Yy * dx * dx - 2 * cov.Xy * dx * dy + cov.Xx * dy * dy) / det;
        return (q, double.IsFinite(q) ? Math.Exp(-0.5 * q) : 0.0); // χ²₂ survival function is exp(-q/2)
    }
}
