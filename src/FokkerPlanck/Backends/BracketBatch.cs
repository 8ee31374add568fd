using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// <see cref="Interpolation.Bracket"/> for many positions on one axis: on a non-periodic axis with AVX, four at a time
/// in Vector256 lanes (one vector division, the three cases as lane masks), with the scalar rule's operations per lane,
/// so its cells and weights bit for bit (NaN, infinities and positions past either end included; tested). Periodic
/// axes and the last 0–3 positions take the scalar rule. Host batch paths only.
/// </summary>
internal static class BracketBatch
{
    /// <summary>The bracketing cells and the second's weight of each position.</summary>
    /// <param name="xs">Positions.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="i0">First cell of each.</param>
    /// <param name="i1">Second cell of each.</param>
    /// <param name="a">Weight of the second cell.</param>
    public static void Fill(ReadOnlySpan<double> xs, Axis axis, Span<int> i0, Span<int> i1, Span<double> a)
    {
        int n = xs.Length, k = 0;
        if (i0.Length < n || i1.Length < n || a.Length < n) throw new ArgumentException("one output per position is needed", nameof(a));
        double lower = axis.Lower, h = axis.H;
        int cells = axis.N;
        if (Avx.IsSupported && !axis.Periodic)
        {
            var vl = Vector256.Create(lower); var vh = Vector256.Create(h); var half = Vector256.Create(0.5);
            var top = Vector256.Create((double)(cells - 1)); var one = Vector256.Create(1.0);
            for (; k <= n - 4; k += 4)
            {
                var u = (Vector256.Create(xs.Slice(k, 4)) - vl) / vh - half;
                // !(u > 0): cells 0, 0 and weight 0 (NaN too); u ≥ n - 1: cells n - 1, n - 1, weight 0; else (int)u.
                var above = Vector256.GreaterThan(u, Vector256<double>.Zero);
                var past = above & Vector256.GreaterThanOrEqual(u, top);
                var inside = above & ~past;
                var whole = Avx.ConvertToVector256Double(Avx.ConvertToVector128Int32WithTruncation(Vector256.ConditionalSelect(inside, u, Vector256<double>.Zero)));
                var first = Vector256.ConditionalSelect(inside, whole, past & top);
                var second = Vector256.ConditionalSelect(inside, whole + one, first);
                Vector256.ConditionalSelect(inside, u - whole, Vector256<double>.Zero).CopyTo(a.Slice(k, 4));
                Avx.ConvertToVector128Int32(first).CopyTo(i0.Slice(k, 4));
                Avx.ConvertToVector128Int32(second).CopyTo(i1.Slice(k, 4));
            }
        }
        for (; k < n; k++) Interpolation.Bracket(xs[k], lower, h, cells, axis.Periodic, out i0[k], out i1[k], out a[k]);
    }
}
