using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Tests.Particles;

/// <summary>The grid field's time weights tabulated once per step give the bits the field computes per evaluation.</summary>
public class StageTimeTableTests
{
    // Snapshot times unevenly spaced (so that the Lagrange weights are not symmetric), scores a smooth function of (x, y, t).
    private static readonly double[] Times = [0.0, 0.07, 0.2, 0.31, 0.55, 0.8, 1.0];

    private static GridScoreField<ArrayVec> Field(int dims, StageTimeTable? table)
    {
        var ax = new Axis(-3, 0.25, 24, 0);
        var ay = new Axis(-2, 0.5, 8, 0);
        int cells = dims == 1 ? 24 : 24 * 8;
        double[] sx = new double[Times.Length * cells], sy = new double[Times.Length * cells], w = new double[Times.Length * cells];
        for (int k = 0; k < Times.Length; k++)
            for (int c = 0; c < cells; c++)
            {
                sx[k * cells + c] = Math.Sin(0.3 * c + 2 * Times[k]);
                sy[k * cells + c] = Math.Cos(0.2 * c - Times[k]);
                w[k * cells + c] = c % 5 == 0 ? 0.5 : 1.0;
            }
        var none = new ArrayVec([0.0]);
        return new GridScoreField<ArrayVec>(ax, ay, dims, Times.Length, new ArrayVec(Times), new ArrayVec(sx), new ArrayVec(sy), new ArrayVec(w),
            0, none, none, none, none, table is null ? none : new ArrayVec(table.Rows), table is null ? 0 : StageTimeTable.Slots);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void TabulatedWeightsGiveTheComputedBits(int dims, bool reverse)
    {
        var table = new StageTimeTable(Times, reverse, 1.0);
        var tabulated = Field(dims, table);
        var computed = Field(dims, null);
        int hits = 0;
        foreach (double tau in new[] { 0.0, 0.013, 0.29, 0.5, 0.77 })
        {
            const double h = 0.0371;
            table.Fill(tau, h);
            // The stage times as the integrators write them, and one that is not in the table (computed by the kernel).
            foreach (double clock in new[] { tau, tau + 0.5 * h, tau + 0.75 * h, tau + h, tau + 0.3 * h })
            {
                double t = reverse ? 1.0 - clock : clock;
                if (Array.IndexOf(table.Rows, t) >= 0) hits++;
                for (double x = -3.4; x < 3.5; x += 0.37)
                {
                    double w1 = tabulated.Score(x, 0.3 * x, t, out double ax, out double ay);
                    double w2 = computed.Score(x, 0.3 * x, t, out double bx, out double by);
                    Assert.Equal(w2, w1);
                    Assert.Equal(bx, ax);
                    Assert.Equal(by, ay);
                }
            }
        }
        Assert.Equal(5 * 4, hits); // every stage time was found in the table
    }

    [Fact]
    public void AStaleTableIsDetected()
    {
        // Negative control for the comparison: a table filled for another step, whose rows are forced onto this step's
        // times, gives other scores, so the bitwise check above can fail.
        var table = new StageTimeTable(Times, false, 1.0);
        table.Fill(0.1, 0.05);
        table.Rows[0] = 0.6; // t = 0.6 now reads the weights of t = 0.1
        var stale = Field(1, table);
        var computed = Field(1, null);
        stale.Score(0.4, 0, 0.6, out double a, out _);
        computed.Score(0.4, 0, 0.6, out double b, out _);
        Assert.NotEqual(b, a);
    }
}
