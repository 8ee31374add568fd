namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// The interpolation rules of the grid fields, written once for the host point sampler and for kernels: linear between
/// cell centres (clamped to the edge cell's value outside the outermost centres, wrapped on periodic axes) and cubic
/// Lagrange in time over the (up to) four snapshots nearest to t.
/// </summary>
internal static class Interpolation
{
    /// <summary>The two centres bracketing x and the weight of the second.</summary>
    public static void Bracket(double x, double lower, double h, int n, bool periodic, out int i0, out int i1, out double a)
    {
        double u = (x - lower) / h - 0.5;
        if (periodic)
        {
            double fl = Math.Floor(u);
            long k = (long)fl % n;
            if (k < 0) k += n;
            i0 = (int)k; i1 = i0 + 1 == n ? 0 : i0 + 1; a = u - fl;
            return;
        }
        if (!(u > 0)) { i0 = 0; i1 = 0; a = 0.0; return; }
        if (u >= n - 1) { i0 = n - 1; i1 = n - 1; a = 0.0; return; }
        i0 = (int)u; i1 = i0 + 1; a = u - i0;
    }

    /// <summary>First of the m = min(4, n) snapshots used at time t (times increasing), as TimeInterpolation.Weights.</summary>
    public static int FirstSnapshot<TVec>(TVec times, int n, double t, out int m) where TVec : struct, Kernels.IVec
    {
        m = n < 4 ? n : 4;
        // Lower bound: first index with times[k] >= t.
        int lo = 0, hi = n;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (times[mid] < t) lo = mid + 1; else hi = mid;
        }
        int first = lo - m / 2;
        if (first < 0) first = 0;
        if (first > n - m) first = n - m;
        return first;
    }

    /// <summary>Lagrange weight of snapshot first + a among the m used.</summary>
    public static double TimeWeight<TVec>(TVec times, int first, int m, int a, double t) where TVec : struct, Kernels.IVec
    {
        double c = 1.0, ta = times[first + a];
        for (int b = 0; b < m; b++)
            if (b != a) c *= (t - times[first + b]) / (ta - times[first + b]);
        return c;
    }
}
