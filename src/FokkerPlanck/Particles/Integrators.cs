using FokkerPlanck.Numerics;

namespace FokkerPlanck.Particles;

/// <summary>The registry of particle integrators: what <c>--integrator</c> accepts, what the order tests iterate over.</summary>
public static class Integrators
{
    // The registration lines: an integrator added in its own file under Kernels/Particles/Schemes is listed here.
    private static readonly NamedRegistry<Integrator> Registry = new("integrator", i => i.Name,
    [
        Integrator.EulerMaruyama,
        Integrator.Sra1,
        Integrator.Heun,
        Integrator.Rk4,
        Integrator.DormandPrince,
    ]);

    /// <summary>Every registered integrator, in registration order.</summary>
    public static IReadOnlyList<Integrator> All => Registry.All;

    /// <summary>Their names, in registration order.</summary>
    public static IReadOnlyList<string> Names => Registry.Names;

    /// <summary>Registers an integrator (for one defined outside this library's list, e.g. in a test assembly).</summary>
    /// <param name="integrator">The integrator; its name must be new.</param>
    internal static void Register(Integrator integrator) => Registry.Register(integrator);

    /// <summary>Parses a name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The integrator.</returns>
    public static Integrator Parse(string name) => Registry.Find((name ?? "").Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"integrator must be one of {string.Join(", ", Names)} (got '{name}')", "integrator");

    /// <summary>The default for a dynamics: SRA1 for an SDE, RK4 for the ODE.</summary>
    /// <param name="d">Dynamics.</param>
    /// <returns>The integrator.</returns>
    public static Integrator DefaultFor(Dynamics d) => d.IsOde ? Integrator.Rk4 : Integrator.Sra1;
}
