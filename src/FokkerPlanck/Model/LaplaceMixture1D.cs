using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// Σ_k w_k Laplace(μ_k, b_k), optionally convolved with N(0, s²) (the marginal of a Laplace mixture under a
/// linear process). Closed forms follow docs/conventions.md: with B = b, y = x - μ,
/// p = (T1 + T2)/(4B), T1 = exp(s²/(2B²) - y/B) erfc(c1), T2 = exp(s²/(2B²) + y/B) erfc(c2),
/// c1 = (s²/B - y)/(s√2), c2 = (s²/B + y)/(s√2). Each T is evaluated in log form, through erfcx when c ≥ 0,
/// so nothing overflows or becomes NaN far in the tails.
/// </summary>
public sealed class LaplaceMixture1D : IDensity1D, ILinearlyEvolvable<LaplaceMixture1D>
{
    private readonly double[] _w, _logW, _mu, _b;
    private readonly double _s;

    /// <summary>Creates Σ w_k Laplace(locations_k, scales_k) ⊛ N(0, gaussianVariance).</summary>
    /// <param name="weights">Positive weights (normalised here).</param>
    /// <param name="locations">Locations μ_k.</param>
    /// <param name="scales">Scales b_k &gt; 0.</param>
    /// <param name="gaussianVariance">Variance s² ≥ 0 of the Gaussian convolved with every component.</param>
    public LaplaceMixture1D(IReadOnlyList<double> weights, IReadOnlyList<double> locations, IReadOnlyList<double> scales,
        double gaussianVariance = 0)
    {
        MixtureChecks.Weights(weights, out _w);
        if (locations.Count != _w.Length) throw new ArgumentException($"locations has {locations.Count} entries but weights has {_w.Length}", nameof(locations));
        if (scales.Count != _w.Length) throw new ArgumentException($"scales has {scales.Count} entries but weights has {_w.Length}", nameof(scales));
        _mu = locations.Select((m, k) => Guard.Finite(m, $"locations[{k}]")).ToArray();
        _b = scales.Select((b, k) => Guard.Positive(b, $"scales[{k}]")).ToArray();
        _logW = _w.Select(v => Math.Log(v)).ToArray();
        _s = Math.Sqrt(Guard.NonNegative(gaussianVariance, nameof(gaussianVariance)));
    }

    /// <summary>Normalised weights.</summary>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>Locations μ_k.</summary>
    public IReadOnlyList<double> Locations => _mu;

    /// <summary>Scales b_k.</summary>
    public IReadOnlyList<double> Scales => _b;

    /// <summary>Variance of the Gaussian convolved with each component.</summary>
    public double GaussianVariance => _s * _s;

    /// <inheritdoc />
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc />
    public double LogDensity(double x)
    {
        Span<double> t = stackalloc double[2 * _w.Length];
        LogTerms(x, t);
        return SpecialFunctions.LogSumExp(t);
    }

    /// <inheritdoc />
    public double Score(double x)
    {
        // p' = Σ w (T2 - T1)/(4B²): each log-term carries its own factor ±1/B.
        Span<double> t = stackalloc double[2 * _w.Length];
        LogTerms(x, t);
        double lse = SpecialFunctions.LogSumExp(t), s = 0;
        for (int k = 0; k < _w.Length; k++)
        {
            if (_s == 0)
            {
                // Pure Laplace: score -sign(y)/b (right derivative convention at the kink: y = 0 gives 0).
                double y = x - _mu[k];
                s += Math.Exp(t[2 * k] - lse) * (-Math.Sign(y) / _b[k]);
            }
            else
            {
                s += (Math.Exp(t[2 * k + 1] - lse) - Math.Exp(t[2 * k] - lse)) / _b[k];
            }
        }
        return s;
    }

    /// <inheritdoc />
    public double Cdf(double x)
    {
        double s = 0;
        for (int k = 0; k < _w.Length; k++) s += _w[k] * ComponentCdf(x - _mu[k], _b[k]);
        return s;
    }

    /// <inheritdoc />
    public double CellAverage(double a, double b)
    {
        double s = 0;
        for (int k = 0; k < _w.Length; k++)
        {
            double ya = a - _mu[k], yb = b - _mu[k];
            // Each component is symmetric: use the tail on the cell's side, 1 - F(y) = F(-y).
            s += _w[k] * (ya >= 0 ? ComponentCdf(-ya, _b[k]) - ComponentCdf(-yb, _b[k])
                                  : ComponentCdf(yb, _b[k]) - ComponentCdf(ya, _b[k]));
        }
        return s / (b - a);
    }

    /// <inheritdoc />
    public LaplaceMixture1D Evolve(double m, double v) =>
        new(_w, _mu.Select(mu => m * mu).ToArray(), _b.Select(b => m * b).ToArray(), m * m * GaussianVariance + v);

    private void LogTerms(double x, Span<double> t)
    {
        for (int k = 0; k < _w.Length; k++)
        {
            double y = x - _mu[k], B = _b[k];
            if (_s == 0)
            {
                t[2 * k] = _logW[k] - Math.Log(2 * B) - Math.Abs(y) / B;
                t[2 * k + 1] = double.NegativeInfinity;
                continue;
            }
            double lead = _logW[k] - Math.Log(4 * B);
            t[2 * k] = lead + LogT(-y, B);
            t[2 * k + 1] = lead + LogT(y, B);
        }
    }

    // log[exp(s²/(2B²) + y/B) erfc((s²/B + y)/(s√2))]: T2 at y, T1 at -y.
    private double LogT(double y, double B)
    {
        double s = _s, c = (s * s / B + y) / (s * Math.Sqrt(2));
        return c >= 0
            ? -y * y / (2 * s * s) + Math.Log(SpecialFunctions.Erfcx(c))
            : s * s / (2 * B * B) + y / B + Math.Log(MathNet.Numerics.SpecialFunctions.Erfc(c));
    }

    // CDF of Laplace(0, B) ⊛ N(0, s²) at y: Φ(y/s) - T1/4 + T2/4 (pure Laplace when s = 0).
    private double ComponentCdf(double y, double B)
    {
        if (_s == 0) return y < 0 ? 0.5 * Math.Exp(y / B) : 1 - 0.5 * Math.Exp(-y / B);
        double phi = SpecialFunctions.NormalCdf(y / _s);
        return phi - 0.25 * Math.Exp(LogT(-y, B)) + 0.25 * Math.Exp(LogT(y, B));
    }
}
