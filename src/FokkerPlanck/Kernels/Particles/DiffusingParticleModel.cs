using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// <see cref="ParticleModel{TProcess, TScore}"/> for a process with a position-dependent diffusion D(x, t) (Itô, noise
/// sqrt(2D)): the diffusion matrix Σ = 2D I replaces g(t)² I, and its divergence ∇·Σ = 2∇D enters with the score, so
/// b = DriftSign · f + ScoreCoef · (2D s + 2∇D) — the forward PF velocity f − D s − ∇D (ScoreCoef −½), the reverse SDE
/// drift −f + 2D s + 2∇D (Anderson) — and the noise amplitude is NoiseCoef · sqrt(2 D(x, t)) at the particle. Only
/// Euler–Maruyama is valid for such noise (the host refuses the additive-noise schemes); the likelihood, which would need
/// D's second derivatives, is refused too, and <see cref="DriftJacobian"/> returns NaN.
/// </summary>
/// <typeparam name="TProcess">The compiled process (drift and D).</typeparam>
/// <typeparam name="TScore">The score field.</typeparam>
internal readonly struct DiffusingParticleModel<TProcess, TScore> : IParticleModel
    where TProcess : struct, IPointProcess, IPointDiffusion
    where TScore : struct, IScoreField
{
    public DiffusingParticleModel(TProcess process, TScore score, int dims, int reverse, double tEnd, double driftSign, double scoreCoef,
        double noiseCoef, double gradientCoef)
    {
        Process = process; Field = score; Dims = dims; Reverse = reverse; TEnd = tEnd;
        DriftSign = driftSign; ScoreCoef = scoreCoef; NoiseCoef = noiseCoef; GradientCoef = gradientCoef;
    }

    public TProcess Process { get; }
    public TScore Field { get; }
    public int Dims { get; }
    public int Reverse { get; }
    public double TEnd { get; }
    public double DriftSign { get; }
    public double ScoreCoef { get; }
    public double NoiseCoef { get; }

    /// <summary>1, or 0 for the negative control that leaves out the Itô term ∇D.</summary>
    public double GradientCoef { get; }

    private double TimeOf(double tau) => Reverse != 0 ? TEnd - tau : tau;

    public double Drift(double x, double y, double tau, out double bx, out double by)
    {
        double t = TimeOf(tau), c = ScoreCoef;
        Process.Drift(x, y, t, out double fx, out double fy, out _, out _, out _, out _);
        double w = 1.0, sx = 0, sy = 0;
        if (c != 0)
        {
            double d = Process.Diffusion(x, y, t, out double dx, out double dy);
            w = Field.Score(x, y, t, out sx, out sy);
            bx = DriftSign * fx + c * (2 * d * sx + 2 * GradientCoef * dx);
            by = Dims == 1 ? 0.0 : DriftSign * fy + c * (2 * d * sy + 2 * GradientCoef * dy);
            return w;
        }
        bx = DriftSign * fx;
        by = Dims == 1 ? 0.0 : DriftSign * fy;
        return w;
    }

    public double DriftJacobian(double x, double y, double tau, out double bx, out double by, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        double w = Drift(x, y, tau, out bx, out by);
        jxx = double.NaN; jxy = double.NaN; jyx = double.NaN; jyy = double.NaN;
        return w;
    }

    /// <summary>Nonzero exactly when the dynamics has noise (its coefficient; the amplitude is <see cref="NoiseAt"/>).</summary>
    /// <param name="tau">Simulation time.</param>
    /// <returns>The coefficient.</returns>
    public double Noise(double tau) => NoiseCoef;

    public double NoiseAt(double x, double y, double tau) =>
        NoiseCoef == 0 ? 0.0 : NoiseCoef * Math.Sqrt(2 * Process.Diffusion(x, y, TimeOf(tau), out _, out _));

    /// <inheritdoc />
    public bool LinearDrift(double tau, out double sign, out double slope, out double addend)
    {
        // The noise amplitude depends on the position: never the SIMD path.
        sign = 0; slope = 0; addend = 0;
        return false;
    }

    /// <inheritdoc />
    public bool GridScoreDrift<TVec>(double tau, out double sign, out double slope, out double c, out double t, out GridScoreField<TVec> field)
        where TVec : struct, IVec
    {
        // The noise amplitude depends on the position: never the batch path.
        sign = 0; slope = 0; c = 0; t = 0; field = default;
        return false;
    }
}
