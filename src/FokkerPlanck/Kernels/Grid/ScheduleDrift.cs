namespace FokkerPlanck.Kernels.Grid;

/// <summary>f = a(t) x of a linear schedule at a face: a(t) times the face midpoint, which is exact for a linear drift.</summary>
/// <typeparam name="TSchedule">The schedule.</typeparam>
public readonly struct ScheduleDrift<TSchedule> : IFaceDrift1D, IFaceDrift2D, IAutonomousDrift
    where TSchedule : struct, ILinearSchedule
{
    private readonly TSchedule _schedule;

    /// <summary>Wraps a schedule.</summary>
    /// <param name="schedule">The schedule.</param>
    public ScheduleDrift(TSchedule schedule) { _schedule = schedule; }

    /// <summary>True when a(t) does not depend on t.</summary>
    public bool IsAutonomous => _schedule.DriftIsConstant;

    /// <inheritdoc />
    public double Face(double xl, double xr, double auxL, double auxR, double t) => _schedule.A(t) * (0.5 * (xl + xr));

    /// <inheritdoc />
    public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => _schedule.A(t) * (0.5 * (xl + xr));

    /// <inheritdoc />
    public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => _schedule.A(t) * (0.5 * (yl + yr));
}
