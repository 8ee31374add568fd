using FokkerPlanck.Discretization.Kernels;

namespace FokkerPlanck.Particles.Kernels;

/// <summary>
/// The grid score of <see cref="Fields.GridFields"/> as a kernel functor: cell-centre scores of every snapshot,
/// linear (1D) / bilinear (2D) in space and cubic Lagrange in time (<see cref="Interpolation"/>), the same rule as
/// <see cref="Fields.FieldSampler"/>. The Jacobian is that of the interpolant (so a likelihood integrates the divergence
/// of the very field the particles follow). Layout: snapshot k, cell c at k * cells + c (2D cell index i * ny + j).
/// </summary>
internal readonly struct GridScoreField<TVec> : IScoreField where TVec : struct, IVec
{
    public GridScoreField(Axis x, Axis y, int dims, int snapshots, TVec times, TVec scoreX, TVec scoreY, TVec weight)
    {
        X = x; Y = y; Dims = dims; Snapshots = snapshots; Times = times; ScoreX = scoreX; ScoreY = scoreY; Weight = weight;
    }

    public Axis X { get; }
    public Axis Y { get; }
    public int Dims { get; }
    public int Snapshots { get; }
    public TVec Times { get; }
    public TVec ScoreX { get; }
    public TVec ScoreY { get; }
    public TVec Weight { get; }

    public double Score(double x, double y, double t, out double sx, out double sy) =>
        ScoreJacobian(x, y, t, out sx, out sy, out _, out _, out _, out _);

    public double ScoreJacobian(double x, double y, double t, out double sx, out double sy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        int first = Interpolation.FirstSnapshot(Times, Snapshots, t, out int m);
        Interpolation.Bracket(x, X.Lower, X.H, X.N, X.Periodic, out int i0, out int i1, out double a);
        sx = 0; sy = 0; jxx = 0; jxy = 0; jyx = 0; jyy = 0;
        double w = 0;
        if (Dims == 1)
        {
            int cells = X.N;
            for (int q = 0; q < m; q++)
            {
                double c = Interpolation.TimeWeight(Times, first, m, q, t);
                int o = (first + q) * cells;
                double s0 = ScoreX[o + i0], s1 = ScoreX[o + i1];
                sx += c * ((1 - a) * s0 + a * s1);
                jxx += c * (s1 - s0);
                w += c * ((1 - a) * Weight[o + i0] + a * Weight[o + i1]);
            }
            jxx /= X.H;
        }
        else
        {
            Interpolation.Bracket(y, Y.Lower, Y.H, Y.N, Y.Periodic, out int j0, out int j1, out double b);
            int ny = Y.N, cells = X.N * ny;
            for (int q = 0; q < m; q++)
            {
                double c = Interpolation.TimeWeight(Times, first, m, q, t);
                int o = (first + q) * cells;
                int c00 = o + i0 * ny + j0, c01 = o + i0 * ny + j1, c10 = o + i1 * ny + j0, c11 = o + i1 * ny + j1;
                double x00 = ScoreX[c00], x01 = ScoreX[c01], x10 = ScoreX[c10], x11 = ScoreX[c11];
                double y00 = ScoreY[c00], y01 = ScoreY[c01], y10 = ScoreY[c10], y11 = ScoreY[c11];
                sx += c * ((1 - a) * ((1 - b) * x00 + b * x01) + a * ((1 - b) * x10 + b * x11));
                sy += c * ((1 - a) * ((1 - b) * y00 + b * y01) + a * ((1 - b) * y10 + b * y11));
                jxx += c * ((1 - b) * (x10 - x00) + b * (x11 - x01));
                jxy += c * ((1 - a) * (x01 - x00) + a * (x11 - x10));
                jyx += c * ((1 - b) * (y10 - y00) + b * (y11 - y01));
                jyy += c * ((1 - a) * (y01 - y00) + a * (y11 - y10));
                w += c * ((1 - a) * ((1 - b) * Weight[c00] + b * Weight[c01]) + a * ((1 - b) * Weight[c10] + b * Weight[c11]));
            }
            jxx /= X.H; jyx /= X.H; jxy /= Y.H; jyy /= Y.H;
        }
        return w < 0 ? 0 : w > 1 ? 1 : w;
    }
}
