using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Statistics;

/// <summary>
/// Draws start positions, keyed like every other random number by (seed, particle): particle i's draw depends on
/// nothing else, so samples are identical for any thread count. Known densities: Gaussian mixtures (1D, 2D), Laplace
/// mixtures convolved with a Gaussian, the funnel, and grid densities (cell chosen by its mass, uniform inside it).
/// </summary>
public static class DensitySampler
{
    /// <summary>Step index of the start draws (outside the range of the integrators' step counters).</summary>
    internal const int StartStep = -1;

    /// <summary>Samples a 1D density.</summary>
    /// <param name="density">Gaussian or Laplace mixture.</param>
    /// <param name="n">Number of samples.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The samples.</returns>
    public static double[] Sample(IDensity1D density, int n, ulong seed)
    {
        var x = new double[n];
        switch (density)
        {
            case GaussianMixture1D g:
            {
                var cum = Cumulative(g.Weights);
                double[] sd = g.Variances.Select(Math.Sqrt).ToArray();
                Parallel.For(0, n, i =>
                {
                    var (u, z, _) = Draw(seed, i);
                    int k = Pick(cum, u);
                    x[i] = g.Means[k] + sd[k] * z;
                });
                return x;
            }
            case PiecewiseConstant1D c:
                return Sample(c.Table, n, seed).X; // the 1D table is the 2D one with a single y cell
            case PointMasses1D pm:
            {
                var cum = Cumulative(pm.Weights);
                Parallel.For(0, n, i => x[i] = pm.Points[Pick(cum, Draw(seed, i).U)]);
                return x;
            }
            case LaplaceMixture1D l:
            {
                var cum = Cumulative(l.Weights);
                double s = Math.Sqrt(l.GaussianVariance);
                Parallel.For(0, n, i =>
                {
                    var (u, z, v) = Draw(seed, i);
                    int k = Pick(cum, u);
                    // Inverse CDF of Laplace(0, b): -b sign(v - ½) ln(1 - 2|v - ½|).
                    double c = v - 0.5, lap = -l.Scales[k] * Math.Sign(c) * Math.Log(1 - 2 * Math.Abs(c));
                    x[i] = l.Locations[k] + lap + s * z;
                });
                return x;
            }
            default:
                throw new ArgumentException($"cannot sample a {density.GetType().Name}: particles start from Gaussian or Laplace mixtures (or a grid density)");
        }
    }

    /// <summary>Samples a 2D density.</summary>
    /// <param name="density">Gaussian mixture, funnel or checkerboard.</param>
    /// <param name="n">Number of samples.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The x and y coordinates.</returns>
    public static (double[] X, double[] Y) Sample(IDensity2D density, int n, ulong seed)
    {
        var x = new double[n]; var y = new double[n];
        switch (density)
        {
            case GaussianMixture2D g:
            {
                var cum = Cumulative(g.Weights);
                var means = g.Means.ToArray();
                // Cholesky factor of each covariance: [[l11, 0], [l21, l22]].
                var chol = g.Covariances.Select(c =>
                {
                    double l11 = Math.Sqrt(c.Sxx), l21 = c.Sxy / l11;
                    return (l11, l21, Math.Sqrt(c.Syy - l21 * l21));
                }).ToArray();
                Parallel.For(0, n, i =>
                {
                    var (u, z0, _) = Draw(seed, i);
                    var (z1, _) = Philox.Normals(Philox.Draw(seed, i, StartStep, Philox.StreamAux));
                    int k = Pick(cum, u);
                    var (l11, l21, l22) = chol[k];
                    x[i] = means[k].X + l11 * z0;
                    y[i] = means[k].Y + l21 * z0 + l22 * z1;
                });
                return (x, y);
            }
            case Funnel2D f:
            {
                Parallel.For(0, n, i =>
                {
                    var (z0, z1) = Philox.Normals(Philox.Draw(seed, i, StartStep, Philox.StreamAux));
                    double v = f.SigmaV * z0;
                    x[i] = f.A * Math.Exp(f.B * v) * z1;
                    y[i] = v;
                });
                return (x, y);
            }
            case PiecewiseConstant2D c:
            {
                // A cell by its mass (inverse of the cumulative masses), a point uniformly inside it, then m X + sqrt(v) Z.
                var cum = new double[c.Nx * c.Ny];
                double acc = 0;
                for (int a = 0; a < c.Nx; a++) for (int b = 0; b < c.Ny; b++) cum[a * c.Ny + b] = acc += c.Weight(a, b);
                double s = Math.Sqrt(c.V);
                Parallel.For(0, n, i =>
                {
                    var (u, _, v) = Draw(seed, i);
                    var bw = Philox.Draw(seed, i, StartStep, Philox.StreamAux);
                    double w = Philox.Uniform(bw.X0, bw.X1);
                    var (z0, z1) = Philox.Normals(Philox.Draw(seed, i, StartStep, Philox.StreamCellY));
                    int k = Array.BinarySearch(cum, u * acc);
                    k = Math.Min(k < 0 ? ~k : k, cum.Length - 1);
                    while (c.Weight(k / c.Ny, k % c.Ny) == 0 && k < cum.Length - 1) k++;
                    int a = k / c.Ny, b = k % c.Ny;
                    double xa = c.Edge(0, a), xb = c.Edge(0, a + 1), ya = c.Edge(1, b), yb = c.Edge(1, b + 1);
                    x[i] = c.M * (xa + v * (xb - xa)) + s * z0;
                    y[i] = c.M * (ya + w * (yb - ya)) + s * z1;
                });
                return (x, y);
            }
            default:
                throw new ArgumentException($"cannot sample a {density.GetType().Name}: particles start from Gaussian mixtures, the funnel, the checkerboard (or a grid density)");
        }
    }

