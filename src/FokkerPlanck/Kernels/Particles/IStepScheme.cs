namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// One particle integrator: a stateless struct whose <see cref="Step"/> advances one particle's state by one step of its
/// clock (ILGPU-compatible: the kernels take the scheme as a generic type argument, so each integrator compiles to its own
/// kernel with no branch on the others). The properties describe the scheme; the kernels never read them.
/// <para>Adding an integrator: one file with a struct implementing this interface, and its line in
/// <see cref="FokkerPlanck.Particles.Integrators"/>' list. The order tests iterate over that list.</para>
/// </summary>
internal interface IStepScheme
{
    /// <summary>The name users select it by (CLI <c>--integrator</c>, scenario files, the output's attribute).</summary>
    string Name { get; }

    /// <summary>Strong order for an SDE with additive noise (every dynamics here has additive noise); NaN when
    /// <see cref="OdeOnly"/>.</summary>
    double StrongOrder { get; }

    /// <summary>Weak order for an SDE with additive noise; NaN when <see cref="OdeOnly"/>.</summary>
    double WeakOrder { get; }

    /// <summary>Order for an ODE (the PF-ODE, λ = 0); for an adaptive scheme, the order of its error estimate's
    /// propagated solution.</summary>
    int OdeOrder { get; }

    /// <summary>Whether it integrates only ODEs (no noise term).</summary>
    bool OdeOnly { get; }

    /// <summary>Whether it adapts its own sub-steps inside each step (the step count then sets only where it lands, and
    /// <see cref="StepArgs.Rtol"/> / <see cref="StepArgs.Atol"/> set the accuracy).</summary>
    bool Adaptive { get; }

    /// <summary>
    /// The new state of a particle.
    /// </summary>
    /// <param name="m">The particle system.</param>
    /// <param name="a">The step (clock time, size, likelihood mode, tolerances).</param>
    /// <param name="s">The state at the start of the step.</param>
    /// <param name="r">The step's random inputs: Brownian increments (zero when the noise is zero or the scheme is
    /// <see cref="OdeOnly"/>) and the Hutchinson probe.</param>
    /// <param name="fallbacks">Incremented per field evaluation that used the trust-region fallback.</param>
    /// <param name="evals">Incremented per field evaluation.</param>
    /// <returns>The state at the end of the step (NaN when the scheme gave up).</returns>
    V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel;
}
