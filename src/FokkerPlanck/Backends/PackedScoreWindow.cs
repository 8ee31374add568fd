using System.Runtime.CompilerServices;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// A window of m consecutive snapshots of a grid score field, interleaved per cell: in 1D the m pairs (score, trust
/// weight) of cell i at [2m·i, 2m·i + 2m), in 2D the m triples (score x, score y, trust weight) of cell c at
/// [3m·c, 3m·c + 3m), with two spare values at the end so that four-wide loads of the last cell stay inside. One
/// particle's interpolation then reads two (1D) or four (2D) short contiguous runs instead of 4m values from two arrays
/// (1D) or 12m from three (2D), and adds them four lanes at a time. The values are copies, so the arithmetic on them (and
/// its bits) is unchanged. Windows are kept per field (the last <see cref="Kept"/>), since a step's stage times and the
/// next steps usually fall in the same window. The cache is keyed by the field's arrays (all three references, the
/// axes and the window): a field's arrays must not be written after a window of them is packed, which holds for the
/// particle runs (they upload each field into fresh vectors once per run, and nothing writes them afterwards).
/// </summary>
internal static class PackedScoreWindow
{
    /// <summary>Windows kept per field.</summary>
    public const int Kept = 3;

    private static readonly ConditionalWeakTable<double[], List<Entry>> Cache = new();

    private sealed record Entry(double[] ScoreY, double[] Weight, Axis X, Axis Y, int Dims, int First, int M, double[] Packed);

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
                if (e.First == first && e.M == m && e.Dims == field.Dims && ReferenceEquals(e.ScoreY, field.ScoreY.Array)
                    && ReferenceEquals(e.Weight, field.Weight.Array) && e.X.Equals(field.X) && e.Y.Equals(field.Y))
                    return e.Packed;
            var packed = Pack(field, first, m);
            if (list.Count == Kept) list.RemoveAt(0);
            list.Add(new Entry(field.ScoreY.Array, field.Weight.Array, field.X, field.Y, field.Dims, first, m, packed));
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
        long size = Cells(field);
        if (size > GridScoreStage.MaxPackedCells)
            throw new ArgumentOutOfRangeException(nameof(field), size, $"windows of at most {GridScoreStage.MaxPackedCells} cells are packed");
        int cells = (int)size, stride = Stride(field.Dims, m);
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

    /// <summary>Cells of a field's grid.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The cell count.</returns>
    public static long Cells(GridScoreField<ArrayVec> field) => field.Dims == 1 ? field.X.N : (long)field.X.N * field.Y.N;
}
