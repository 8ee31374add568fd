using FokkerPlanck.Numerics;

namespace FokkerPlanck.Discretization;

/// <summary>What the 1D and 2D steady-state iterations share: renormalising an iterate to mass 1 and measuring its
/// change, and the warning for cells that come out negative.</summary>
internal static class StationaryIteration
{
    /// <summary>Divides <paramref name="next"/> by its mass and returns max|next − cur| / max|next|.</summary>
    /// <param name="next">The new iterate (renormalised in place).</param>
    /// <param name="cur">The previous iterate (mass 1).</param>
    /// <param name="cellVolume">Cell length or area.</param>
    /// <param name="method">The iteration's name, for the error message.</param>
    /// <returns>The relative change.</returns>
    /// <exception cref="SolverFailureException">The mass is not finite or not positive.</exception>
    public static double Renormalise(double[] next, double[] cur, double cellVolume, string method)
    {
        double mass = next.Sum() * cellVolume;
        if (!(double.IsFinite(mass) && mass > 0))
            throw new SolverFailureException(FailureCause.NonFinite, 0, null, $"the {method} produced a density of mass {mass:R}");
        double peak = 0, diff = 0;
        for (int i = 0; i < next.Length; i++)
        {
            next[i] /= mass;
            peak = Math.Max(peak, Math.Abs(next[i]));
            diff = Math.Max(diff, Math.Abs(next[i] - cur[i]));
        }
        return diff / peak;
    }

    /// <summary>The warnings about negative cells of a stationary density (none or one).</summary>
    /// <param name="density">The density.</param>
    /// <returns>The warnings.</returns>
    public static List<string> NegativeCells(double[] density)
    {
        int negative = density.Count(v => v < 0);
        return negative == 0 ? [] : [$"{negative} cells have a negative stationary density (smallest {density.Min():E2}): the grid is too coarse for the drift"];
    }
}
