namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// What a particle integrator (an <see cref="IStepScheme"/> struct) states about itself: its name and orders. Read on the
/// host when the integrator is registered; the kernels never see it.
/// </summary>
/// <param name="name">The name users select it by (CLI <c>--integrator</c>, the output's attribute).</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class StepSchemeAttribute(string name) : Attribute
{
    /// <summary>The name users select it by.</summary>
    public string Name { get; } = name;

    /// <summary>Order for an ODE (the PF-ODE, λ = 0); for an adaptive scheme, the order of the solution it propagates.</summary>
    public int OdeOrder { get; init; }

    /// <summary>Strong order for an SDE with additive noise (every dynamics here has additive noise); NaN (the default)
    /// for an integrator that handles only the ODE.</summary>
    public double StrongOrder { get; init; } = double.NaN;

    /// <summary>Weak order for an SDE with additive noise; NaN for an ODE-only integrator.</summary>
    public double WeakOrder { get; init; } = double.NaN;

    /// <summary>Whether it adapts its own sub-steps inside each step (its accuracy is then set by
    /// <see cref="StepArgs.Rtol"/> and <see cref="StepArgs.Atol"/>, not by the step count).</summary>
    public bool Adaptive { get; init; }

    /// <summary>Whether its SDE step reads I₁₀ = ∫(W_s - W_t) ds besides ΔW (<see cref="StepInputs.I10X"/>); only then are
    /// the second normals of each sub-step drawn. ΔW is the same for every integrator, whichever way this is set.</summary>
    public bool UsesTimeIntegral { get; init; }
}
