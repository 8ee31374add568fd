namespace FokkerPlanck.Kernels;

/// <summary>
/// Deterministic blocked reductions: block b sums elements [b B, (b + 1) B) in order; the host adds the block
/// results in order. Same partition on every backend and thread count, so sums agree bit for bit (no atomics).
/// </summary>
public static class ReductionKernels
{
    /// <summary>Block length B.</summary>
    public const int BlockSize = 2048;

    /// <summary>Number of blocks for n elements.</summary>
    /// <param name="n">Elements.</param>
    /// <returns>ceil(n / B).</returns>
    public static int Blocks(int n) => (n + BlockSize - 1) / BlockSize;

    /// <summary>Σ x over block b.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="b">Block.</param>
    /// <param name="n">Elements.</param>
    /// <param name="x">Vector.</param>
    /// <returns>The block sum.</returns>
    public static double Sum<TVec>(int b, int n, TVec x) where TVec : struct, IVec
    {
        int end = Math.Min(n, (b + 1) * BlockSize);
        double s = 0.0;
        for (int i = b * BlockSize; i < end; i++) s += x[i];
        return s;
    }

    /// <summary>Σ |x - y| over block b.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="b">Block.</param>
    /// <param name="n">Elements.</param>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector.</param>
    /// <returns>The block sum.</returns>
    public static double SumAbsDiff<TVec>(int b, int n, TVec x, TVec y) where TVec : struct, IVec
    {
        int end = Math.Min(n, (b + 1) * BlockSize);
        double s = 0.0;
        for (int i = b * BlockSize; i < end; i++) s += Math.Abs(x[i] - y[i]);
        return s;
    }

    /// <summary>max x over block b (-∞ for an empty block).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="b">Block.</param>
    /// <param name="n">Elements.</param>
    /// <param name="x">Vector.</param>
    /// <returns>The block maximum.</returns>
    public static double Max<TVec>(int b, int n, TVec x) where TVec : struct, IVec
    {
        int end = Math.Min(n, (b + 1) * BlockSize);
        double m = double.NegativeInfinity;
        for (int i = b * BlockSize; i < end; i++) m = Math.Max(m, x[i]);
        return m;
    }
}
