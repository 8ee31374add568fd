using MathNet.Numerics.Integration;

namespace FokkerPlanck.Numerics;

/// <summary>Cached Gauss–Legendre nodes and weights on [-1, 1] (MathNet's <see cref="GaussLegendreRule"/>).</summary>
public static class GaussLegendre
{
    private static readonly Lazy<(double[] Nodes, double[] Weights)>[] Rules =
        Enumerable.Range(0, 33).Select(n => new Lazy<(double[], double[])>(() =>
        {
            var rule = new GaussLegendreRule(-1.0, 1.0, Math.Max(n, 1));
            return (rule.Abscissas, rule.Weights);
        })).ToArray();

    /// <summary>Nodes and weights of the n-point rule on [-1, 1], n in 1..32.</summary>
    /// <param name="n">Number of points.</param>
    /// <returns>The nodes and weights (weights sum to 2).</returns>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        if (n < 1 || n > 32) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be in 1..32");
        return Rules[n].Value;
    }

    /// <summary>Average of f over [a, b] by the n-point rule.</summary>
    /// <param name="f">Integrand.</param>
    /// <param name="a">Lower bound.</param>
    /// <param name="b">Upper bound.</param>
    /// <param name="n">Number of points.</param>
    /// <returns>(1/(b - a)) ∫ f over [a, b].</returns>
    public static double Average(Func<double, double> f, double a, double b, int n)
    {
        var (x, w) = Rule(n);
        double mid = 0.5 * (a + b), half = 0.5 * (b - a), s = 0;
        for (int k = 0; k < x.Length; k++) s += w[k] * f(mid + half * x[k]);
        return 0.5 * s;
    }
}
