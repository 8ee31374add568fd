using FokkerPlanck.Grids;

namespace FokkerPlanck.Statistics;

/// <summary>
/// A 2D grid density at one snapshot as a distribution, uniform within each cell. Its joint CDF is piecewise bilinear
/// on the cell lattice, so rectangle probabilities follow exactly from a bilinearly interpolated integral image.
/// </summary>
public sealed class GridReference2D
{
    private readonly double[,] _cum; // _cum[i, j] = mass of cells with index < i in x and < j in y, normalised

    /// <summary>Wraps a density given as cell values (row-major, x outer).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Cell densities (negative values count as 0); renormalised to mass 1.</param>
    public GridReference2D(Grid2D grid, double[] density)
    {
        Grid = grid ?? throw new ArgumentNullException(nameof(grid));
        ArgumentNullException.ThrowIfNull(density);
        if (density.Length != grid.Count) throw new ArgumentException($"density has {density.Length} values, the grid {grid.Count} cells", nameof(density));
        Density = density;
        int nx = grid.X.Cells, ny = grid.Y.Cells;
        _cum = new double[nx + 1, ny + 1];
        double a = grid.CellArea, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < nx; i++)
        {
            double row = 0, cx = grid.X.Center(i);
            for (int j = 0; j < ny; j++)
            {
                double w = Math.Max(0, density[i * ny + j]) * a, cy = grid.Y.Center(j);
                row += w;
                _cum[i + 1, j + 1] = _cum[i, j + 1] + row;
                mx += w * cx; my += w * cy; sxx += w * cx * cx; sxy += w * cx * cy; syy += w * cy * cy;
            }
        }
        double total = _cum[nx, ny];
        if (!(total > 0) || !double.IsFinite(total)) throw new ArgumentException("the density has no positive finite mass", nameof(density));
        for (int i = 0; i <= nx; i++) for (int j = 0; j <= ny; j++) _cum[i, j] /= total;
        mx /= total; my /= total;
        Mean = (mx, my);
        Covariance = (sxx / total - mx * mx + grid.X.H * grid.X.H / 12, sxy / total - mx * my, syy / total - my * my + grid.Y.H * grid.Y.H / 12);
    }

    /// <summary>The grid.</summary>
    public Grid2D Grid { get; }

    /// <summary>Cell densities as given.</summary>
    public double[] Density { get; }

    /// <summary>Mean of the cell-uniform law.</summary>
    public (double X, double Y) Mean { get; }

    /// <summary>Covariance (xx, xy, yy) of the cell-uniform law.</summary>
    public (double Xx, double Xy, double Yy) Covariance { get; }

    /// <summary>Joint CDF P(X ≤ x, Y ≤ y).</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    /// <returns>Probability.</returns>
    public double Cdf(double x, double y)
    {
        static (int I, double F) Locate(Grid1D g, double v)
        {
            double u = (v - g.Lower) / g.H;
            if (!(u > 0)) return (0, 0);
            if (u >= g.Cells) return (g.Cells - 1, 1);
            int i = (int)u;
            return (i, u - i);
        }
        var (i, a) = Locate(Grid.X, x);
        var (j, b) = Locate(Grid.Y, y);
        return (1 - a) * ((1 - b) * _cum[i, j] + b * _cum[i, j + 1]) + a * ((1 - b) * _cum[i + 1, j] + b * _cum[i + 1, j + 1]);
    }

    /// <summary>Probability of the rectangle (x0, x1] × (y0, y1].</summary>
    /// <param name="x0">Left.</param>
    /// <param name="x1">Right.</param>
    /// <param name="y0">Bottom.</param>
    /// <param name="y1">Top.</param>
    /// <returns>Probability.</returns>
    public double Probability(double x0, double x1, double y0, double y1) =>
        Cdf(x1, y1) - Cdf(x0, y1) - Cdf(x1, y0) + Cdf(x0, y0);

    /// <summary>The x-marginal as a 1D reference.</summary>
    public GridReference1D MarginalX() => new(Grid.X, Enumerable.Range(0, Grid.X.Cells)
        .Select(i => Enumerable.Range(0, Grid.Y.Cells).Sum(j => Math.Max(0, Density[i * Grid.Y.Cells + j]))).ToArray());

    /// <summary>The y-marginal as a 1D reference.</summary>
    public GridReference1D MarginalY() => new(Grid.Y, Enumerable.Range(0, Grid.Y.Cells)
        .Select(j => Enumerable.Range(0, Grid.X.Cells).Sum(i => Math.Max(0, Density[i * Grid.Y.Cells + j]))).ToArray());

    /// <summary>An i.i.d. sample from the cell-uniform law.</summary>
    /// <param name="n">Size.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Sample.</returns>
    public (double[] X, double[] Y) Sample(int n, ulong seed) => DensitySampler.Sample(Grid, Density, n, seed);
}
