namespace FokkerPlanck.Tests.Backends;

/// <summary>Per-chunk totals of a run's counters (fallbacks at 2i, evaluations at 2i + 1): the managed fast paths add a
/// chunk's counts to its first particle's slots, the general kernel one particle at a time, and only sums are ever read.</summary>
internal static class CounterTotals
{
    /// <summary>The launcher's chunk of particles.</summary>
    public const int Chunk = 512;

    /// <summary>(fallbacks, evaluations) summed over each chunk of <see cref="Chunk"/> particles.</summary>
    /// <param name="counters">2n counters.</param>
    /// <returns>Two numbers per chunk.</returns>
    public static double[] PerChunk(double[] counters)
    {
        int n = counters.Length / 2, chunks = (n + Chunk - 1) / Chunk;
        var t = new double[2 * chunks];
        for (int i = 0; i < n; i++) { t[2 * (i / Chunk)] += counters[2 * i]; t[2 * (i / Chunk) + 1] += counters[2 * i + 1]; }
        return t;
    }
}
