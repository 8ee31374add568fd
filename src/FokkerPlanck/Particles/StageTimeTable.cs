using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Particles;

/// <summary>
/// The grid field's time weights for one step's stage times, computed once on the host instead of once per particle and
/// evaluation (<see cref="GridScoreField{TVec}.TimeTable"/>). The stage clock times are those the fixed-step integrators
/// evaluate at, written as they write them: τ, τ + 0.5h (RK4), τ + 0.75h (SRA1), τ + h (Heun, RK4, SRA1); each becomes a
/// field time as the particle models turn it into one (t = TEnd - τ in reverse, else τ). A time not in the table (an
/// adaptive integrator's) is computed by the kernel itself, so the table changes speed, never results.
/// </summary>
internal sealed class StageTimeTable
{
    /// <summary>Rows of the table: one per stage time.</summary>
    public const int Slots = 4;

    private readonly double[] _times;
    private readonly bool _reverse;
    private readonly double _tEnd;

    /// <param name="times">The field's snapshot times.</param>
    /// <param name="reverse">Whether the particles run in τ = TEnd - t.</param>
    /// <param name="tEnd">TEnd.</param>
    public StageTimeTable(double[] times, bool reverse, double tEnd)
    {
        _times = times; _reverse = reverse; _tEnd = tEnd;
        Array.Fill(Rows, double.NaN); // matches no time until filled
    }

    /// <summary>The table (Slots × <see cref="GridScoreField{TVec}.TimeRow"/> values), as the kernel reads it.</summary>
    public double[] Rows { get; } = new double[Slots * GridScoreField<ArrayVec>.TimeRow];

    /// <summary>The table's device copy, uploaded after each <see cref="Fill"/>.</summary>
    public IDeviceVector? Device { get; set; }

    /// <summary>Tabulates the stage times of the step from clock time tau of size h.</summary>
    /// <param name="tau">Clock time at the start of the step.</param>
    /// <param name="h">Step size (StepArgs.H).</param>
    public void Fill(double tau, double h)
    {
        Row(0, tau);
        Row(1, tau + 0.5 * h);
        Row(2, tau + 0.75 * h);
        Row(3, tau + h);
    }

    // One row, for the stage at clock time `clock` (no allocation: this runs every step).
    private void Row(int r, double clock)
    {
        const int width = GridScoreField<ArrayVec>.TimeRow;
        GridScoreField<ArrayVec>.Tabulate(new ArrayVec(_times), _times.Length, _reverse ? _tEnd - clock : clock, Rows.AsSpan(r * width, width));
    }
}