    /// <summary>Samples a 1D grid density (cell averages): the cell by its share of the mass (negative values count as 0),
    /// the position uniform inside it.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Cell averages.</param>
    /// <param name="n">Number of samples.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The samples.</returns>
    public static double[] Sample(Grid1D grid, double[] density, int n, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cum = Cumulative(density);
        var x = new double[n];
        Parallel.For(0, n, i =>
        {
            var (u, _, v) = Draw(seed, i);
            x[i] = grid.Lower + (Pick(cum, u) + v) * grid.H;
        });
        return x;
    }

    /// <summary>Samples a 2D grid density (flat cell averages, index i * ny + j).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Cell averages.</param>
    /// <param name="n">Number of samples.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The x and y coordinates.</returns>
    public static (double[] X, double[] Y) Sample(Grid2D grid, double[] density, int n, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cum = Cumulative(density);
        var x = new double[n]; var y = new double[n];
        int ny = grid.Y.Cells;
        Parallel.For(0, n, i =>
        {
            var (u, _, v) = Draw(seed, i);
            var b3 = Philox.Draw(seed, i, StartStep, Philox.StreamCellY);
            double w = Philox.Uniform(b3.X0, b3.X1);
            int c = Pick(cum, u), ci = c / ny, cj = c - ci * ny;
            x[i] = grid.X.Lower + (ci + v) * grid.X.H;
            y[i] = grid.Y.Lower + (cj + w) * grid.Y.H;
        });
        return (x, y);
    }

    // Uniform u (component or cell), a normal z and a second uniform v, all from particle i's start block(s).
    private static (double U, double Z, double V) Draw(ulong seed, int i)
    {
        var b = Philox.Draw(seed, i, StartStep, Philox.StreamX);
        double u = Philox.Uniform(b.X0, b.X1);
        var b1 = Philox.Draw(seed, i, StartStep, Philox.StreamY);
        double v = Philox.Uniform(b1.X2, b1.X3);
        var (z, _) = Philox.Normals(new UInt4(b.X2, b.X3, b1.X0, b1.X1));
        return (u, z, v);
    }

    // Normalised cumulative sums of non-negative weights (negative values count as 0).
    private static double[] Cumulative(IReadOnlyList<double> w)
    {
        var c = new double[w.Count];
        double s = 0;
        for (int k = 0; k < c.Length; k++) { s += Math.Max(0, w[k]); c[k] = s; }
        if (!(s > 0)) throw new ArgumentException("cannot sample: the density has no positive mass");
        for (int k = 0; k < c.Length; k++) c[k] /= s;
        return c;
    }

    // First index with cum[k] > u.
    private static int Pick(double[] cum, double u)
    {
        int lo = 0, hi = cum.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cum[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
