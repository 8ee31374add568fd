namespace FokkerPlanck.Kernels.Particles;

/// <summary>Kernel functor of a forward process dX = f(X, t) dt + g(t) dW (ILGPU-compatible readonly struct):
/// the drift, its Jacobian and the noise amplitude. 1D uses the x components only.</summary>
internal interface IProcessKernel
{
    /// <summary>f(x, y, t) and its Jacobian ∂f_a/∂x_b.</summary>
    void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy);

    /// <summary>g(t).</summary>
    double G(double t);

    /// <summary>Whether f(x, t) = a(t)·x on every axis, computed as that one product (a linear schedule), and a(t); false
    /// (and 0) for any other drift.</summary>
    /// <param name="t">Process time.</param>
    /// <param name="a">a(t).</param>
    /// <returns>Whether the drift is that linear map.</returns>
    bool LinearDrift(double t, out double a);
}
