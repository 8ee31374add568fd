using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Σ_k w_k N(μ_k, S_k) on the plane with full, symmetric positive definite 2×2 covariances.</summary>
public sealed class GaussianMixture2D : IDensity2D, ILinearlyEvolvable<GaussianMixture2D>
{
    private const double Log2Pi = 1.8378770664093454836;
    private const int YPoints = 8;

    // A cell taller than this many y-standard deviations of a component is integrated piecewise for that component:
    // up to one sd per cell the 8-point rule resolves the y-marginal to round-off (every built-in scenario is far
    // below it, so their cell averages are unchanged bit for bit); a component much narrower than the cell would
    // fall between the nodes and lose its mass.
    private const double ResolvedSdsPerCell = 1.0;

    // Piecewise path: the y-marginal is integrated in one-sd pieces over μy ± 9 sd (2e-19 of the mass lies beyond)
    // and with one 8-point rule on whatever part of the cell lies outside that core.
    private const double CoreSds = 9.0;
    private readonly double[] _logW, _mx, _my, _sxx, _sxy, _syy, _logNorm, _pxx, _pxy, _pyy;

    /// <summary>Creates the mixture.</summary>
    /// <param name="weights">Positive weights (normalised here).</param>
    /// <param name="means">One 2-vector per component.</param>
    /// <param name="covariances">One symmetric positive definite 2×2 matrix per component, as [row][col].</param>
    public GaussianMixture2D(IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<double>> means,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> covariances)
    {
        MixtureChecks.Weights(weights, out double[] w);
        int n = w.Length;
        if (means.Count != n) throw new ArgumentException($"means has {means.Count} entries but weights has {n}", nameof(means));
        if (covariances.Count != n) throw new ArgumentException($"covariances has {covariances.Count} entries but weights has {n}", nameof(covariances));
        Weights = w;
        _logW = w.Select(v => Math.Log(v)).ToArray();
        _mx = new double[n]; _my = new double[n]; _sxx = new double[n]; _sxy = new double[n]; _syy = new double[n];
        _logNorm = new double[n]; _pxx = new double[n]; _pxy = new double[n]; _pyy = new double[n];
        for (int k = 0; k < n; k++)
        {
            if (means[k].Count != 2) throw new ArgumentException($"means[{k}] must have 2 entries (got {means[k].Count})", nameof(means));
            _mx[k] = Guard.Finite(means[k][0], $"means[{k}][0]");
            _my[k] = Guard.Finite(means[k][1], $"means[{k}][1]");
            var c = covariances[k];
            if (c.Count != 2 || c[0].Count != 2 || c[1].Count != 2)
                throw new ArgumentException($"covariances[{k}] must be a 2×2 matrix", nameof(covariances));
            double a = Guard.Finite(c[0][0], $"covariances[{k}][0][0]"), b = Guard.Finite(c[0][1], $"covariances[{k}][0][1]");
            double b2 = Guard.Finite(c[1][0], $"covariances[{k}][1][0]"), d = Guard.Finite(c[1][1], $"covariances[{k}][1][1]");
            // Symmetric up to the round-off of a matrix written out with ~12 significant digits.
            if (Math.Abs(b - b2) > 1e-12 * Math.Max(Math.Abs(b), 1e-300) && b != b2)
                throw new ArgumentException($"covariances[{k}] must be symmetric (got [[{Guard.Fmt(a)}, {Guard.Fmt(b)}], [{Guard.Fmt(b2)}, {Guard.Fmt(d)}]])", nameof(covariances));
            double det = a * d - b * b;
            if (!(a > 0) || !(det > 0))
                throw new ArgumentException($"covariances[{k}] must be positive definite (got [[{Guard.Fmt(a)}, {Guard.Fmt(b)}], [{Guard.Fmt(b2)}, {Guard.Fmt(d)}]], determinant {Guard.Fmt(det)})", nameof(covariances));
            _sxx[k] = a; _sxy[k] = b; _syy[k] = d;
            _pxx[k] = d / det; _pxy[k] = -b / det; _pyy[k] = a / det;
            _logNorm[k] = _logW[k] - Log2Pi - 0.5 * Math.Log(det);
        }
    }

    /// <summary>Normalised weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Component means as (x, y).</summary>
    public IEnumerable<(double X, double Y)> Means => _mx.Zip(_my);

    /// <summary>Component covariances as (Sxx, Sxy, Syy).</summary>
    public IEnumerable<(double Sxx, double Sxy, double Syy)> Covariances => _sxx.Select((a, k) => (a, _sxy[k], _syy[k]));

    /// <inheritdoc />
    public double Density(double x, double y) => Math.Exp(LogDensity(x, y));

    /// <inheritdoc />
    public double LogDensity(double x, double y)
    {
        Span<double> t = stackalloc double[_mx.Length];
        LogTerms(x, y, t);
        return SpecialFunctions.LogSumExp(t);
    }

