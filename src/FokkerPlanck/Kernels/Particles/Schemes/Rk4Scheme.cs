using System.Runtime.CompilerServices;

namespace FokkerPlanck.Kernels.Particles.Schemes;

/// <summary>Classical Runge–Kutta for the ODE: order 4, four field evaluations per step.</summary>
[StepScheme("rk4", OdeOrder = 4)]
internal readonly struct Rk4Scheme : IStepScheme
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        var k2 = ParticleRhs.F(m, s + (0.5 * h) * k1, t + 0.5 * h, a, r, ref fallbacks, ref evals);
        var k3 = ParticleRhs.F(m, s + (0.5 * h) * k2, t + 0.5 * h, a, r, ref fallbacks, ref evals);
        var k4 = ParticleRhs.F(m, s + h * k3, t + h, a, r, ref fallbacks, ref evals);
        return s + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
    }
}
