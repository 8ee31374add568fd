namespace FokkerPlanck.Model;

/// <summary>Exact marginals p_t of the linear processes (ou, vp, ve) started from a closed family of densities, and of
/// the flow-matching path.</summary>
public static class ExactMarginal
{
    /// <summary>The marginal at time t of a 1D run started at t0 from <paramref name="initial"/>, or null when none is known.</summary>
    /// <param name="process">Process.</param>
    /// <param name="initial">Density at t0.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="t">Time (≥ t0).</param>
    /// <returns>The exact density or null.</returns>
    public static IDensity1D? Of(Process process, IDensity1D initial, double t0, double t)
    {
        if (process is FlowMatchingProcess { Path.Data1D: not null } fm) return fm.Path.Marginal1D(t);
        if (process is not LinearProcess lin || initial is not ILinearlyEvolvable<IDensity1D> e) return null;
        var (m, v) = lin.Transition(t0, t);
        return e.Evolve(m, v);
    }

    /// <summary>The marginal at time t of a 2D run, or null when none is known.</summary>
    /// <param name="process">Process.</param>
    /// <param name="initial">Density at t0.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="t">Time (≥ t0).</param>
    /// <returns>The exact density or null.</returns>
    public static IDensity2D? Of(Process process, IDensity2D initial, double t0, double t)
    {
        if (process is FlowMatchingProcess { Path.Data2D: not null } fm) return fm.Path.Marginal2D(t);
        if (process is not LinearProcess lin || initial is not ILinearlyEvolvable<IDensity2D> e) return null;
        var (m, v) = lin.Transition(t0, t);
        return e.Evolve(m, v);
    }
}
