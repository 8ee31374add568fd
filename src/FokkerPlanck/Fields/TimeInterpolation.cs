using FokkerPlanck.Numerics;

namespace FokkerPlanck.Fields;

/// <summary>Lagrange interpolation weights over the (up to) four snapshots nearest to t: order 4 in the snapshot spacing.</summary>
public static class TimeInterpolation
{
    /// <summary>Weights of the snapshots used at time t.</summary>
    /// <param name="times">Increasing snapshot times.</param>
    /// <param name="t">Time inside [times[0], times[^1]].</param>
    /// <returns>(snapshot index, weight) pairs; the weights sum to 1.</returns>
    public static (int K, double C)[] Weights(double[] times, double t)
    {
        int n = times.Length;
        double tol = Tolerances.TimeMatch * Math.Max(1.0, Math.Abs(times[^1]));
        if (!(t >= times[0] - tol) || !(t <= times[^1] + tol))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"t must lie in [{times[0]}, {times[^1]}] (got {t})");
        // The kernels' rule (Kernels.Particles.Interpolation), written once.
        var tv = new Kernels.ArrayVec(times);
        int first = Kernels.Particles.Interpolation.FirstSnapshot(tv, n, t, out int m);
        var result = new (int, double)[m];
        for (int a = 0; a < m; a++) result[a] = (first + a, Kernels.Particles.Interpolation.TimeWeight(tv, first, m, a, t));
        return result;
    }
}
