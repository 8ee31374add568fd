namespace FokkerPlanck.Kernels.Particles;

/// <summary>Overdamped Langevin towards a Gaussian-mixture target π as a kernel functor: f = ½ sigma² ∇ log π (the
/// mixture's exact score, static in time), g = sigma.</summary>
internal readonly struct LangevinKernel<TVec> : IProcessKernel where TVec : struct, IVec
{
    public LangevinKernel(MixtureScoreField<TVec, FrozenSchedule> target, double sigma) { Target = target; Sigma = sigma; }

    public MixtureScoreField<TVec, FrozenSchedule> Target { get; }
    public double Sigma { get; }

    public double G(double t) => Sigma;

    public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        double c = 0.5 * Sigma * Sigma;
        Target.ScoreJacobian(x, y, 0.0, out double sx, out double sy, out double sxx, out double sxy, out double syx, out double syy);
        fx = c * sx; fy = c * sy; jxx = c * sxx; jxy = c * sxy; jyx = c * syx; jyy = c * syy;
    }

    /// <inheritdoc />
    public bool LinearDrift(double t, out double a)
    {
        a = 0;
        return false;
    }
}
