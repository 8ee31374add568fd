using System.Runtime.CompilerServices;

namespace FokkerPlanck.Kernels.Particles.Schemes;

/// <summary>Euler–Maruyama: X' = X + h b(X, τ) + g(τ) ΔW. Strong order 1 and weak order 1 for additive noise (strong
/// order 1, not ½, because the noise does not depend on X); explicit Euler, order 1, for an ODE. One field evaluation per
/// step.</summary>
[StepScheme("euler-maruyama", OdeOrder = 1, StrongOrder = 1.0, WeakOrder = 1.0)]
internal readonly struct EulerMaruyamaScheme : IStepScheme
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        double s0 = m.NoiseAt(s.X, s.Y, t); // additive noise: Noise(t); a position-dependent diffusion: at the step's start (Itô)
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        return s + h * k1 + new V3(s0 * r.I1X, s0 * r.I1Y, 0);
    }
}
