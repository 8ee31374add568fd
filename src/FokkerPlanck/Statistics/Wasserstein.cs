namespace FokkerPlanck.Statistics;

/// <summary>
/// 1-Wasserstein distances. In 1D W1 = ∫ |F - G| dx (through the CDFs); between two equal-size samples it is the
/// mean absolute difference of the sorted samples. The sliced distance in 2D averages the 1D distance of projections
/// on equally spaced directions (a deterministic quadrature over the half circle). Written here because MathNet has
/// no optimal-transport distances.
/// </summary>
public static class Wasserstein
{
    /// <summary>W1 between a sample's empirical law and a continuous CDF: ∫ |F_n - F| dx, exact for the step function
    /// F_n, with F integrated by Simpson's rule on each gap of a mesh that includes every sample point.</summary>
    /// <param name="sample">Sample (not modified).</param>
    /// <param name="cdf">Reference CDF.</param>
    /// <param name="lower">A point where the reference CDF is (numerically) 0, below the sample.</param>
    /// <param name="upper">A point where the reference CDF is (numerically) 1, above the sample.</param>
    /// <param name="mesh">Extra equally spaced mesh points between lower and upper (resolves F between sample points).</param>
    /// <returns>W1.</returns>
    public static double ToCdf(IReadOnlyList<double> sample, Func<double, double> cdf, double lower, double upper, int mesh = 4096)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(cdf);
        if (sample.Count == 0) throw new ArgumentException("the sample is empty", nameof(sample));
        if (sample.Any(v => !double.IsFinite(v))) return double.PositiveInfinity;
        var z = sample.ToArray();
        Array.Sort(z);
        lower = Math.Min(lower, z[0]); upper = Math.Max(upper, z[^1]);
        var pts = new double[z.Length + mesh + 2];
        z.CopyTo(pts, 0);
        for (int k = 0; k <= mesh + 1; k++) pts[z.Length + k] = lower + (upper - lower) * k / (mesh + 1);
        Array.Sort(pts);
        double n = z.Length, w = 0;
        int below = 0; // sample points ≤ the current left end
        for (int k = 0; k + 1 < pts.Length; k++)
        {
            double a = pts[k], b = pts[k + 1];
            while (below < z.Length && z[below] <= a) below++;
            if (b <= a) continue;
            double fn = below / n, m = 0.5 * (a + b);
            double ga = Math.Abs(fn - cdf(a)), gm = Math.Abs(fn - cdf(m)), gb = Math.Abs(fn - cdf(b));
            w += (b - a) * (ga + 4 * gm + gb) / 6;
        }
        return w;
    }

    /// <summary>W1 between two samples of equal size: mean |x_(i) - y_(i)| of the order statistics.</summary>
    /// <param name="a">First sample.</param>
    /// <param name="b">Second sample (same size).</param>
    /// <returns>W1.</returns>
    public static double Between(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0) throw new ArgumentException($"samples must be non-empty and of equal size (got {a.Count} and {b.Count})");
        var x = a.ToArray(); var y = b.ToArray();
        Array.Sort(x); Array.Sort(y);
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += Math.Abs(x[i] - y[i]);
        return s / x.Length;
    }

    /// <summary>Sliced W1 between two 2D samples of equal size: the average over <paramref name="directions"/>
    /// directions θ_k = π (k + ½) / K of the 1D W1 between the projections.</summary>
    /// <param name="ax">First sample, x.</param>
    /// <param name="ay">First sample, y.</param>
    /// <param name="bx">Second sample, x.</param>
    /// <param name="by">Second sample, y.</param>
    /// <param name="directions">Number of directions K.</param>
    /// <returns>Sliced W1.</returns>
    public static double Sliced(IReadOnlyList<double> ax, IReadOnlyList<double> ay, IReadOnlyList<double> bx, IReadOnlyList<double> by, int directions = 32)
    {
        if (directions < 1) throw new ArgumentOutOfRangeException(nameof(directions), directions, "need ≥ 1 direction");
        if (ax.Count != ay.Count || bx.Count != by.Count) throw new ArgumentException("x and y of a sample must have equal length");
        double s = 0;
        for (int k = 0; k < directions; k++)
        {
            double th = Math.PI * (k + 0.5) / directions, c = Math.Cos(th), sn = Math.Sin(th);
            var pa = new double[ax.Count]; var pb = new double[bx.Count];
            for (int i = 0; i < pa.Length; i++) pa[i] = c * ax[i] + sn * ay[i];
            for (int i = 0; i < pb.Length; i++) pb[i] = c * bx[i] + sn * by[i];
            s += Between(pa, pb);
        }
        return s / directions;
    }
}
