using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// A grid score field's snapshot window summed in time once for every cell, at one stage time: in 1D the pair (score,
/// trust weight) of cell i at [2i, 2i + 2), in 2D (score x, score y, trust weight, 0) of cell c at [4c, 4c + 4). Each sum
/// is <see cref="GridScoreField{TVec}.InTime"/>'s, ((0 + c₀f₀) + c₁f₁) + …, in the same operations (four cells per
/// Vector256 where AVX is present, each lane IEEE), so a particle's interpolation from it has the general path's bits
/// and reads two (1D) or four (2D) short runs instead of 4m values from two or three arrays. Built per stage from a
/// pooled array (<see cref="Return"/>), at a cost of one pass over the window (m ≤ 4 snapshots) — paid back from as many
/// particles as cells.
/// </summary>
internal static class TimeSummedWindow
{
    /// <summary>Values per cell: 2 in 1D, 4 in 2D.</summary>
    /// <param name="dims">1 or 2.</param>
    /// <returns>The stride.</returns>
    public static int Stride(int dims) => dims == 1 ? 2 : 4;

    /// <summary>The window of snapshots first..first+m-1 summed with the weights w, in a pooled array of at least
    /// cells·<see cref="Stride"/> values (give it back with <see cref="Return"/>).</summary>
    /// <param name="field">The field (host arrays).</param>
    /// <param name="first">First snapshot.</param>
    /// <param name="m">Snapshots, 1 to 4.</param>
    /// <param name="w">Their four weights (0 past m).</param>
    /// <returns>The summed values.</returns>
    public static double[] Sum(GridScoreField<ArrayVec> field, int first, int m, ReadOnlySpan<double> w)
    {
        long size = Cells(field);
        if (size > GridScoreStage.MaxSummedCells)
            throw new ArgumentOutOfRangeException(nameof(field), size, $"windows of at most {GridScoreStage.MaxSummedCells} cells are summed");
        if (m is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(m), m, "a window has 1 to 4 snapshots");
        int cells = (int)size, o = first * cells, c = 0;
        var sums = ArrayPool<double>.Shared.Rent(cells * Stride(field.Dims));
        double c0 = w[0], c1 = w[1], c2 = w[2], c3 = w[3];
        double[] sx = field.ScoreX.Array, wt = field.Weight.Array, sy = field.ScoreY.Array;
        if (Avx.IsSupported)
        {
            var zero = Vector256<double>.Zero;
            for (; c <= cells - 4; c += 4)
            {
                var vs = InTime(sx, o + c, cells, m, c0, c1, c2, c3);
                var vw = InTime(wt, o + c, cells, m, c0, c1, c2, c3);
                if (field.Dims == 1)
                {
                    // (s0 w0 s2 w2), (s1 w1 s3 w3) → (s0 w0 s1 w1), (s2 w2 s3 w3)
                    var lo = Avx.UnpackLow(vs, vw); var hi = Avx.UnpackHigh(vs, vw);
                    Avx.Permute2x128(lo, hi, 0x20).CopyTo(sums, 2 * c);
                    Avx.Permute2x128(lo, hi, 0x31).CopyTo(sums, 2 * c + 4);
                }
                else
                {
                    var vy = InTime(sy, o + c, cells, m, c0, c1, c2, c3);
                    var t0 = Avx.UnpackLow(vs, vy); var t1 = Avx.UnpackHigh(vs, vy);
                    var t2 = Avx.UnpackLow(vw, zero); var t3 = Avx.UnpackHigh(vw, zero);
                    Avx.Permute2x128(t0, t2, 0x20).CopyTo(sums, 4 * c);
                    Avx.Permute2x128(t1, t3, 0x20).CopyTo(sums, 4 * c + 4);
                    Avx.Permute2x128(t0, t2, 0x31).CopyTo(sums, 4 * c + 8);
                    Avx.Permute2x128(t1, t3, 0x31).CopyTo(sums, 4 * c + 12);
                }
            }
        }
        for (; c < cells; c++)
        {
            if (field.Dims == 1)
            {
                sums[2 * c] = GridScoreField<ArrayVec>.InTime(field.ScoreX, o + c, cells, m, c0, c1, c2, c3);
                sums[2 * c + 1] = GridScoreField<ArrayVec>.InTime(field.Weight, o + c, cells, m, c0, c1, c2, c3);
            }
            else
            {
                sums[4 * c] = GridScoreField<ArrayVec>.InTime(field.ScoreX, o + c, cells, m, c0, c1, c2, c3);
                sums[4 * c + 1] = GridScoreField<ArrayVec>.InTime(field.ScoreY, o + c, cells, m, c0, c1, c2, c3);
                sums[4 * c + 2] = GridScoreField<ArrayVec>.InTime(field.Weight, o + c, cells, m, c0, c1, c2, c3);
                sums[4 * c + 3] = 0;
            }
        }
        return sums;
    }

    /// <summary>Gives a window from <see cref="Sum"/> back to the pool.</summary>
    /// <param name="sums">The window.</param>
    public static void Return(double[] sums) => ArrayPool<double>.Shared.Return(sums);

    /// <summary>Cells of a field's grid.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The cell count.</returns>
    public static long Cells(GridScoreField<ArrayVec> field) => field.Dims == 1 ? field.X.N : (long)field.X.N * field.Y.N;

    // GridScoreField.InTime for four consecutive cells, lane by lane.
    private static Vector256<double> InTime(double[] f, int cell, int cells, int m, double c0, double c1, double c2, double c3)
    {
        var v = Vector256<double>.Zero;
        v += Vector256.Create(c0) * Vector256.Create(f.AsSpan(cell, 4));
        if (m > 1)
        {
            v += Vector256.Create(c1) * Vector256.Create(f.AsSpan(cell + cells, 4));
            if (m > 2)
            {
                v += Vector256.Create(c2) * Vector256.Create(f.AsSpan(cell + 2 * cells, 4));
                if (m > 3) v += Vector256.Create(c3) * Vector256.Create(f.AsSpan(cell + 3 * cells, 4));
            }
        }
        return v;
    }
}
