namespace FokkerPlanck.Statistics;

/// <summary>Family-wise error control over a family of p-values.</summary>
public static class MultipleTesting
{
    /// <summary>Holm's step-down procedure: sort the m p-values ascending, reject p_(k) while p_(k) ≤ α / (m - k)
    /// (k = 0, 1, …), stop at the first that is not. Controls the family-wise error at α under any dependence.</summary>
    /// <param name="p">p-values.</param>
    /// <param name="alpha">Family-wise level.</param>
    /// <returns>For each test: whether it is rejected and the level it was compared with.</returns>
    public static (bool Rejected, double Threshold)[] Holm(IReadOnlyList<double> p, double alpha)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1)");
        int m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => double.IsNaN(p[i]) ? -1 : p[i]).ToArray(); // NaN first: rejected
        var r = new (bool, double)[m];
        bool stopped = false;
        for (int k = 0; k < m; k++)
        {
            int i = order[k];
            double t = alpha / (m - k);
            bool reject = !stopped && (double.IsNaN(p[i]) || p[i] <= t);
            if (!reject) stopped = true;
            r[i] = (reject, t);
        }
        return r;
    }

    /// <summary>Bonferroni: reject p ≤ α / m.</summary>
    /// <param name="p">p-values.</param>
    /// <param name="alpha">Family-wise level.</param>
    /// <returns>For each test: rejected and threshold.</returns>
    public static (bool Rejected, double Threshold)[] Bonferroni(IReadOnlyList<double> p, double alpha)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1)");
        double t = alpha / Math.Max(1, p.Count);
        return p.Select(v => (double.IsNaN(v) || v <= t, t)).ToArray();
    }
}
