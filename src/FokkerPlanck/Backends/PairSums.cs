using System.Runtime.Intrinsics;

namespace FokkerPlanck.Backends;

/// <summary>Sums of the even- and the odd-indexed entries of a vector: the particle counters (fallbacks at 2i, field
/// evaluations at 2i + 1), whole numbers whose sums stay below 2⁵³, so the sums are exact in any order.</summary>
internal static class PairSums
{
    /// <summary>The two sums.</summary>
    /// <param name="c">Entries (an even number).</param>
    /// <returns>Σ c[2i] and Σ c[2i + 1].</returns>
    public static (long Even, long Odd) Of(ReadOnlySpan<double> c)
    {
        var acc = Vector256<double>.Zero;
        int i = 0;
        for (; i <= c.Length - 4; i += 4) acc += Vector256.Create(c.Slice(i, 4));
        double even = acc[0] + acc[2], odd = acc[1] + acc[3];
        for (; i < c.Length; i += 2) { even += c[i]; odd += c[i + 1]; }
        return ((long)even, (long)odd);
    }
}