    /// <inheritdoc />
    public (double Sx, double Sy) Score(double x, double y)
    {
        Span<double> t = stackalloc double[_mx.Length];
        LogTerms(x, y, t);
        double lse = SpecialFunctions.LogSumExp(t), sx = 0, sy = 0;
        for (int k = 0; k < t.Length; k++)
        {
            double r = Math.Exp(t[k] - lse), dx = x - _mx[k], dy = y - _my[k];
            sx -= r * (_pxx[k] * dx + _pxy[k] * dy);
            sy -= r * (_pxy[k] * dx + _pyy[k] * dy);
        }
        return (sx, sy);
    }

    /// <inheritdoc />
    public double CellAverage(double xa, double xb, double ya, double yb)
    {
        // For each component: y-marginal N(μy, Syy) by Gauss–Legendre, x | y ~ N(μx + Sxy/Syy (y - μy), Sxx - Sxy²/Syy) exactly.
        var (nodes, wts) = GaussLegendre.Rule(YPoints);
        double mid = 0.5 * (ya + yb), half = 0.5 * (yb - ya), sum = 0;
        for (int k = 0; k < _mx.Length; k++)
        {
            double sy = Math.Sqrt(_syy[k]), beta = _sxy[k] / _syy[k], sc = Math.Sqrt(_sxx[k] - _sxy[k] * beta), acc = 0;
            if (yb - ya > ResolvedSdsPerCell * sy)
            {
                sum += Weights[k] * NarrowComponent(k, xa, xb, ya, yb, sy, beta, sc, nodes, wts);
                continue;
            }
            for (int q = 0; q < nodes.Length; q++)
            {
                double yq = mid + half * nodes[q], zy = (yq - _my[k]) / sy;
                double phi = Math.Exp(-0.5 * zy * zy) / (sy * 2.5066282746310002);
                double cm = _mx[k] + beta * (yq - _my[k]);
                acc += wts[q] * phi * SpecialFunctions.NormalInterval((xa - cm) / sc, (xb - cm) / sc);
            }
            sum += Weights[k] * acc * half;
        }
        return sum / ((xb - xa) * (yb - ya));
    }

    // ∫ over [ya, yb] of the y-marginal times the exact conditional x-interval mass, for a component narrower than the
    // cell in y: the cell is cut at μy ± CoreSds·sy and the core is split into pieces at most one sd tall.
    private double NarrowComponent(int k, double xa, double xb, double ya, double yb, double sy, double beta, double sc,
        double[] nodes, double[] wts)
    {
        double Piece(double a, double b)
        {
            double mid = 0.5 * (a + b), half = 0.5 * (b - a), acc = 0;
            for (int q = 0; q < nodes.Length; q++)
            {
                double yq = mid + half * nodes[q], zy = (yq - _my[k]) / sy;
                double phi = Math.Exp(-0.5 * zy * zy) / (sy * 2.5066282746310002);
                double cm = _mx[k] + beta * (yq - _my[k]);
                acc += wts[q] * phi * SpecialFunctions.NormalInterval((xa - cm) / sc, (xb - cm) / sc);
            }
            return acc * half;
        }
        double lo = Math.Max(ya, _my[k] - CoreSds * sy), hi = Math.Min(yb, _my[k] + CoreSds * sy);
        if (!(hi > lo)) return Piece(ya, yb);
        double total = 0;
        if (lo > ya) total += Piece(ya, lo);
        if (hi < yb) total += Piece(hi, yb);
        int pieces = (int)Math.Ceiling((hi - lo) / sy);
        for (int p = 0; p < pieces; p++) total += Piece(lo + (hi - lo) * p / pieces, lo + (hi - lo) * (p + 1) / pieces);
        return total;
    }

    /// <inheritdoc />
    public GaussianMixture2D Evolve(double m, double v)
    {
        var means = _mx.Select((mx, k) => (IReadOnlyList<double>)new[] { m * mx, m * _my[k] }).ToArray();
        var covs = _sxx.Select((a, k) => (IReadOnlyList<IReadOnlyList<double>>)new IReadOnlyList<double>[]
        {
            new[] { m * m * a + v, m * m * _sxy[k] },
            new[] { m * m * _sxy[k], m * m * _syy[k] + v },
        }).ToArray();
        return new GaussianMixture2D(Weights, means, covs);
    }

    private void LogTerms(double x, double y, Span<double> t)
    {
        for (int k = 0; k < t.Length; k++)
        {
            double dx = x - _mx[k], dy = y - _my[k];
            t[k] = _logNorm[k] - 0.5 * (_pxx[k] * dx * dx + 2 * _pxy[k] * dx * dy + _pyy[k] * dy * dy);
        }
    }
}
