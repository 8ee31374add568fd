namespace FokkerPlanck.Kernels;

/// <summary>
/// Kernel functor of a process given pointwise (ILGPU-compatible readonly struct): the drift f(x, y, t) with its Jacobian
/// ∂f_a/∂x_b, and the noise amplitude g(t). A process compiled from a scenario's drift expressions implements it (with
/// its Jacobian exact by dual numbers); 1D uses the x components only.
/// </summary>
public interface IPointProcess
{
    /// <summary>f(x, y, t) and its Jacobian.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate (ignored in 1D).</param>
    /// <param name="t">Time.</param>
    /// <param name="fx">Receives f_x.</param>
    /// <param name="fy">Receives f_y (0 in 1D).</param>
    /// <param name="jxx">Receives ∂f_x/∂x.</param>
    /// <param name="jxy">Receives ∂f_x/∂y.</param>
    /// <param name="jyx">Receives ∂f_y/∂x.</param>
    /// <param name="jyy">Receives ∂f_y/∂y.</param>
    void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy);

    /// <summary>g(t) ≥ 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>g(t).</returns>
    double G(double t);
}
