namespace FokkerPlanck.Kernels;

/// <summary>
/// Kernel functor (ILGPU-compatible) of a flow-matching path X_t = α(t) Z + σ(t) ε, Z the data, ε ~ N(0, I), noise at
/// t = 0 and data at t = 1 by convention. The marginal is the data evolved by (α, σ²); the marginal velocity is
/// u_t(x) = A x + B E[Z | X_t = x] with A = σ'/σ and B = α' − α σ'/σ (the conditional velocity α' z + σ' ε averaged over
/// the posterior). The host (grid, fields, exact marginals) and the particle kernel call the same struct.
/// </summary>
public interface IFlowPath
{
    /// <summary>α(t).</summary>
    /// <param name="t">Time.</param>
    /// <returns>α.</returns>
    double Alpha(double t);

    /// <summary>σ(t) as given (its sign shows a path that passes through σ = 0; √ of the variance when that was given).</summary>
    /// <param name="t">Time.</param>
    /// <returns>σ.</returns>
    double Sigma(double t);

    /// <summary>σ(t)².</summary>
    /// <param name="t">Time.</param>
    /// <returns>σ².</returns>
    double Variance(double t);

    /// <summary>u = A x + B e for one coordinate, e = E[Z | x] there.</summary>
    /// <param name="t">Time.</param>
    /// <param name="x">The coordinate.</param>
    /// <param name="e">The posterior mean's coordinate.</param>
    /// <returns>The velocity's coordinate.</returns>
    double Velocity(double t, double x, double e);

    /// <summary>An entry of the velocity's Jacobian: A · identity + B · dE (identity 1 on the diagonal, 0 off it).</summary>
    /// <param name="t">Time.</param>
    /// <param name="dE">The matching entry of ∂E[Z | x]/∂x.</param>
    /// <param name="identity">1 on the diagonal, 0 off it.</param>
    /// <returns>The Jacobian entry.</returns>
    double Jacobian(double t, double dE, double identity);
}
