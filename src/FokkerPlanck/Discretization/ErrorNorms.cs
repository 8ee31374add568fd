namespace FokkerPlanck.Discretization;

/// <summary>Distances between two grid densities (cell averages).</summary>
public static class ErrorNorms
{
    /// <summary>L1 = cell volume × Σ |p - q| and max = max |p - q|.</summary>
    /// <param name="p">First density.</param>
    /// <param name="q">Second density (same grid).</param>
    /// <param name="cellVolume">h or hx hy.</param>
    /// <returns>The two norms.</returns>
    public static (double L1, double Max) Compare(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double cellVolume)
    {
        if (p.Length != q.Length) throw new ArgumentException($"lengths differ ({p.Length} and {q.Length})", nameof(q));
        double l1 = 0, max = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = Math.Abs(p[i] - q[i]);
            l1 += d;
            if (d > max) max = d;
        }
        return (l1 * cellVolume, max);
    }
}
