namespace FokkerPlanck.Kernels.Particles;

/// <summary>Kernel functor: the score ∇ log p_t at a point (ILGPU-compatible readonly struct). 1D fields leave the y
/// components 0. The returned value is the trust weight (1: the value came from the grid alone or is exact).</summary>
internal interface IScoreField
{
    /// <summary>Score at (x, y, t); returns the trust weight.</summary>
    double Score(double x, double y, double t, out double sx, out double sy);

    /// <summary>Score and its Jacobian ∂s_a/∂x_b at (x, y, t); returns the trust weight.</summary>
    double ScoreJacobian(double x, double y, double t, out double sx, out double sy, out double jxx, out double jxy, out double jyx, out double jyy);
}
