namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Kernel functor (ILGPU-compatible) of a position-dependent scalar diffusion D(x, t) (1D: y is 0), in the Itô convention
/// of the scenario's <c>sde</c> process: dX = f dt + sqrt(2 D(X, t)) dW, so that ∂p/∂t = −∇·(f p) + Δ(D p). The face
/// rates then use <see cref="FaceRateKernels"/>' diffusing form (Scharfetter–Gummel on q = D p with the drift f / D).
/// </summary>
public interface IPointDiffusion
{
    /// <summary>D(x, y, t) &gt; 0 and its gradient.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate (0 in 1D).</param>
    /// <param name="t">Time.</param>
    /// <param name="dx">∂D/∂x.</param>
    /// <param name="dy">∂D/∂y.</param>
    /// <returns>D.</returns>
    double Diffusion(double x, double y, double t, out double dx, out double dy);
}
