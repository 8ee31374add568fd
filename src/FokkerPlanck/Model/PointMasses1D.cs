using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// Σ_k w_k δ(x − x_k): a start with all mass at points (fplanck's point-mass initial condition). It has no density, so
/// <see cref="Density"/> is 0 away from the points and +∞ at them, <see cref="Score"/> is NaN; its CDF and cell averages
/// (the mass in a cell over its width) are exact. A linear process turns it into the Gaussian mixture with variance
/// v(t0, t) at the moved points, which is how the grid solver starts from it.
/// </summary>
public sealed class PointMasses1D : IDensity1D, ILinearlyEvolvable<IDensity1D>
{
    private readonly double[] _x;

    /// <summary>Creates the point masses.</summary>
    /// <param name="weights">Positive weights (normalised here).</param>
    /// <param name="points">Where the masses sit.</param>
    public PointMasses1D(IReadOnlyList<double> weights, IReadOnlyList<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        MixtureChecks.Weights(weights, out double[] w);
        if (points.Count != w.Length) throw new ArgumentException($"points has {points.Count} entries but weights has {w.Length}", nameof(points));
        _x = points.Select((x, k) => Guard.Finite(x, $"points[{k}]")).ToArray();
        Weights = w;
    }

    /// <summary>Normalised weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The points.</summary>
    public IReadOnlyList<double> Points => _x;

    /// <inheritdoc />
    public double Density(double x) => _x.Contains(x) ? double.PositiveInfinity : 0.0;

    /// <inheritdoc />
    public double LogDensity(double x) => _x.Contains(x) ? double.PositiveInfinity : double.NegativeInfinity;

    /// <inheritdoc />
    public double Score(double x) => double.NaN;

    /// <inheritdoc />
    public double Cdf(double x)
    {
        double s = 0;
        for (int k = 0; k < _x.Length; k++) if (_x[k] <= x) s += Weights[k];
        return s;
    }

    /// <summary>The mass in [a, b) over b − a; a point on an edge counts half to each side, so that neighbouring cells
    /// share it and the total is exact.</summary>
    /// <param name="a">Lower edge.</param>
    /// <param name="b">Upper edge.</param>
    /// <returns>The cell average.</returns>
    public double CellAverage(double a, double b)
    {
        double s = 0;
        for (int k = 0; k < _x.Length; k++)
        {
            double x = _x[k];
            if (x > a && x < b) s += Weights[k];
            else if (x == a || x == b) s += 0.5 * Weights[k];
        }
        return s / (b - a);
    }

    /// <summary>The law after a linear map: mean factor m, added variance v (a Gaussian mixture when v &gt; 0).</summary>
    /// <param name="m">Mean factor.</param>
    /// <param name="v">Added variance.</param>
    /// <returns>The evolved law.</returns>
    public IDensity1D Evolve(double m, double v) => v > 0
        ? new GaussianMixture1D(Weights, _x.Select(x => m * x).ToArray(), Enumerable.Repeat(v, _x.Length).ToArray())
        : new PointMasses1D(Weights, _x.Select(x => m * x).ToArray());
}
