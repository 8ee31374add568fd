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


    public GridScoreStage(double sign, double slope, double c, double t, GridScoreField<ArrayVec> field)
    {
        _sign = sign; _slope = slope; _c = c;
        _x = field.X; _y = field.Y; Dims = field.Dims;
        _sx = field.ScoreX.Array; _sy = field.ScoreY.Array; _weight = field.Weight.Array;
        _first = field.WindowAt(t, out _m, _w);
    }

    /// <summary>The stage of a model at clock time τ, or null where its drift is not of this form.</summary>
    /// <typeparam name="TModel">Particle model.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="tau">Clock time.</param>
    /// <returns>The stage, or null.</returns>
    public static GridScoreStage? Of<TModel>(TModel model, double tau) where TModel : struct, IParticleModel =>
        model.GridScoreDrift<ArrayVec>(tau, out double sign, out double slope, out double c, out double t, out var field)
            ? new GridScoreStage(sign, slope, c, t, field) : null;

    /// <summary>1 or 2.</summary>
    public int Dims { get; }

    /// <summary>The drift at each x (1D), with each evaluation's fallback (0 or 1: trust weight below 1 - slack, the
    /// weight clamped to [0, 1] as the field returns it) added to fallbacks.</summary>
    /// <param name="xs">Positions.</param>
    /// <param name="b">Drift at each.</param>
    /// <param name="fallbacks">Running fallback count of each.</param>
    public void Drift(ReadOnlySpan<double> xs, Span<double> b, Span<double> fallbacks)
    {
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
            w = w < 0 ? 0 : w > 1 ? 1 : w;
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
            w = w < 0 ? 0 : w > 1 ? 1 : w;
            fallbacks[k] += Fallback(w);
            double f = slope * x, g = slope * y;
            bx[k] = sign * f + cc * sx;
            by[k] = sign * g + cc * sy;
        }
    }

    /// <summary>ParticleRhs.F's fallback count for a trust weight: 1 below 1 - slack, else 0.</summary>
    /// <param name="w">Clamped trust weight.</param>
    /// <returns>0 or 1.</returns>
    public static double Fallback(double w) => w < 1.0 - ParticleRhs.TrustWeightSlack ? 1.0 : 0.0;
}
