using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>
/// The drift b = sign·(slope·x) + c·s(x, t) of a linear schedule plus a grid score at one stage time, with everything
/// that is the same for all particles taken once (<see cref="IParticleModel.GridScoreDrift{TVec}"/>: sign, slope, c, the
/// snapshot window and its weights), and its evaluation at a particle with the general path's operations in their order
/// (<see cref="Interpolation.Bracket"/>, the sums of <see cref="GridScoreField{TVec}.ScoreJacobian"/> without the
/// Jacobian it discards, <see cref="ParticleModel{TProcess, TScore}.Drift"/>), so with its bits. Host batch paths only.
/// </summary>
internal sealed class GridScoreStage
{
    private readonly double _sign, _slope, _c;
    private readonly Axis _x, _y;
    private readonly int _first, _m;
    private readonly double[] _sx, _sy, _weight, _w = new double[4];
    private readonly double[]? _packed;

    /// <summary>The stage of a drift b = sign·(slope·x) + c·s(x, t).</summary>
    /// <param name="sign">Sign of the linear part.</param>
    /// <param name="slope">Slope of the linear part.</param>
    /// <param name="c">Coefficient of the score.</param>
    /// <param name="t">Time of the score.</param>
    /// <param name="field">The score field.</param>
    /// <param name="packed">Whether to read the snapshot window interleaved per cell (<see cref="PackedScoreWindow"/>,
    /// where Vector256 is accelerated and the grid has at most <see cref="MaxPackedCells"/> cells): the same bits,
    /// faster for many particles, a copy of the window's fields.</param>
    public GridScoreStage(double sign, double slope, double c, double t, GridScoreField<ArrayVec> field, bool packed)
    {
        _sign = sign; _slope = slope; _c = c;
        _x = field.X; _y = field.Y; Dims = field.Dims;
        _sx = field.ScoreX.Array; _sy = field.ScoreY.Array; _weight = field.Weight.Array;
        _first = field.WindowAt(t, out _m, _w);
        if (packed && Vector256.IsHardwareAccelerated && PackedScoreWindow.Cells(field) <= MaxPackedCells)
            _packed = PackedScoreWindow.Get(field, _first, _m);
    }

    /// <summary>The stage of a model at clock time τ, or null where its drift is not of this form.</summary>
    /// <typeparam name="TModel">Particle model.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="tau">Clock time.</param>
    /// <param name="count">Particles it will move: from as many as the grid has cells on (and up to
    /// <see cref="MaxPackedCells"/> cells), the window is packed.</param>
    /// <returns>The stage, or null.</returns>
    public static GridScoreStage? Of<TModel>(TModel model, double tau, int count) where TModel : struct, IParticleModel
    {
        if (!model.GridScoreDrift<ArrayVec>(tau, out double sign, out double slope, out double c, out double t, out var field)) return null;
        return new GridScoreStage(sign, slope, c, t, field, Packs(PackedScoreWindow.Cells(field), count));
    }

    /// <summary>Whether a stage moving count particles on a grid of cells cells reads packed windows (where Vector256 is
    /// accelerated): from as many particles as cells, up to <see cref="MaxPackedCells"/> cells.</summary>
    /// <param name="cells">Cells of the field's grid.</param>
    /// <param name="count">Particles.</param>
    /// <returns>True to pack.</returns>
    public static bool Packs(double cells, long count) => count >= cells && cells <= MaxPackedCells;

    /// <summary>Cells above which windows are not packed (a packed 2D window of 2²⁰ cells is 96 MiB, and up to
    /// <see cref="PackedScoreWindow.Kept"/> are kept).</summary>
    public const long MaxPackedCells = 1L << 20;

    /// <summary>Whether this stage reads a packed window.</summary>
    public bool Packed => _packed is not null;

    /// <summary>1 or 2.</summary>
    public int Dims { get; }

