using FokkerPlanck.Grids;

namespace FokkerPlanck.Statistics;

/// <summary>
/// A 1D grid density at one snapshot as a distribution: uniform within each cell (the law the grid sampler draws
/// from), so its CDF is piecewise linear through the cumulative cell masses and its quantile function inverts it
/// exactly. Particles are compared with this law; its deviation from the continuous density (O(h²) in the CDF) is far
/// below the sampling noise at the cell sizes used.
/// </summary>
public sealed class GridReference1D
{
    private readonly double[] _cum; // _cum[i] = mass of cells < i, normalised; length cells + 1

    /// <summary>Wraps a density given as cell values.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Cell densities (negative values count as 0); renormalised to mass 1.</param>
    public GridReference1D(Grid1D grid, double[] density)
    {
        Grid = grid ?? throw new ArgumentNullException(nameof(grid));
        ArgumentNullException.ThrowIfNull(density);
        if (density.Length != grid.Cells) throw new ArgumentException($"density has {density.Length} values, the grid {grid.Cells} cells", nameof(density));
        Density = density;
        _cum = new double[grid.Cells + 1];
        for (int i = 0; i < grid.Cells; i++) _cum[i + 1] = _cum[i] + Math.Max(0, density[i]) * grid.H;
        double total = _cum[^1];
        if (!(total > 0) || !double.IsFinite(total)) throw new ArgumentException("the density has no positive finite mass", nameof(density));
        for (int i = 1; i <= grid.Cells; i++) _cum[i] /= total;
        double m = 0, s = 0;
        for (int i = 0; i < grid.Cells; i++)
        {
            double w = _cum[i + 1] - _cum[i], c = grid.Center(i);
            m += w * c; s += w * (c * c + grid.H * grid.H / 12);
        }
        Mean = m; Variance = s - m * m;
    }

    /// <summary>The grid.</summary>
    public Grid1D Grid { get; }

    /// <summary>Cell densities as given.</summary>
    public double[] Density { get; }

    /// <summary>Mean of the cell-uniform law.</summary>
    public double Mean { get; }

    /// <summary>Variance of the cell-uniform law (includes the h²/12 of each cell).</summary>
    public double Variance { get; }

    /// <summary>CDF (piecewise linear; 0 below the grid, 1 above).</summary>
    /// <param name="x">Point.</param>
    /// <returns>P(X ≤ x).</returns>
    public double Cdf(double x)
    {
        double u = (x - Grid.Lower) / Grid.H;
        if (!(u > 0)) return 0;
        if (u >= Grid.Cells) return 1;
        int i = (int)u;
        return _cum[i] + (u - i) * (_cum[i + 1] - _cum[i]);
    }

    /// <summary>Quantile function (the smallest x with CDF(x) = u).</summary>
    /// <param name="u">Probability in [0, 1].</param>
    /// <returns>x.</returns>
    public double Quantile(double u)
    {
        if (!(u > 0)) return Grid.Lower;
        if (u >= 1) return Grid.Upper;
        int lo = 0, hi = Grid.Cells; // find the cell i with _cum[i] < u ≤ _cum[i + 1]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (_cum[mid] < u) lo = mid; else hi = mid;
        }
        double w = _cum[lo + 1] - _cum[lo];
        return Grid.Edge(lo) + (w > 0 ? (u - _cum[lo]) / w : 0) * Grid.H;
    }

    /// <summary>Probabilities of the bins between consecutive edges (edges increasing; the first and last bins
    /// extend to ±∞ when the edges do not).</summary>
    /// <param name="edges">Bin edges.</param>
    /// <returns>One probability per bin (edges.Length - 1).</returns>
    public double[] BinProbabilities(IReadOnlyList<double> edges)
    {
        var p = new double[edges.Count - 1];
        for (int b = 0; b < p.Length; b++) p[b] = Cdf(edges[b + 1]) - Cdf(edges[b]);
        return p;
    }

    /// <summary>Edges of <paramref name="bins"/> bins of equal probability (outer edges at ±∞).</summary>
    /// <param name="bins">Number of bins (≥ 2).</param>
    /// <returns>bins + 1 edges.</returns>
    public double[] EqualMassEdges(int bins)
    {
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "need at least 2 bins");
        var e = new double[bins + 1];
        e[0] = double.NegativeInfinity; e[^1] = double.PositiveInfinity;
        for (int b = 1; b < bins; b++) e[b] = Quantile((double)b / bins);
        return e;
    }

    /// <summary>An i.i.d. sample from the cell-uniform law (the grid sampler of the particle engine).</summary>
    /// <param name="n">Size.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Sample.</returns>
    public double[] Sample(int n, ulong seed) => DensitySampler.Sample(Grid, Density, n, seed);
}
