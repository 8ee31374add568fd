namespace FokkerPlanck.Model;

/// <summary>A probability density on the real line with its log-density, score and exact cell averages.</summary>
public interface IDensity1D
{
    /// <summary>p(x).</summary>
    /// <param name="x">Point.</param>
    /// <returns>The density.</returns>
    double Density(double x);

    /// <summary>log p(x), finite far in the tails where the density itself underflows.</summary>
    /// <param name="x">Point.</param>
    /// <returns>The log-density.</returns>
    double LogDensity(double x);

    /// <summary>Score d/dx log p(x).</summary>
    /// <param name="x">Point.</param>
    /// <returns>The score.</returns>
    double Score(double x);

    /// <summary>Cumulative distribution function.</summary>
    /// <param name="x">Point.</param>
    /// <returns>P(X ≤ x).</returns>
    double Cdf(double x);

    /// <summary>Exact average of p over [a, b] (b &gt; a), keeping relative precision in both tails.</summary>
    /// <param name="a">Lower cell edge.</param>
    /// <param name="b">Upper cell edge.</param>
    /// <returns>(1/(b - a)) ∫ p over [a, b].</returns>
    double CellAverage(double a, double b);
}
