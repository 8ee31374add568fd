using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Kernels.Particles.Schemes;

namespace FokkerPlanck.Particles;

/// <summary>
/// A time integrator of the particle engine: its name and orders, and the kernel struct that runs it. The registered
/// ones are listed by <see cref="Integrators.All"/>; two integrators are equal when their names are.
/// </summary>
public abstract class Integrator : IEquatable<Integrator>
{
    private protected Integrator() { }

    /// <summary>Euler–Maruyama: strong and weak order 1 for additive noise, explicit Euler for an ODE; 1 field evaluation per step.</summary>
    public static Integrator EulerMaruyama { get; } = Of<EulerMaruyamaScheme>();

    /// <summary>SRA1 (Rößler 2010) for additive noise: weak order 2, strong 1.5; order 2 for an ODE; 2 evaluations per step.</summary>
    public static Integrator Sra1 { get; } = Of<Sra1Scheme>();

    /// <summary>Heun's method for the ODE: order 2; 2 evaluations per step.</summary>
    public static Integrator Heun { get; } = Of<HeunScheme>();

    /// <summary>Classical Runge–Kutta for the ODE: order 4; 4 evaluations per step.</summary>
    public static Integrator Rk4 { get; } = Of<Rk4Scheme>();

    /// <summary>Adaptive Dormand–Prince 5(4) for the ODE, per particle, landing on every step boundary.</summary>
    public static Integrator DormandPrince { get; } = Of<DormandPrinceScheme>();

    /// <summary>The name users select it by.</summary>
    public abstract string Name { get; }

    /// <summary>Strong order for an SDE with additive noise; NaN for an ODE-only integrator.</summary>
    public abstract double StrongOrder { get; }

    /// <summary>Weak order for an SDE with additive noise; NaN for an ODE-only integrator.</summary>
    public abstract double WeakOrder { get; }

    /// <summary>Order for the ODE (λ = 0).</summary>
    public abstract int OdeOrder { get; }

    /// <summary>Whether it handles only the ODE (λ = 0).</summary>
    public abstract bool OdeOnly { get; }

    /// <summary>Whether it adapts its own sub-steps (its accuracy is set by the tolerances, not the step count).</summary>
    public abstract bool Adaptive { get; }

    /// <summary>Which Brownian increments its kernel reads (<see cref="StepArgs.NoIncrements"/>,
    /// <see cref="StepArgs.WienerIncrements"/> or <see cref="StepArgs.WienerAndTimeIntegral"/>).</summary>
    internal abstract int Increments { get; }

    /// <summary>The integrator whose kernel is the struct <typeparamref name="TScheme"/>, described by its
    /// <see cref="StepSchemeAttribute"/>.</summary>
    internal static Integrator Of<TScheme>() where TScheme : struct, IStepScheme =>
        new Bound<TScheme>(typeof(TScheme).GetCustomAttributes(typeof(StepSchemeAttribute), false).OfType<StepSchemeAttribute>().FirstOrDefault()
            ?? throw new ArgumentException($"{typeof(TScheme).Name} has no [StepScheme] attribute stating its name and orders", nameof(TScheme)));

    /// <summary>Advances particles 0..count-1 by one step on a backend's launcher, with this integrator's kernel.</summary>
    internal abstract void Advance<TModel, TVec>(IParticleLauncher<TVec> launcher, TModel model, StepArgs args, int count, TVec x, TVec y, TVec l, TVec counters)
        where TModel : struct, IParticleModel where TVec : struct, IVec;

    /// <inheritdoc />
    public bool Equals(Integrator? other) => other is not null && other.Name == Name;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Integrator);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>Equality by name.</summary>
    public static bool operator ==(Integrator? a, Integrator? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality by name.</summary>
    public static bool operator !=(Integrator? a, Integrator? b) => !(a == b);

    private sealed class Bound<TScheme>(StepSchemeAttribute d) : Integrator where TScheme : struct, IStepScheme
    {
        public override string Name => d.Name;
        public override double StrongOrder => d.StrongOrder;
        public override double WeakOrder => d.WeakOrder;
        public override int OdeOrder => d.OdeOrder;
        public override bool OdeOnly => double.IsNaN(d.StrongOrder);
        public override bool Adaptive => d.Adaptive;
        internal override int Increments => OdeOnly ? StepArgs.NoIncrements : d.UsesTimeIntegral ? StepArgs.WienerAndTimeIntegral : StepArgs.WienerIncrements;

        internal override void Advance<TModel, TVec>(IParticleLauncher<TVec> launcher, TModel model, StepArgs args, int count, TVec x, TVec y, TVec l, TVec counters) =>
            launcher.Advance(model, default(TScheme), args, count, x, y, l, counters);
    }
}
