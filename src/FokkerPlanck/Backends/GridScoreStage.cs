using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// The drift b = sign·(slope·x) + c·s(x, t) of a linear schedule plus a grid score at one stage time, with everything
/// that is the same for all particles taken once (<see cref="IParticleModel.GridScoreDrift{TVec}"/>: sign, slope, c, the
/// snapshot window and its weights), and its evaluation at a particle with the general path's operations in their order
/// (<see cref="Interpolation.Bracket"/>, the time sums and the (bi)linear form of <see cref="GridScoreField{TVec}.ScoreJacobian"/>
/// without the Jacobian it discards, <see cref="ParticleModel{TProcess, TScore}.Drift"/>), so with its bits. From as many
/// particles as cells the time sums are taken once for every cell (<see cref="TimeSummedWindow"/>). Host batch paths only.
/// </summary>
internal sealed class GridScoreStage : IDisposable
{
    private readonly double _sign, _slope, _c;
    private readonly Axis _x, _y;
    private readonly int _first, _m;
    private readonly double[] _sx, _sy, _weight, _w = new double[4];
    private double[]? _summed;

    /// <summary>The stage of a drift b = sign·(slope·x) + c·s(x, t).</summary>
    /// <param name="sign">Sign of the linear part.</param>
    /// <param name="slope">Slope of the linear part.</param>
    /// <param name="c">Coefficient of the score.</param>
    /// <param name="t">Time of the score.</param>
    /// <param name="field">The score field.</param>
    /// <param name="summed">Whether to sum the snapshot window in time once for every cell (<see cref="TimeSummedWindow"/>,
    /// where Vector256 is accelerated and the grid has at most <see cref="MaxSummedCells"/> cells): the same bits, faster
    /// for many particles; a pooled copy of one value per cell and field, given back by <see cref="Dispose"/>.</param>
    public GridScoreStage(double sign, double slope, double c, double t, GridScoreField<ArrayVec> field, bool summed)
    {
        _sign = sign; _slope = slope; _c = c;
        _x = field.X; _y = field.Y; Dims = field.Dims;
        _sx = field.ScoreX.Array; _sy = field.ScoreY.Array; _weight = field.Weight.Array;
        _first = field.WindowAt(t, out _m, _w);
        if (summed && Vector256.IsHardwareAccelerated && TimeSummedWindow.Cells(field) <= MaxSummedCells)
            _summed = TimeSummedWindow.Sum(field, _first, _m, _w);
    }

    /// <summary>The stage of a model at clock time τ, or null where its drift is not of this form.</summary>
    /// <typeparam name="TModel">Particle model.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="tau">Clock time.</param>
    /// <param name="count">Particles it will move: from as many as the grid has cells on (and up to
    /// <see cref="MaxSummedCells"/> cells), the window is summed once for every cell.</param>
    /// <returns>The stage, or null.</returns>
    public static GridScoreStage? Of<TModel>(TModel model, double tau, int count) where TModel : struct, IParticleModel
    {
        if (!model.GridScoreDrift<ArrayVec>(tau, out double sign, out double slope, out double c, out double t, out var field)) return null;
        return new GridScoreStage(sign, slope, c, t, field, SumsOnce(TimeSummedWindow.Cells(field), count));
    }

    /// <summary>Whether a stage moving count particles on a grid of cells cells sums its window once for every cell
    /// (where Vector256 is accelerated): from as many particles as cells, up to <see cref="MaxSummedCells"/> cells.</summary>
    /// <param name="cells">Cells of the field's grid.</param>
    /// <param name="count">Particles.</param>
    /// <returns>True to sum.</returns>
    public static bool SumsOnce(double cells, long count) => count >= cells && cells <= MaxSummedCells;

    /// <summary>Cells above which windows are not summed once per cell (a 2D window of 2²⁰ cells is 32 MiB, and an RK4
    /// step holds three).</summary>
    public const long MaxSummedCells = 1L << 20;

    /// <summary>Whether this stage reads a time-summed window.</summary>
    public bool Summed => _summed is not null;

    /// <summary>1 or 2.</summary>
    public int Dims { get; }

    /// <summary>Gives the time-summed window back to the pool (the stage then reads the field's arrays).</summary>
    public void Dispose()
    {
        if (_summed is { } s) { _summed = null; TimeSummedWindow.Return(s); }
    }

