using System.Runtime.CompilerServices;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Tests.Particles.Plugins;

/// <summary>
/// The "where to add an integrator" sample: the explicit midpoint rule (order 2 for the ODE), defined and registered in
/// this one file, with no edit anywhere else. Once the test assembly loads, <c>--integrator midpoint</c> parses, the
/// order tests (<see cref="IntegratorOrderTests"/>) fit its order, and the conformance tests run it on both backends.
/// </summary>
[StepScheme("midpoint", OdeOrder = 2)]
internal readonly struct MidpointScheme : IStepScheme
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        var k2 = ParticleRhs.F(m, s + (0.5 * h) * k1, t + 0.5 * h, a, r, ref fallbacks, ref evals);
        return s + h * k2;
    }

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => Integrators.Register(Integrator.Of<MidpointScheme>());
}
