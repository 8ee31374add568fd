using System.Runtime.CompilerServices;

namespace FokkerPlanck.Kernels.Particles.Schemes;

/// <summary>
/// SRA1 (Rößler 2010, SIAM J. Numer. Anal. 48) for additive noise: weak order 2, strong order 1.5; a two-stage order-2
/// Runge–Kutta for an ODE. Tableau: c⁰ = (0, ¾), A⁰₂₁ = ¾, B⁰₂₁ = 3/2, α = (⅓, ⅔), c¹ = (1, 0), β¹ = (1, 0),
/// β² = (-1, 1), driven by I₁ = ΔW and I₁₀ = ∫(W_s - W_t) ds. Two field evaluations per step.
/// </summary>
[StepScheme("sra1", OdeOrder = 2, StrongOrder = 1.5, WeakOrder = 2.0, UsesTimeIntegral = true)]
internal readonly struct Sra1Scheme : IStepScheme
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        double s0 = m.Noise(t);
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        double s1 = m.Noise(t + h);
        var h2 = s + (0.75 * h) * k1 + new V3(1.5 * s1 * r.I10X / h, 1.5 * s1 * r.I10Y / h, 0);
        var k2 = ParticleRhs.F(m, h2, t + 0.75 * h, a, r, ref fallbacks, ref evals);
        return s + h * ((1.0 / 3.0) * k1 + (2.0 / 3.0) * k2)
               + new V3(s1 * (r.I1X - r.I10X / h) + s0 * r.I10X / h, s1 * (r.I1Y - r.I10Y / h) + s0 * r.I10Y / h, 0);
    }
}