    /// <summary>The drift at each x (1D), with each evaluation's fallback (0 or 1: trust weight below 1 - slack, the
    /// weight clamped to [0, 1] as the field returns it) added to fallbacks.</summary>
    /// <param name="xs">Positions.</param>
    /// <param name="b">Drift at each.</param>
    /// <param name="fallbacks">Running fallback count of each.</param>
    public void Drift(ReadOnlySpan<double> xs, Span<double> b, Span<double> fallbacks)
    {
        if (_summed is not null) { DriftSummed(xs, b, fallbacks); return; }
        var s = new ArrayVec(_sx); var wt = new ArrayVec(_weight);
        int cells = _x.N, m = _m, o = _first * cells;
        double lower = _x.Lower, h = _x.H, sign = _sign, slope = _slope, cc = _c;
        bool periodic = _x.Periodic;
        double w0 = _w[0], w1 = _w[1], w2 = _w[2], w3 = _w[3];
        for (int k = 0; k < xs.Length; k++)
        {
            double x = xs[k];
            Interpolation.Bracket(x, lower, h, cells, periodic, out int i0, out int i1, out double a);
            // ScoreJacobian's operations: the time sums of both cells, then the linear form.
            double sx = (1 - a) * GridScoreField<ArrayVec>.InTime(s, o + i0, cells, m, w0, w1, w2, w3)
                + a * GridScoreField<ArrayVec>.InTime(s, o + i1, cells, m, w0, w1, w2, w3);
            double w = (1 - a) * GridScoreField<ArrayVec>.InTime(wt, o + i0, cells, m, w0, w1, w2, w3)
                + a * GridScoreField<ArrayVec>.InTime(wt, o + i1, cells, m, w0, w1, w2, w3);
            fallbacks[k] += Fallback(w);
            double f = slope * x;
            b[k] = sign * f + cc * sx;
        }
    }

    /// <summary>The drift at each (x, y) (2D), with fallbacks as in the 1D form.</summary>
    /// <param name="xs">x of each.</param>
    /// <param name="ys">y of each.</param>
    /// <param name="bx">Drift along x.</param>
    /// <param name="by">Drift along y.</param>
    /// <param name="fallbacks">Running fallback count of each.</param>
    public void Drift(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<double> bx, Span<double> by, Span<double> fallbacks)
    {
        if (_summed is not null) { DriftSummed(xs, ys, bx, by, fallbacks); return; }
        var fx = new ArrayVec(_sx); var fy = new ArrayVec(_sy); var wt = new ArrayVec(_weight);
        int nx = _x.N, ny = _y.N, cells = nx * ny, m = _m, o = _first * cells;
        double sign = _sign, slope = _slope, cc = _c, w0 = _w[0], w1 = _w[1], w2 = _w[2], w3 = _w[3];
        var ax = _x; var ay = _y;
        double T(ArrayVec f, int cell) => GridScoreField<ArrayVec>.InTime(f, cell, cells, m, w0, w1, w2, w3);
        for (int k = 0; k < xs.Length; k++)
        {
            double x = xs[k], y = ys[k];
            Interpolation.Bracket(x, ax.Lower, ax.H, nx, ax.Periodic, out int i0, out int i1, out double a);
            Interpolation.Bracket(y, ay.Lower, ay.H, ny, ay.Periodic, out int j0, out int j1, out double b);
            int c00 = o + i0 * ny + j0, c01 = o + i0 * ny + j1, c10 = o + i1 * ny + j0, c11 = o + i1 * ny + j1;
            double sx = GridScoreField<ArrayVec>.Bilinear(a, b, T(fx, c00), T(fx, c01), T(fx, c10), T(fx, c11));
            double sy = GridScoreField<ArrayVec>.Bilinear(a, b, T(fy, c00), T(fy, c01), T(fy, c10), T(fy, c11));
            double w = GridScoreField<ArrayVec>.Bilinear(a, b, T(wt, c00), T(wt, c01), T(wt, c10), T(wt, c11));
            fallbacks[k] += Fallback(w);
            double f = slope * x, g = slope * y;
            bx[k] = sign * f + cc * sx;
            by[k] = sign * g + cc * sy;
        }
    }

