using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Σ_k w_k N(μ_k, σ_k²) on the line. Weights are normalised to sum 1.</summary>
public sealed class GaussianMixture1D : IDensity1D, ILinearlyEvolvable<GaussianMixture1D>
{
    private const double LogSqrt2Pi = 0.91893853320467274178;
    private readonly double[] _logW, _mu, _sd;

    /// <summary>Creates the mixture.</summary>
    /// <param name="weights">Positive weights (normalised here).</param>
    /// <param name="means">Component means.</param>
    /// <param name="variances">Component variances, positive.</param>
    public GaussianMixture1D(IReadOnlyList<double> weights, IReadOnlyList<double> means, IReadOnlyList<double> variances)
    {
        MixtureChecks.Weights(weights, out double[] w);
        if (means.Count != w.Length) throw new ArgumentException($"means has {means.Count} entries but weights has {w.Length}", nameof(means));
        if (variances.Count != w.Length) throw new ArgumentException($"variances has {variances.Count} entries but weights has {w.Length}", nameof(variances));
        Weights = w;
        _mu = means.Select((m, k) => Guard.Finite(m, $"means[{k}]")).ToArray();
        double[] variance = variances.Select((v, k) => Guard.Positive(v, $"variances[{k}]")).ToArray();
        Means = _mu;
        Variances = variance;
        _logW = w.Select(v => Math.Log(v)).ToArray();
        _sd = variance.Select(v => Math.Sqrt(v)).ToArray();
    }

    /// <summary>Normalised weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Component means.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Component variances.</summary>
    public IReadOnlyList<double> Variances { get; }

    /// <inheritdoc />
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc />
    public double LogDensity(double x)
    {
        Span<double> terms = stackalloc double[_mu.Length];
        LogTerms(x, terms);
        return SpecialFunctions.LogSumExp(terms);
    }

    /// <inheritdoc />
    public double Score(double x)
    {
        Span<double> terms = stackalloc double[_mu.Length];
        LogTerms(x, terms);
        double lse = SpecialFunctions.LogSumExp(terms), s = 0;
        for (int k = 0; k < terms.Length; k++)
            s += Math.Exp(terms[k] - lse) * (-(x - _mu[k]) / (_sd[k] * _sd[k]));
        return s;
    }

    /// <inheritdoc />
    public double Cdf(double x)
    {
        double s = 0;
        for (int k = 0; k < _mu.Length; k++) s += Weights[k] * SpecialFunctions.NormalCdf((x - _mu[k]) / _sd[k]);
        return s;
    }

    /// <inheritdoc />
    public double CellAverage(double a, double b)
    {
        double s = 0;
        for (int k = 0; k < _mu.Length; k++)
            s += Weights[k] * SpecialFunctions.NormalInterval((a - _mu[k]) / _sd[k], (b - _mu[k]) / _sd[k]);
        return s / (b - a);
    }

    /// <inheritdoc />
    public GaussianMixture1D Evolve(double m, double v) =>
        new(Weights, Means.Select(mu => m * mu).ToArray(), Variances.Select(s2 => m * m * s2 + v).ToArray());

    private void LogTerms(double x, Span<double> terms)
    {
        for (int k = 0; k < _mu.Length; k++)
        {
            double z = (x - _mu[k]) / _sd[k];
            terms[k] = _logW[k] - LogSqrt2Pi - Math.Log(_sd[k]) - 0.5 * z * z;
        }
    }
}
