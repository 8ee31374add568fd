using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests;

/// <summary>Shared cases: the acceptance mixture and helpers that compare a grid run with an exact marginal.</summary>
internal static class TestCases
{
    /// <summary>3 components, standard deviations 0.4, 0.5, 0.6 (the accuracy tests' mixture).</summary>
    public static GaussianMixture1D Mixture3 => new([0.3, 0.4, 0.3], [-2.0, 0.5, 2.5], [0.16, 0.25, 0.36]);

    /// <summary>Anisotropic, correlated 2-component mixture in 2D.</summary>
    public static GaussianMixture2D Mixture2D => new([0.6, 0.4],
        [[-1.5, 0.5], [1.5, -1.0]],
        [[[0.5, 0.2], [0.2, 0.25]], [[0.3, -0.1], [-0.1, 0.6]]]);

    public static double[] Times(double end, int n) => Enumerable.Range(0, n).Select(k => end * k / (n - 1)).ToArray();

    /// <summary>L1 error against the exact marginal at every snapshot.</summary>
    public static double[] L1Errors(GridSolution sol, Process p, IDensity1D initial)
    {
        var g = sol.Grid1!;
        return sol.Times.Select((t, s) =>
            ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(g, ExactMarginal.Of(p, initial, sol.Times[0], t)!), g.H).L1).ToArray();
    }

    public static double[] L1Errors(GridSolution sol, Process p, IDensity2D initial)
    {
        var g = sol.Grid2!;
        return sol.Times.Select((t, s) =>
            ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(g, ExactMarginal.Of(p, initial, sol.Times[0], t)!), g.CellArea).L1).ToArray();
    }

    /// <summary>Least-squares slope of log(err) against log(h): the measured order.</summary>
    public static double Order(double[] h, double[] err)
    {
        var (_, slope) = MathNet.Numerics.Fit.Line(h.Select(v => Math.Log(v)).ToArray(), err.Select(v => Math.Log(v)).ToArray());
        return slope;
    }

    public static IBackend Managed => new ManagedBackend();
}
