using System.Runtime.CompilerServices;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// A window of m consecutive snapshots of a grid score field, interleaved per cell: in 1D the m pairs (score, trust
/// weight) of cell i at [2m·i, 2m·i + 2m), in 2D the m triples (score x, score y, trust weight) of cell c at
/// [3m·c, 3m·c + 3m), with two spare values at the end so that four-wide loads of the last cell stay inside. One
/// particle's interpolation then reads two (1D) or four (2D) short contiguous runs instead of 2·m or 12·m values spread
/// over as many arrays, and adds them four lanes at a time. The values are copies, so the arithmetic on them (and its
/// bits) is unchanged. Windows are kept per field (the last <see cref="Kept"/>), since a step's stage times and the
/// next steps usually fall in the same window.
/// </summary>
internal static class PackedScoreWindow
{
    /// <summary>Windows kept per field.</summary>
    public const int Kept = 3;

    private static readonly ConditionalWeakTable<double[], List<(int First, int M, double[] Packed)>> Cache = new();

    /// <summary>Values per cell of a window: 2m in 1D, 3m in 2D.</summary>
    /// <param name="dims">1 or 2.</param>
    /// <param name="m">Snapshots in the window.</param>
    /// <returns>The stride.</returns>
    public static int Stride(int dims, int m) => dims == 1 ? 2 * m : 3 * m;

    /// <summary>The window of snapshots first..first+m-1 of a field, packed (from the cache when it holds it).</summary>
    /// <param name="field">The field (host arrays).</param>
    /// <param name="first">First snapshot.</param>
    /// <param name="m">Snapshots, 1 to 4.</param>
    /// <returns>The packed values.</returns>
    public static double[] Get(GridScoreField<ArrayVec> field, int first, int m)
    {
        var list = Cache.GetOrCreateValue(field.ScoreX.Array);
        lock (list)
        {
            foreach (var e in list)
                if (e.First == first && e.M == m) return e.Packed;
            var packed = Pack(field, first, m);
            if (list.Count == Kept) list.RemoveAt(0);
            list.Add((first, m, packed));
            return packed;
        }
    }

    /// <summary>Packs a window (no cache).</summary>
    /// <param name="field">The field.</param>
    /// <param name="first">First snapshot.</param>
    /// <param name="m">Snapshots, 1 to 4.</param>
    /// <returns>The packed values.</returns>
    public static double[] Pack(GridScoreField<ArrayVec> field, int first, int m)
    {
        int cells = field.Dims == 1 ? field.X.N : field.X.N * field.Y.N, stride = Stride(field.Dims, m);
        var packed = new double[cells * stride + 2];
        double[] sx = field.ScoreX.Array, wt = field.Weight.Array, sy = field.Dims == 2 ? field.ScoreY.Array : sx;
        for (int q = 0; q < m; q++)
        {
            int o = (first + q) * cells;
            if (field.Dims == 1)
                for (int c = 0; c < cells; c++) { packed[c * stride + 2 * q] = sx[o + c]; packed[c * stride + 2 * q + 1] = wt[o + c]; }
            else
                for (int c = 0; c < cells; c++)
                {
                    int p = c * stride + 3 * q;
                    packed[p] = sx[o + c]; packed[p + 1] = sy[o + c]; packed[p + 2] = wt[o + c];
                }
        }
        return packed;
    }
}
