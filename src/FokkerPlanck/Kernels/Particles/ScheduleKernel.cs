namespace FokkerPlanck.Kernels.Particles;

/// <summary>The particle form of a linear schedule: f = a(t) x, Jacobian a(t) I, noise g(t).</summary>
/// <typeparam name="TSchedule">The schedule.</typeparam>
internal readonly struct ScheduleKernel<TSchedule> : IProcessKernel where TSchedule : struct, ILinearSchedule
{
    public ScheduleKernel(TSchedule schedule) { Schedule = schedule; }

    public TSchedule Schedule { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double G(double t) => Schedule.G(t);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool LinearDrift(double t, out double a)
    {
        a = Schedule.A(t);
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        double a = Schedule.A(t);
        fx = a * x; fy = a * y;
        jxx = a; jxy = 0; jyx = 0; jyy = a;
    }
}
