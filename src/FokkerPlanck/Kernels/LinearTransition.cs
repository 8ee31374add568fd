namespace FokkerPlanck.Kernels;

/// <summary>The transition of a linear schedule between two times, written once for the host and the kernels.</summary>
public static class LinearTransition
{
    /// <summary>X_t = m X_s + sqrt(v) Z with m = m(t)/m(s) and v = v(t) - m² v(s) (clamped at 0).</summary>
    /// <typeparam name="TSchedule">The schedule.</typeparam>
    /// <param name="schedule">The schedule.</param>
    /// <param name="s">Start time.</param>
    /// <param name="t">End time (≥ s).</param>
    /// <param name="m">Receives the mean factor.</param>
    /// <param name="v">Receives the added variance.</param>
    public static void Between<TSchedule>(in TSchedule schedule, double s, double t, out double m, out double v)
        where TSchedule : struct, ILinearSchedule
    {
        m = schedule.MeanFactor(t) / schedule.MeanFactor(s);
        v = Math.Max(0.0, schedule.AddedVariance(t) - m * m * schedule.AddedVariance(s));
    }
}
