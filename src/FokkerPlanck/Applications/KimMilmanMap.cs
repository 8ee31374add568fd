using FokkerPlanck.Backends;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Applications;

/// <summary>
/// The Kim–Milman map (docs/conventions.md): the PF-ODE flow from p_T back to p_0, evaluated on given points. In 1D
/// every flow map is monotone, so it must equal F_{p0}⁻¹ ∘ F_{pT} (<see cref="Monotone"/>): a free exact check.
/// </summary>
public static class KimMilmanMap
{
    /// <summary>Maps points at time T = problem.End to time problem.Start along the PF-ODE (reverse clock).</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="xT">Start points at T (1D, or x of 2D).</param>
    /// <param name="yT">y of 2D start points, else null.</param>
    /// <param name="field">Grid or exact fields.</param>
    /// <param name="steps">Steps (RK4 default) or intervals (Dormand–Prince).</param>
    /// <param name="integrator">An ODE integrator (null: RK4).</param>
    /// <param name="backend">Backend (null: Managed).</param>
    /// <returns>The images at problem.Start.</returns>
    public static (double[] X, double[]? Y) Evaluate(ParticleProblem problem, double[] xT, double[]? yT = null, FieldKind field = FieldKind.Grid,
        int steps = 400, Integrator? integrator = null, IBackend? backend = null)
    {
        var o = new ParticleOptions
        {
            Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Field = field, Steps = steps, Integrator = integrator ?? Integrator.Rk4,
        };
        var r = ParticleSimulator.Run(problem, o, xT, yT, backend);
        return (r.X[^1], r.Y?[^1]);
    }

    /// <summary>The monotone transport F_{p0}⁻¹(F_{pT}(x)) between two 1D densities.</summary>
    /// <param name="p0">Target density.</param>
    /// <param name="pT">Source density.</param>
    /// <param name="x">Point.</param>
    /// <returns>The image of x.</returns>
    public static double Monotone(IDensity1D p0, IDensity1D pT, double x) => Quantile(p0, pT.Cdf(x));

    /// <summary>The u-quantile of a 1D density: the root of F(y) = u by Brent's method (MathNet) on a bracket grown
    /// until it changes sign.</summary>
    /// <param name="p">Density.</param>
    /// <param name="u">Probability in (0, 1).</param>
    /// <returns>F⁻¹(u).</returns>
    public static double Quantile(IDensity1D p, double u)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!(u > 0 && u < 1)) throw new ArgumentOutOfRangeException(nameof(u), u, "u must lie in (0, 1)");
        double lo = -1, hi = 1;
        while (p.Cdf(lo) > u) lo *= 2;
        while (p.Cdf(hi) < u) hi *= 2;
        return MathNet.Numerics.RootFinding.Brent.FindRoot(y => p.Cdf(y) - u, lo, hi, 1e-13, 200);
    }
}
