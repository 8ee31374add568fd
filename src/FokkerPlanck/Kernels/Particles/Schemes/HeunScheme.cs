using System.Runtime.CompilerServices;

namespace FokkerPlanck.Kernels.Particles.Schemes;

/// <summary>Heun's method (explicit trapezoid) for the ODE: order 2, two field evaluations per step.</summary>
[StepScheme("heun", OdeOrder = 2)]
internal readonly struct HeunScheme : IStepScheme
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        var k2 = ParticleRhs.F(m, s + h * k1, t + h, a, r, ref fallbacks, ref evals);
        return s + (0.5 * h) * (k1 + k2);
    }
}
