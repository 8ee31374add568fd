namespace FokkerPlanck.Kernels;

/// <summary>
/// Kernel functor of a linear (Gaussian-transition) forward process dX = a(t) X dt + g(t) dW: the host's formulas and the
/// kernels' are this one struct's methods (ILGPU-compatible: a readonly struct, no allocation, no references). Its marginal
/// from time 0 is X_t = m(t) X_0 + sqrt(v(t)) Z, so a(t) = m'/m and g² = v' - 2 a v. A new schedule is one such struct
/// and its host class (<c>LinearProcess&lt;TSchedule&gt;</c>); the grid, particle and exact-field code run it unchanged.
/// </summary>
public interface ILinearSchedule
{
    /// <summary>Drift coefficient a(t) of f = a(t) x.</summary>
    /// <param name="t">Time.</param>
    /// <returns>a(t).</returns>
    double A(double t);

    /// <summary>Noise amplitude g(t) ≥ 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>g(t).</returns>
    double G(double t);

    /// <summary>Mean factor m(t) &gt; 0 of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>m(t).</returns>
    double MeanFactor(double t);

    /// <summary>Added variance v(t) ≥ 0 of the marginal from time 0.</summary>
    /// <param name="t">Time.</param>
    /// <returns>v(t).</returns>
    double AddedVariance(double t);

    /// <summary>True when a(t) is the same at every t (the grid then reuses its face rates between stages).</summary>
    bool DriftIsConstant { get; }
}