    /// <summary>The drift at each x (1D), with each evaluation's fallback (0 or 1: trust weight below 1 - slack, the
    /// weight clamped to [0, 1] as the field returns it) added to fallbacks.</summary>
    /// <param name="xs">Positions.</param>
    /// <param name="b">Drift at each.</param>
    /// <param name="fallbacks">Running fallback count of each.</param>
    public void Drift(ReadOnlySpan<double> xs, Span<double> b, Span<double> fallbacks)
    {
        if (_packed is not null) { DriftPacked(xs, b, fallbacks); return; }
        double[] s = _sx, wt = _weight;
        int cells = _x.N, m = _m;
        double lower = _x.Lower, h = _x.H, sign = _sign, slope = _slope, cc = _c;
        bool periodic = _x.Periodic;
        double w0 = _w[0], w1 = _w[1], w2 = _w[2], w3 = _w[3];
        int o0 = _first * cells, o1 = o0 + cells, o2 = o1 + cells, o3 = o2 + cells;
        for (int k = 0; k < xs.Length; k++)
        {
            double x = xs[k];
            Interpolation.Bracket(x, lower, h, cells, periodic, out int i0, out int i1, out double a);
            double r = 1 - a, sx = 0, w = 0;
            // The window's snapshots in order (m ≤ 4), as ScoreJacobian's loop.
            sx += w0 * (r * s[o0 + i0] + a * s[o0 + i1]);
            w += w0 * (r * wt[o0 + i0] + a * wt[o0 + i1]);
            if (m > 1)
            {
                sx += w1 * (r * s[o1 + i0] + a * s[o1 + i1]);
                w += w1 * (r * wt[o1 + i0] + a * wt[o1 + i1]);
                if (m > 2)
                {
                    sx += w2 * (r * s[o2 + i0] + a * s[o2 + i1]);
                    w += w2 * (r * wt[o2 + i0] + a * wt[o2 + i1]);
                    if (m > 3)
                    {
                        sx += w3 * (r * s[o3 + i0] + a * s[o3 + i1]);
                        w += w3 * (r * wt[o3 + i0] + a * wt[o3 + i1]);
                    }
                }
            }
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
        if (_packed is not null) { DriftPacked(xs, ys, bx, by, fallbacks); return; }
        double[] fx = _sx, fy = _sy, wt = _weight, weights = _w;
        int nx = _x.N, ny = _y.N, cells = nx * ny, m = _m, first = _first;
        double sign = _sign, slope = _slope, cc = _c;
        var ax = _x; var ay = _y;
        for (int k = 0; k < xs.Length; k++)
        {
            double x = xs[k], y = ys[k];
            Interpolation.Bracket(x, ax.Lower, ax.H, nx, ax.Periodic, out int i0, out int i1, out double a);
            Interpolation.Bracket(y, ay.Lower, ay.H, ny, ay.Periodic, out int j0, out int j1, out double b);
            double sx = 0, sy = 0, w = 0;
            for (int q = 0; q < m; q++)
            {
                double c = weights[q];
                int o = (first + q) * cells;
                int c00 = o + i0 * ny + j0, c01 = o + i0 * ny + j1, c10 = o + i1 * ny + j0, c11 = o + i1 * ny + j1;
                sx += c * ((1 - a) * ((1 - b) * fx[c00] + b * fx[c01]) + a * ((1 - b) * fx[c10] + b * fx[c11]));
                sy += c * ((1 - a) * ((1 - b) * fy[c00] + b * fy[c01]) + a * ((1 - b) * fy[c10] + b * fy[c11]));
                w += c * ((1 - a) * ((1 - b) * wt[c00] + b * wt[c01]) + a * ((1 - b) * wt[c10] + b * wt[c11]));
            }
            fallbacks[k] += Fallback(w);
            double f = slope * x, g = slope * y;
            bx[k] = sign * f + cc * sx;
            by[k] = sign * g + cc * sy;
        }
    }

    // The 1D drift from the packed window: cell i holds (s, w) of snapshot q in lanes 2q, 2q + 1 of two Vector256s,
    // so r·v(i0) + a·v(i1) and the time weight's product are the scalar path's per lane; the sums over q are then
    // taken in the scalar path's order (from 0, q = 0, 1, ...) on (s, w) pairs in Vector128s.
    private void DriftPacked(ReadOnlySpan<double> xs, Span<double> b, Span<double> fallbacks)
    {
        int m = _m, stride = PackedScoreWindow.Stride(1, m);
        double sign = _sign, slope = _slope, cc = _c;
        var wlo = Vector256.Create(_w[0], _w[0], _w[1], _w[1]);
        var whi = Vector256.Create(_w[2], _w[2], _w[3], _w[3]);
        ref double p = ref MemoryMarshal.GetArrayDataReference(_packed!);
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
                var vr = Vector256.Create(1 - a); var va = Vector256.Create(a);
                ref double c0 = ref Unsafe.Add(ref p, c0s[k] * stride);
                ref double c1 = ref Unsafe.Add(ref p, c1s[k] * stride);
                var lo = wlo * (vr * Vector256.LoadUnsafe(ref c0) + va * Vector256.LoadUnsafe(ref c1));
                var acc = Vector128<double>.Zero + lo.GetLower();
                if (m > 1) acc += lo.GetUpper();
                if (m > 2)
                {
                    var hi = whi * (vr * Vector256.LoadUnsafe(ref c0, 4) + va * Vector256.LoadUnsafe(ref c1, 4));
                    acc += hi.GetLower();
                    if (m > 3) acc += hi.GetUpper();
                }
                double sx = acc.GetElement(0), w = acc.GetElement(1);
                int i = s0 + k;
                fallbacks[i] += Fallback(w);
                double f = slope * xs[i];
                b[i] = sign * f + cc * sx;
            }
        }
    }

    // The 2D drift from the packed window: cell c holds (sx, sy, w) of snapshot q at 3q, loaded as one Vector256 whose
    // fourth lane (the next value) is ignored, so each lane computes the scalar path's bilinear form and time sum.
    private void DriftPacked(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<double> bx, Span<double> by, Span<double> fallbacks)
    {
        int ny = _y.N, m = _m, stride = PackedScoreWindow.Stride(2, m);
        double sign = _sign, slope = _slope, cc = _c;
        Span<Vector256<double>> weights = stackalloc Vector256<double>[4];
        for (int q = 0; q < 4; q++) weights[q] = Vector256.Create(_w[q]);
        ref double p = ref MemoryMarshal.GetArrayDataReference(_packed!);
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
                ref double c00 = ref Unsafe.Add(ref p, (i0[k] * ny + j0[k]) * stride);
                ref double c01 = ref Unsafe.Add(ref p, (i0[k] * ny + j1[k]) * stride);
                ref double c10 = ref Unsafe.Add(ref p, (i1[k] * ny + j0[k]) * stride);
                ref double c11 = ref Unsafe.Add(ref p, (i1[k] * ny + j1[k]) * stride);
                var acc = Vector256<double>.Zero;
                for (int q = 0, o = 0; q < m; q++, o += 3)
                    acc += weights[q] * (ra * (rb * Vector256.LoadUnsafe(ref c00, (nuint)o) + vb * Vector256.LoadUnsafe(ref c01, (nuint)o))
                        + va * (rb * Vector256.LoadUnsafe(ref c10, (nuint)o) + vb * Vector256.LoadUnsafe(ref c11, (nuint)o)));
                double sx = acc.GetElement(0), sy = acc.GetElement(1), w = acc.GetElement(2);
                int i = s0 + k;
                fallbacks[i] += Fallback(w);
                double f = slope * xs[i], g = slope * ys[i];
                bx[i] = sign * f + cc * sx;
                by[i] = sign * g + cc * sy;
            }
        }
    }

    // Positions per batch of brackets (BracketBatch) in the packed drifts.
    private const int Block = 128;

    /// <summary>ParticleRhs.F's fallback count for a trust weight: 1 below 1 - slack, else 0. The field clamps its weight
    /// to [0, 1]; that does not move a weight across 1 - slack (and a NaN weight counts none either way), so it is not clamped
    /// here.</summary>
    /// <param name="w">Trust weight.</param>
    /// <returns>0 or 1.</returns>
    public static double Fallback(double w) => w < 1.0 - ParticleRhs.TrustWeightSlack ? 1.0 : 0.0;
}
