using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Model;

/// <summary>A process with linear drift f = a(t) x and Gaussian transitions X_t = m X_s + sqrt(v) Z. Its formulas are
/// those of a schedule struct (<see cref="LinearProcess{TSchedule}"/>), which the kernels run too.</summary>
public abstract class LinearProcess : Process
{
    /// <summary>Mean factor m(t) of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>m(t).</returns>
    public abstract double MeanFactor(double t);

    /// <summary>Added variance v(t) of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>v(t).</returns>
    public abstract double AddedVariance(double t);

    /// <summary>Transition from s to t: X_t = m X_s + sqrt(v) Z, with m = m(t)/m(s) and v = v(t) - m² v(s).</summary>
    /// <param name="s">Start time.</param>
    /// <param name="t">End time (≥ s).</param>
    /// <returns>The pair (m, v).</returns>
    public abstract (double M, double V) Transition(double s, double t);

    /// <summary>Hands the particle engine (or any other kernel user) this process's schedule struct.</summary>
    /// <typeparam name="TResult">What the user returns.</typeparam>
    /// <param name="user">The user.</param>
    /// <returns>The user's result.</returns>
    public abstract TResult UseSchedule<TResult>(IScheduleUser<TResult> user);
}

/// <summary>
/// A linear process whose every formula is its schedule struct's: the host's drift, g, m and v here, the grid's face drift
/// (<see cref="ScheduleDrift{TSchedule}"/>) and the particle kernels all call the same methods. A new schedule is its
/// struct and a subclass of this (one file), plus its line in the scenario registry.
/// </summary>
/// <typeparam name="TSchedule">The schedule struct.</typeparam>
public abstract class LinearProcess<TSchedule> : LinearProcess where TSchedule : struct, ILinearSchedule
{
    /// <summary>Creates the process.</summary>
    /// <param name="schedule">Its schedule (parameters already checked).</param>
    protected LinearProcess(TSchedule schedule) { Schedule = schedule; }

    /// <summary>The schedule struct.</summary>
    public TSchedule Schedule { get; }

    /// <summary>The kernel functor of this drift.</summary>
    public ScheduleDrift<TSchedule> FaceDrift => new(Schedule);

    /// <inheritdoc />
    public override TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Dimension == 2 ? user.Use2D(FaceDrift, null) : user.Use1D(FaceDrift, null);
    }

    /// <inheritdoc />
    public override TResult UseSchedule<TResult>(IScheduleUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Use(Schedule);
    }

    /// <inheritdoc />
    public override double G(double t) => Schedule.G(t);

    /// <inheritdoc />
    public override double MeanFactor(double t) => Schedule.MeanFactor(t);

    /// <inheritdoc />
    public override double AddedVariance(double t) => Schedule.AddedVariance(t);

    /// <inheritdoc />
    public override (double M, double V) Transition(double s, double t)
    {
        LinearTransition.Between(Schedule, s, t, out double m, out double v);
        return (m, v);
    }

    /// <inheritdoc />
    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f)
    {
        double a = Schedule.A(t);
        for (int d = 0; d < x.Length; d++) f[d] = a * x[d];
    }
}
