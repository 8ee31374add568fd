using MathNet.Numerics;

namespace FokkerPlanck.Numerics;

/// <summary>
/// Special functions the exact marginals need beyond what MathNet.Numerics provides.
/// MathNet 5.0 has erf/erfc but no scaled complementary error function erfcx(x) = exp(x²) erfc(x),
/// which the Laplace–Gaussian convolution needs far in the tails; it is written here for that reason.
/// </summary>
public static class SpecialFunctions
{
    private const double InvSqrtPi = 0.56418958354775628695;

    /// <summary>Scaled complementary error function exp(x²) erfc(x), accurate for all x ≥ 0 without overflow.</summary>
    /// <param name="x">Argument; negative values are allowed but overflow for x &lt; -26.</param>
    /// <returns>exp(x²) erfc(x).</returns>
    public static double Erfcx(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 25.0)
        {
            // exp(x²) has relative error ~x² eps ≤ 6e-14 here; erfc is relatively accurate until it underflows.
            return Math.Exp(x * x) * MathNet.Numerics.SpecialFunctions.Erfc(x);
        }

        // Asymptotic series 1/(x√π) Σ (-1)^n (2n-1)!! / (2x²)^n; at x ≥ 25 the 8th term is below 1e-17.
        double inv2x2 = 1.0 / (2.0 * x * x);
        double term = 1.0, sum = 1.0;
        for (int n = 1; n <= 8; n++)
        {
            term *= -(2 * n - 1) * inv2x2;
            sum += term;
        }
        return InvSqrtPi / x * sum;
    }

    /// <summary>log(erfc(x)), finite for every finite x (erfc underflows beyond x ≈ 26.5).</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The natural logarithm of erfc(x).</returns>
    public static double LogErfc(double x) =>
        x < 0.5 ? Math.Log(MathNet.Numerics.SpecialFunctions.Erfc(x)) : Math.Log(Erfcx(x)) - x * x;

    /// <summary>Standard normal lower tail Φ(z), relatively accurate for z → -∞.</summary>
    /// <param name="z">Standardised argument.</param>
    /// <returns>Φ(z).</returns>
    public static double NormalCdf(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z * Constants.Sqrt1Over2);

    /// <summary>Standard normal upper tail 1 - Φ(z), relatively accurate for z → +∞.</summary>
    /// <param name="z">Standardised argument.</param>
    /// <returns>1 - Φ(z).</returns>
    public static double NormalSurvival(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z * Constants.Sqrt1Over2);

    /// <summary>Probability that a standard normal lies in [za, zb], computed from the tail on the side of the interval
    /// so that intervals far in either tail keep their relative precision.</summary>
    /// <param name="za">Lower standardised bound.</param>
    /// <param name="zb">Upper standardised bound (≥ za).</param>
    /// <returns>Φ(zb) - Φ(za).</returns>
    public static double NormalInterval(double za, double zb) =>
        za >= 0 ? NormalSurvival(za) - NormalSurvival(zb) : NormalCdf(zb) - NormalCdf(za);

    /// <summary>Numerically stable log(Σ exp(values[k])).</summary>
    /// <param name="values">Logarithms of the terms.</param>
    /// <returns>The log of the sum; -∞ when every term is -∞.</returns>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max)) return max;
        double s = 0;
        foreach (double v in values) s += Math.Exp(v - max);
        return max + Math.Log(s);
    }
}
