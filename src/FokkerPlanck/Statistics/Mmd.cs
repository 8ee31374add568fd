namespace FokkerPlanck.Statistics;

/// <summary>
/// Kernel maximum mean discrepancy with a Gaussian kernel k(u, v) = exp(-|u - v|² / (2 ℓ²)): the unbiased estimate
/// MMD²_u = mean_{i≠j} k(x_i, x_j) + mean_{i≠j} k(y_i, y_j) - 2 mean_{i,j} k(x_i, y_j) (Gretton et al. 2012), whose
/// expectation under the null is exactly 0. O(m²): callers pass subsamples of a few thousand points. Written here
/// because MathNet has no kernel two-sample statistics.
/// </summary>
public static class Mmd
{
    /// <summary>Unbiased MMD² between two 2D samples (for 1D samples pass zeros as y).</summary>
    /// <param name="ax">First sample x.</param>
    /// <param name="ay">First sample y.</param>
    /// <param name="bx">Second sample x.</param>
    /// <param name="by">Second sample y.</param>
    /// <param name="bandwidth">Kernel length ℓ (&gt; 0).</param>
    /// <returns>MMD²_u (can be slightly negative).</returns>
    public static double Squared(IReadOnlyList<double> ax, IReadOnlyList<double> ay, IReadOnlyList<double> bx, IReadOnlyList<double> by, double bandwidth)
    {
        if (!(bandwidth > 0) || !double.IsFinite(bandwidth)) throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "bandwidth must be > 0 and finite");
        int m = ax.Count, n = bx.Count;
        if (m < 2 || n < 2 || ay.Count != m || by.Count != n) throw new ArgumentException("need two samples of ≥ 2 points with matching x and y lengths");
        double c = -0.5 / (bandwidth * bandwidth);
        double Sum(IReadOnlyList<double> ux, IReadOnlyList<double> uy, IReadOnlyList<double> vx, IReadOnlyList<double> vy, bool same)
        {
            var part = new double[ux.Count];
            Parallel.For(0, ux.Count, i =>
            {
                double s = 0, xi = ux[i], yi = uy[i];
                for (int j = same ? i + 1 : 0; j < vx.Count; j++)
                {
                    double dx = xi - vx[j], dy = yi - vy[j];
                    s += Math.Exp(c * (dx * dx + dy * dy));
                }
                part[i] = same ? 2 * s : s;
            });
            return part.Sum();
        }
        double kxx = Sum(ax, ay, ax, ay, true) / ((double)m * (m - 1));
        double kyy = Sum(bx, by, bx, by, true) / ((double)n * (n - 1));
        double kxy = Sum(ax, ay, bx, by, false) / ((double)m * n);
        return kxx + kyy - 2 * kxy;
    }

    /// <summary>Median heuristic: the median pairwise distance among the first (up to) 1000 points.</summary>
    /// <param name="x">Sample x.</param>
    /// <param name="y">Sample y.</param>
    /// <returns>Bandwidth.</returns>
    public static double MedianBandwidth(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int m = Math.Min(1000, x.Count);
        var d = new List<double>(m * (m - 1) / 2);
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++) d.Add(Math.Sqrt((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])));
        d.Sort();
        double med = d.Count == 0 ? 1 : d[d.Count / 2];
        return med > 0 ? med : 1;
    }
}
