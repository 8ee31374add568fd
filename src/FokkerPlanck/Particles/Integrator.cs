namespace FokkerPlanck.Particles;

/// <summary>Time integrators of the particle engine (see <see cref="Kernels.Particles.ParticleKernels"/> for the schemes).</summary>
public enum Integrator
{
    /// <summary>Euler–Maruyama: weak order 1 (explicit Euler for an ODE); 1 field evaluation per step.</summary>
    EulerMaruyama,

    /// <summary>SRA1 (Rößler 2010) for additive noise: weak order 2 (strong 1.5); order 2 for an ODE; 2 evaluations per step.</summary>
    Sra1,

    /// <summary>Heun's method for the ODE: order 2; 2 evaluations per step.</summary>
    Heun,

    /// <summary>Classical Runge–Kutta for the ODE: order 4; 4 evaluations per step.</summary>
    Rk4,

    /// <summary>Adaptive Dormand–Prince 5(4) for the ODE, per particle, landing on every step boundary.</summary>
    DormandPrince,
}

/// <summary>Names and properties of <see cref="Integrator"/>.</summary>
public static class Integrators
{
    /// <summary>CLI names, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["euler-maruyama", "sra1", "heun", "rk4", "dopri5"];

    /// <summary>The CLI name.</summary>
    /// <param name="i">Integrator.</param>
    /// <returns>Its name.</returns>
    public static string Name(this Integrator i) => Names[(int)i];

    /// <summary>Parses a CLI name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The integrator.</returns>
    public static Integrator Parse(string name)
    {
        int k = Names.ToList().IndexOf((name ?? "").Trim().ToLowerInvariant());
        return k >= 0 ? (Integrator)k : throw new ArgumentException($"integrator must be one of {string.Join(", ", Names)} (got '{name}')", "integrator");
    }

    /// <summary>Whether the integrator handles only ODEs (λ = 0).</summary>
    /// <param name="i">Integrator.</param>
    /// <returns>True for Heun, RK4 and Dormand–Prince.</returns>
    public static bool OdeOnly(this Integrator i) => i is Integrator.Heun or Integrator.Rk4 or Integrator.DormandPrince;

    /// <summary>The default for a dynamics: SRA1 for an SDE, RK4 for the ODE.</summary>
    /// <param name="d">Dynamics.</param>
    /// <returns>The integrator.</returns>
    public static Integrator DefaultFor(Dynamics d) => d.IsOde ? Integrator.Rk4 : Integrator.Sra1;
}
