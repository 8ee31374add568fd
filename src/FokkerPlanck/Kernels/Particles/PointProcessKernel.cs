namespace FokkerPlanck.Kernels.Particles;

/// <summary>The particle form of a pointwise process (<see cref="IPointProcess"/>).</summary>
/// <typeparam name="TProcess">The process functor.</typeparam>
internal readonly struct PointProcessKernel<TProcess> : IProcessKernel where TProcess : struct, IPointProcess
{
    public PointProcessKernel(TProcess process) { Process = process; }

    public TProcess Process { get; }

    public double G(double t) => Process.G(t);

    public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy) =>
        Process.Drift(x, y, t, out fx, out fy, out jxx, out jxy, out jyx, out jyy);

    /// <inheritdoc />
    public bool LinearDrift(double t, out double a)
    {
        a = 0;
        return false;
    }
}
