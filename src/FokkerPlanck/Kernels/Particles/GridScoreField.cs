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
        // Time first, then space: each corner's value is the time sum InTime, then the corners are combined linearly
        // (bilinearly) — the order in which a host batch path can take the time sums once per stage for every cell.
        double c0 = TimeWeightAt(row, first, m, 0, t), c1 = m > 1 ? TimeWeightAt(row, first, m, 1, t) : 0.0;
        double c2 = m > 2 ? TimeWeightAt(row, first, m, 2, t) : 0.0, c3 = m > 3 ? TimeWeightAt(row, first, m, 3, t) : 0.0;
        Interpolation.Bracket(x, X.Lower, X.H, X.N, X.Periodic, out int i0, out int i1, out double a);
        sx = 0; sy = 0; jxy = 0; jyx = 0; jyy = 0;
        double w;
        if (Dims == 1)
        {
            int cells = X.N, o = first * cells;
            double s0 = InTime(ScoreX, o + i0, cells, m, c0, c1, c2, c3), s1 = InTime(ScoreX, o + i1, cells, m, c0, c1, c2, c3);
            sx = (1 - a) * s0 + a * s1;
            jxx = HasJacobian != 0
                ? (1 - a) * InTime(Jxx, o + i0, cells, m, c0, c1, c2, c3) + a * InTime(Jxx, o + i1, cells, m, c0, c1, c2, c3)
                : (s1 - s0) / X.H;
            w = (1 - a) * InTime(Weight, o + i0, cells, m, c0, c1, c2, c3) + a * InTime(Weight, o + i1, cells, m, c0, c1, c2, c3);
        }
        else
        {
            Interpolation.Bracket(y, Y.Lower, Y.H, Y.N, Y.Periodic, out int j0, out int j1, out double b);
            int ny = Y.N, cells = X.N * ny, o = first * cells;
            int c00 = o + i0 * ny + j0, c01 = o + i0 * ny + j1, c10 = o + i1 * ny + j0, c11 = o + i1 * ny + j1;
            double x00 = InTime(ScoreX, c00, cells, m, c0, c1, c2, c3), x01 = InTime(ScoreX, c01, cells, m, c0, c1, c2, c3);
            double x10 = InTime(ScoreX, c10, cells, m, c0, c1, c2, c3), x11 = InTime(ScoreX, c11, cells, m, c0, c1, c2, c3);
            double y00 = InTime(ScoreY, c00, cells, m, c0, c1, c2, c3), y01 = InTime(ScoreY, c01, cells, m, c0, c1, c2, c3);
            double y10 = InTime(ScoreY, c10, cells, m, c0, c1, c2, c3), y11 = InTime(ScoreY, c11, cells, m, c0, c1, c2, c3);
            sx = Bilinear(a, b, x00, x01, x10, x11);
            sy = Bilinear(a, b, y00, y01, y10, y11);
            if (HasJacobian != 0)
            {
                jxx = Bilinear(Jxx, a, b, c00, c01, c10, c11, cells, m, c0, c1, c2, c3);
                jxy = Bilinear(Jxy, a, b, c00, c01, c10, c11, cells, m, c0, c1, c2, c3);
                jyx = Bilinear(Jyx, a, b, c00, c01, c10, c11, cells, m, c0, c1, c2, c3);
                jyy = Bilinear(Jyy, a, b, c00, c01, c10, c11, cells, m, c0, c1, c2, c3);
            }
            else
            {
                jxx = ((1 - b) * (x10 - x00) + b * (x11 - x01)) / X.H;
                jxy = ((1 - a) * (x01 - x00) + a * (x11 - x10)) / Y.H;
                jyx = ((1 - b) * (y10 - y00) + b * (y11 - y01)) / X.H;
                jyy = ((1 - a) * (y01 - y00) + a * (y11 - y10)) / Y.H;
            }
            w = Bilinear(Weight, a, b, c00, c01, c10, c11, cells, m, c0, c1, c2, c3);
        }
        return w < 0 ? 0 : w > 1 ? 1 : w;
    }

    /// <summary>The time sum of one cell over the window, from 0 in snapshot order: ((0 + c0 f₀) + c1 f₁) + …, the m
    /// snapshots at cell, cell + cells, …. Host batch paths that take these sums once per stage for every cell
    /// (Backends.TimeSummedWindow) use the same operations, so the same bits.</summary>
    /// <param name="f">A field over all snapshots.</param>
    /// <param name="cell">Index of the cell in the window's first snapshot.</param>
    /// <param name="cells">Cells per snapshot.</param>
    /// <param name="m">Snapshots in the window (1 to 4).</param>
    /// <param name="c0">Weight of the first.</param>
    /// <param name="c1">Weight of the second.</param>
    /// <param name="c2">Weight of the third.</param>
    /// <param name="c3">Weight of the fourth.</param>
    /// <returns>The sum.</returns>
    public static double InTime(TVec f, int cell, int cells, int m, double c0, double c1, double c2, double c3)
    {
        double v = 0;
        v += c0 * f[cell];
        if (m > 1)
        {
            v += c1 * f[cell + cells];
            if (m > 2)
            {
                v += c2 * f[cell + 2 * cells];
                if (m > 3) v += c3 * f[cell + 3 * cells];
            }
        }
        return v;
    }

    /// <summary>The bilinear form (1 - a)((1 - b) v00 + b v01) + a((1 - b) v10 + b v11).</summary>
    /// <param name="a">Weight of the second x cell.</param>
    /// <param name="b">Weight of the second y cell.</param>
    /// <param name="v00">Value at (i0, j0).</param>
    /// <param name="v01">Value at (i0, j1).</param>
    /// <param name="v10">Value at (i1, j0).</param>
    /// <param name="v11">Value at (i1, j1).</param>
    /// <returns>The interpolated value.</returns>
    public static double Bilinear(double a, double b, double v00, double v01, double v10, double v11) =>
        (1 - a) * ((1 - b) * v00 + b * v01) + a * ((1 - b) * v10 + b * v11);

    private static double Bilinear(TVec f, double a, double b, int c00, int c01, int c10, int c11, int cells, int m,
        double c0, double c1, double c2, double c3) =>
        Bilinear(a, b, InTime(f, c00, cells, m, c0, c1, c2, c3), InTime(f, c01, cells, m, c0, c1, c2, c3),
            InTime(f, c10, cells, m, c0, c1, c2, c3), InTime(f, c11, cells, m, c0, c1, c2, c3));
}
