using System.Runtime.CompilerServices;

namespace FokkerPlanck.Kernels.Particles;

/// <summary>The right-hand side every integrator evaluates (ILGPU-compatible static code).</summary>
internal static class ParticleRhs
{
    /// <summary>
    /// Right-hand side of the (augmented) system at state s and clock time τ: the drift, and dL/dτ = ∇·b (exact) or
    /// εᵀ (∂b) ε (Hutchinson) when the log-density is tracked. Counts one evaluation, and one fallback when the field's
    /// trust weight is below 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V3 F<TModel>(TModel m, V3 s, double tau, StepArgs a, StepInputs r, ref double fallbacks, ref double evals)
        where TModel : struct, IParticleModel
    {
        evals += 1;
        double w, bx, by, dl = 0;
        if (a.Likelihood == StepArgs.NoLikelihood)
        {
            w = m.Drift(s.X, s.Y, tau, out bx, out by);
        }
        else
        {
            w = m.DriftJacobian(s.X, s.Y, tau, out bx, out by, out double jxx, out double jxy, out double jyx, out double jyy);
            if (a.Likelihood == StepArgs.ExactDivergence) dl = m.Dims == 1 ? jxx : jxx + jyy;
            else dl = m.Dims == 1 ? r.Ex * r.Ex * jxx : r.Ex * (jxx * r.Ex + jxy * r.Ey) + r.Ey * (jyx * r.Ex + jyy * r.Ey);
        }
        if (w < 1.0 - TrustWeightSlack) fallbacks += 1;
        return new V3(bx, by, dl);
    }

    /// <summary>Interpolated weights of trusted cells are 1 only up to round-off of the interpolation (a few ulps summed
    /// over four corners and two times); 1e-9 is far above that and far below any real fallback weight.</summary>
    public const double TrustWeightSlack = 1e-9;
}
