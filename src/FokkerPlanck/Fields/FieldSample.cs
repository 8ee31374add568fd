namespace FokkerPlanck.Fields;

/// <summary>Fields at one point and time. 1D uses the X components only.</summary>
/// <param name="ScoreX">Score, x-component.</param>
/// <param name="ScoreY">Score, y-component (2D).</param>
/// <param name="VelocityX">PF velocity, x-component.</param>
/// <param name="VelocityY">PF velocity, y-component (2D).</param>
/// <param name="Weight">Trust weight (1 = fully from the grid).</param>
public readonly record struct FieldSample(double ScoreX, double ScoreY, double VelocityX, double VelocityY, double Weight)
{
    /// <summary>Whether the value came from the grid alone (no fallback). Interpolated weights of fully trusted cells sum to
    /// 1 only up to round-off, hence the margin.</summary>
    public bool Trusted => Weight >= 1.0 - Kernels.Particles.ParticleRhs.TrustWeightSlack;
}