    // The 1D drift from the time-summed window: cell i holds (s, w), so (1 - a)·v(i0) + a·v(i1) in a Vector128 is the
    // scalar path's linear form on both at once.
    private void DriftSummed(ReadOnlySpan<double> xs, Span<double> b, Span<double> fallbacks)
    {
        double sign = _sign, slope = _slope, cc = _c;
        ref double p = ref MemoryMarshal.GetArrayDataReference(_summed!);
        Span<int> cells = stackalloc int[2 * Block];
        Span<double> weight = stackalloc double[Block];
        Span<int> c0s = cells.Slice(0, Block), c1s = cells.Slice(Block, Block);
        for (int s0 = 0; s0 < xs.Length; s0 += Block)
        {
            int len = Math.Min(Block, xs.Length - s0);
            BracketBatch.Fill(xs.Slice(s0, len), _x, c0s, c1s, weight);
            for (int k = 0; k < len; k++)
            {
                double a = weight[k];
                var v = Vector128.Create(1 - a) * Vector128.LoadUnsafe(ref p, (nuint)(2 * c0s[k]))
                    + Vector128.Create(a) * Vector128.LoadUnsafe(ref p, (nuint)(2 * c1s[k]));
                int i = s0 + k;
                fallbacks[i] += Fallback(v.GetElement(1));
                double f = slope * xs[i];
                b[i] = sign * f + cc * v.GetElement(0);
            }
        }
    }

    // The 2D drift from the time-summed window: cell c holds (sx, sy, w, 0), so each lane of one Vector256 computes the
    // scalar path's bilinear form.
    private void DriftSummed(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<double> bx, Span<double> by, Span<double> fallbacks)
    {
        int ny = _y.N;
        double sign = _sign, slope = _slope, cc = _c;
        ref double p = ref MemoryMarshal.GetArrayDataReference(_summed!);
        Span<int> cells = stackalloc int[4 * Block];
        Span<double> ab = stackalloc double[2 * Block];
        Span<int> i0 = cells.Slice(0, Block), i1 = cells.Slice(Block, Block), j0 = cells.Slice(2 * Block, Block), j1 = cells.Slice(3 * Block, Block);
        Span<double> fa = ab.Slice(0, Block), fb = ab.Slice(Block, Block);
        for (int s0 = 0; s0 < xs.Length; s0 += Block)
        {
            int len = Math.Min(Block, xs.Length - s0);
            BracketBatch.Fill(xs.Slice(s0, len), _x, i0, i1, fa);
            BracketBatch.Fill(ys.Slice(s0, len), _y, j0, j1, fb);
            for (int k = 0; k < len; k++)
            {
                double a = fa[k], b = fb[k];
                var va = Vector256.Create(a); var vb = Vector256.Create(b);
                var ra = Vector256.Create(1 - a); var rb = Vector256.Create(1 - b);
                int r0 = i0[k] * ny, r1 = i1[k] * ny;
                var v = ra * (rb * Vector256.LoadUnsafe(ref p, (nuint)(4 * (r0 + j0[k]))) + vb * Vector256.LoadUnsafe(ref p, (nuint)(4 * (r0 + j1[k]))))
                    + va * (rb * Vector256.LoadUnsafe(ref p, (nuint)(4 * (r1 + j0[k]))) + vb * Vector256.LoadUnsafe(ref p, (nuint)(4 * (r1 + j1[k]))));
                int i = s0 + k;
                fallbacks[i] += Fallback(v.GetElement(2));
                double f = slope * xs[i], g = slope * ys[i];
                bx[i] = sign * f + cc * v.GetElement(0);
                by[i] = sign * g + cc * v.GetElement(1);
            }
        }
    }

    // Positions per batch of brackets (BracketBatch) in the time-summed drifts.
    private const int Block = 128;

    /// <summary>ParticleRhs.F's fallback count for a trust weight: 1 below 1 - slack, else 0. The field clamps its weight
    /// to [0, 1]; that does not move a weight across 1 - slack (and a NaN weight counts none either way), so it is not clamped
    /// here.</summary>
    /// <param name="w">Trust weight.</param>
    /// <returns>0 or 1.</returns>
    public static double Fallback(double w) => w < 1.0 - ParticleRhs.TrustWeightSlack ? 1.0 : 0.0;
}
