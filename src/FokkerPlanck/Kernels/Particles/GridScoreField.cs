namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// The grid score of <see cref="Fields.GridFields"/> as a kernel functor: cell-centre scores of every snapshot,
/// linear (1D) / bilinear (2D) in space and cubic Lagrange in time (<see cref="Interpolation"/>), the same rule as
/// <see cref="Fields.FieldSampler"/>. The Jacobian: with <see cref="HasJacobian"/> the grid's own cell-centre Jacobian
/// (centred differences of the centre scores, second order) interpolated the same way; otherwise the derivative of the
/// interpolant, which is piecewise constant and only first order in h. Layout: snapshot k, cell c at k * cells + c
/// (2D cell index i * ny + j); Jacobian components xx, xy, yx, yy in Jxx.. (1D: Jxx only).
/// <para>
/// The time weights are the same for every particle at a given time, so the host may tabulate them once per step for
/// the step's stage times (<see cref="TimeTable"/>, <see cref="TimeSlots"/> rows of <see cref="TimeRow"/> values:
/// t, first snapshot, count, four weights), computed by the same code as here: an evaluation at a tabulated time reads
/// the row and gets the same bits; any other time (an adaptive step's) computes its weights itself.
/// </para>
/// </summary>
internal readonly struct GridScoreField<TVec> : IScoreField where TVec : struct, IVec
{
    public GridScoreField(Axis x, Axis y, int dims, int snapshots, TVec times, TVec scoreX, TVec scoreY, TVec weight,
        int hasJacobian, TVec jxx, TVec jxy, TVec jyx, TVec jyy, TVec timeTable, int timeSlots)
    {
        X = x; Y = y; Dims = dims; Snapshots = snapshots; Times = times; ScoreX = scoreX; ScoreY = scoreY; Weight = weight;
        HasJacobian = hasJacobian; Jxx = jxx; Jxy = jxy; Jyx = jyx; Jyy = jyy; TimeTable = timeTable; TimeSlots = timeSlots;
    }

    /// <summary>Values per row of <see cref="TimeTable"/>: t, first snapshot, snapshots used (m ≤ 4), four weights.</summary>
    public const int TimeRow = 7;

    /// <summary>Tabulated time weights (<see cref="TimeSlots"/> rows); rows whose t is NaN match no time.</summary>
    public TVec TimeTable { get; }

    /// <summary>Rows of <see cref="TimeTable"/> (0: none).</summary>
    public int TimeSlots { get; }

    /// <summary>Fills one row of a time table for time t, with the weights <see cref="ScoreJacobian"/> would compute.</summary>
    /// <param name="times">Snapshot times.</param>
    /// <param name="snapshots">Number of snapshots.</param>
    /// <param name="t">Field time.</param>
    /// <param name="row">The row's TimeRow values.</param>
    public static void Tabulate(TVec times, int snapshots, double t, Span<double> row)
    {
        int first = Interpolation.FirstSnapshot(times, snapshots, t, out int m);
        row[0] = t; row[1] = first; row[2] = m;
        for (int q = 0; q < 4; q++) row[3 + q] = q < m ? Interpolation.TimeWeight(times, first, m, q, t) : 0.0;
    }

    // The snapshot range and the weight of snapshot first + q at time t: from the table when t is a row's time.
    private int Window(double t, out int m, out int row)
    {
        for (int r = 0; r < TimeSlots; r++)
            if (TimeTable[r * TimeRow] == t)
            {
                row = r * TimeRow;
                m = (int)TimeTable[row + 2];
                return (int)TimeTable[row + 1];
            }
        row = -1;
        return Interpolation.FirstSnapshot(Times, Snapshots, t, out m);
    }

    private double TimeWeightAt(int row, int first, int m, int q, double t) =>
        row >= 0 ? TimeTable[row + 3 + q] : Interpolation.TimeWeight(Times, first, m, q, t);

    /// <summary>The snapshots <see cref="ScoreJacobian"/> combines at time t and their weights (the same values): first
    /// snapshot, count m ≤ 4, weights of snapshots first..first + m - 1 (0 past m). For host batch paths that evaluate
    /// the field for many particles at one time.</summary>
    /// <param name="t">Field time.</param>
    /// <param name="m">Snapshots used.</param>
    /// <param name="weights">Their weights (four values).</param>
    /// <returns>The first snapshot.</returns>
    public int WindowAt(double t, out int m, Span<double> weights)
    {
        int first = Window(t, out m, out int row);
        for (int q = 0; q < 4; q++) weights[q] = q < m ? TimeWeightAt(row, first, m, q, t) : 0.0;
        return first;
    }

    public int HasJacobian { get; }
    public TVec Jxx { get; }
    public TVec Jxy { get; }
    public TVec Jyx { get; }
    public TVec Jyy { get; }

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
        int first = Window(t, out int m, out int row);
        Interpolation.Bracket(x, X.Lower, X.H, X.N, X.Periodic, out int i0, out int i1, out double a);
        sx = 0; sy = 0; jxx = 0; jxy = 0; jyx = 0; jyy = 0;
        double w = 0;
        if (Dims == 1)
        {
            int cells = X.N;
            for (int q = 0; q < m; q++)
            {
                double c = TimeWeightAt(row, first, m, q, t);
                int o = (first + q) * cells;
                double s0 = ScoreX[o + i0], s1 = ScoreX[o + i1];
                sx += c * ((1 - a) * s0 + a * s1);
                jxx += HasJacobian != 0 ? c * ((1 - a) * Jxx[o + i0] + a * Jxx[o + i1]) : c * (s1 - s0) / X.H;
                w += c * ((1 - a) * Weight[o + i0] + a * Weight[o + i1]);
            }
        }
        else
        {
            Interpolation.Bracket(y, Y.Lower, Y.H, Y.N, Y.Periodic, out int j0, out int j1, out double b);
            int ny = Y.N, cells = X.N * ny;
            for (int q = 0; q < m; q++)
            {
                double c = TimeWeightAt(row, first, m, q, t);
                int o = (first + q) * cells;
                int c00 = o + i0 * ny + j0, c01 = o + i0 * ny + j1, c10 = o + i1 * ny + j0, c11 = o + i1 * ny + j1;
                double x00 = ScoreX[c00], x01 = ScoreX[c01], x10 = ScoreX[c10], x11 = ScoreX[c11];
                double y00 = ScoreY[c00], y01 = ScoreY[c01], y10 = ScoreY[c10], y11 = ScoreY[c11];
                sx += c * ((1 - a) * ((1 - b) * x00 + b * x01) + a * ((1 - b) * x10 + b * x11));
                sy += c * ((1 - a) * ((1 - b) * y00 + b * y01) + a * ((1 - b) * y10 + b * y11));
                if (HasJacobian != 0)
                {
                    jxx += c * Bilinear(Jxx, a, b, c00, c01, c10, c11); jxy += c * Bilinear(Jxy, a, b, c00, c01, c10, c11);
                    jyx += c * Bilinear(Jyx, a, b, c00, c01, c10, c11); jyy += c * Bilinear(Jyy, a, b, c00, c01, c10, c11);
                }
                else
                {
                    jxx += c * ((1 - b) * (x10 - x00) + b * (x11 - x01)) / X.H;
                    jxy += c * ((1 - a) * (x01 - x00) + a * (x11 - x10)) / Y.H;
                    jyx += c * ((1 - b) * (y10 - y00) + b * (y11 - y01)) / X.H;
                    jyy += c * ((1 - a) * (y01 - y00) + a * (y11 - y10)) / Y.H;
                }
                w += c * Bilinear(Weight, a, b, c00, c01, c10, c11);
            }
        }
        return w < 0 ? 0 : w > 1 ? 1 : w;
    }

    private static double Bilinear(TVec f, double a, double b, int c00, int c01, int c10, int c11) =>
        (1 - a) * ((1 - b) * f[c00] + b * f[c01]) + a * ((1 - b) * f[c10] + b * f[c11]);
}
