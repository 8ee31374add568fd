namespace FokkerPlanck.Model;

/// <summary>A density family closed under X ↦ m X + sqrt(v) Z, the marginal map of the linear processes (ou, vp, ve).</summary>
/// <typeparam name="TDensity">The density type returned.</typeparam>
public interface ILinearlyEvolvable<out TDensity>
{
    /// <summary>Law of m X + sqrt(v) Z with X from this density and Z ~ N(0, I) independent.</summary>
    /// <param name="m">Mean factor m(t) &gt; 0.</param>
    /// <param name="v">Added variance v(t) ≥ 0.</param>
    /// <returns>The transformed density.</returns>
    TDensity Evolve(double m, double v);
}
