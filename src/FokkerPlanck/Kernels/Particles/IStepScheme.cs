namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// One particle integrator: a stateless struct whose <see cref="Step"/> advances one particle's state by one step of its
/// clock (ILGPU-compatible: the kernels take the scheme as a generic type argument, so each integrator compiles to its own
/// kernel with no branch on the others). Its name and orders are stated by its <see cref="StepSchemeAttribute"/>.
/// <para>Adding an integrator: one file with a struct implementing this interface and carrying the attribute, and its
/// line in <see cref="FokkerPlanck.Particles.Integrators"/>' list. The order tests iterate over that list.</para>
/// </summary>
internal interface IStepScheme
{
    /// <summary>
    /// The new state of a particle.
    /// </summary>
    /// <param name="m">The particle system.</param>
    /// <param name="a">The step (clock time, size, likelihood mode, tolerances, whether increments were drawn).</param>
    /// <param name="s">The state at the start of the step.</param>
    /// <param name="r">The step's random inputs: Brownian increments (zero for an ODE-only scheme or zero noise) and the
    /// Hutchinson probe.</param>
    /// <param name="fallbacks">Incremented per field evaluation that used the trust-region fallback.</param>
    /// <param name="evals">Incremented per field evaluation.</param>
    /// <returns>The state at the end of the step (NaN when the scheme gave up).</returns>
    V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel;
}
