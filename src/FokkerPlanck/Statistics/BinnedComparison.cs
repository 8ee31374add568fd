using MathNet.Numerics;

namespace FokkerPlanck.Statistics;

/// <summary>
/// Comparisons of a sample's histogram with reference bin probabilities: Pearson's chi-square test, total variation
/// and Kullback–Leibler divergence. Both sides are binned identically, so the distances are those of the binned laws
/// (no binning bias between them; they bound the continuous distances from below). Bins whose expected count is
/// below <see cref="MinExpected"/> are pooled into one bin (Cochran's rule) before the test.
/// </summary>
public static class BinnedComparison
{
    /// <summary>Smallest expected count of a bin kept on its own.</summary>
    public const double MinExpected = 5.0;

    /// <summary>Pearson's chi-square test of observed counts against probabilities; the p-value is the upper
    /// regularised incomplete gamma Q(k/2, X²/2) (MathNet), accurate far below 1e-6.</summary>
    /// <param name="counts">Observed counts per bin.</param>
    /// <param name="probabilities">Reference probabilities per bin (renormalised to sum 1).</param>
    /// <returns>X², degrees of freedom and p.</returns>
    public static (double Statistic, int DegreesOfFreedom, double P) ChiSquare(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        var (o, e) = Pool(counts, probabilities);
        if (o.Count < 2) throw new ArgumentException("fewer than 2 bins with enough expected counts: use more particles or fewer bins");
        double x2 = 0;
        for (int b = 0; b < o.Count; b++) x2 += (o[b] - e[b]) * (o[b] - e[b]) / e[b];
        int df = o.Count - 1;
        return (x2, df, SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * x2));
    }

    /// <summary>Total variation ½ Σ |p̂_b - p_b| between the histogram and the reference probabilities.</summary>
    /// <param name="counts">Counts.</param>
    /// <param name="probabilities">Reference probabilities.</param>
    /// <returns>TV in [0, 1].</returns>
    public static double TotalVariation(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        Check(counts, probabilities);
        double n = counts.Sum(), z = probabilities.Sum(), s = 0;
        for (int b = 0; b < counts.Count; b++) s += Math.Abs(counts[b] / n - probabilities[b] / z);
        return 0.5 * s;
    }

    /// <summary>KL(p̂ ‖ p) = Σ p̂_b ln(p̂_b / p_b) of the histogram from the reference (infinite when a bin with
    /// counts has zero reference probability).</summary>
    /// <param name="counts">Counts.</param>
    /// <param name="probabilities">Reference probabilities.</param>
    /// <returns>KL ≥ 0.</returns>
    public static double KullbackLeibler(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        Check(counts, probabilities);
        double n = counts.Sum(), z = probabilities.Sum(), s = 0;
        for (int b = 0; b < counts.Count; b++)
        {
            if (counts[b] == 0) continue;
            double q = counts[b] / n, p = probabilities[b] / z;
            s += p > 0 ? q * Math.Log(q / p) : double.PositiveInfinity;
        }
        return s;
    }

    /// <summary>Counts of a 1D sample in the bins between increasing edges (values on an edge go to the right bin;
    /// values outside all bins are dropped; NaN counts nowhere).</summary>
    /// <param name="sample">Sample.</param>
    /// <param name="edges">Increasing edges (±∞ allowed).</param>
    /// <returns>Counts (edges.Length - 1).</returns>
    public static long[] Histogram(IReadOnlyList<double> sample, IReadOnlyList<double> edges)
    {
        var c = new long[edges.Count - 1];
        var e = edges.ToArray();
        foreach (double v in sample)
        {
            int b = BinIndex(v, e);
            if (b >= 0) c[b]++;
        }
        return c;
    }

    /// <summary>Index of the bin holding v between increasing edges (a value on an edge goes to the right bin), or -1
    /// for NaN and values outside all bins.</summary>
    /// <param name="v">Value.</param>
    /// <param name="edges">Increasing edges (±∞ allowed).</param>
    /// <returns>Bin index or -1.</returns>
    public static int BinIndex(double v, double[] edges)
    {
        if (double.IsNaN(v)) return -1;
        int k = Array.BinarySearch(edges, v);
        int b = k >= 0 ? k : ~k - 1;
        return b >= 0 && b < edges.Length - 1 ? b : -1;
    }

    private static void Check(IReadOnlyList<long> counts, IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(p);
        if (counts.Count != p.Count || counts.Count == 0) throw new ArgumentException($"need as many probabilities as counts (got {p.Count} and {counts.Count})");
        if (counts.Sum() == 0) throw new ArgumentException("no counts");
    }

    // Pools bins with expected count < MinExpected into one bin (kept only if it reaches MinExpected, else merged into
    // the smallest kept bin).
    private static (List<double> O, List<double> E) Pool(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        Check(counts, probabilities);
        double n = counts.Sum(), z = probabilities.Sum();
        var o = new List<double>(); var e = new List<double>();
        double po = 0, pe = 0;
        for (int b = 0; b < counts.Count; b++)
        {
            double eb = n * probabilities[b] / z;
            if (eb >= MinExpected) { o.Add(counts[b]); e.Add(eb); }
            else { po += counts[b]; pe += eb; }
        }
        if (pe >= MinExpected || (pe > 0 && e.Count == 0)) { o.Add(po); e.Add(pe); }
        else if (pe > 0 || po > 0)
        {
            // Too little expected mass to stand alone: merge into the smallest kept bin.
            int k = e.IndexOf(e.Min());
            o[k] += po; e[k] += pe;
        }
        return (o, e);
    }
}
