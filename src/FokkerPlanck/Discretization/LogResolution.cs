namespace FokkerPlanck.Discretization;

/// <summary>
/// How well a grid resolves a density where it matters: the largest change of ln p between neighbouring cells (along
/// either axis) over the region where both cells hold at least <see cref="RegionFloor"/> times the snapshot's maximum,
/// largest over the snapshots. A Gaussian of standard deviation σ on cells of width h has a step of h |x| / σ² + h² / 2σ²
/// at x, about 5.3 h / σ at the region's edge (p = 1e-6 max); the schemes' errors behave as their asymptotic orders
/// only once this step is well below 1. <see cref="SpatialErrorEstimate"/> uses it to decide whether a coarser
/// companion is close enough to that range to estimate the error.
/// </summary>
public static class LogResolution
{
    /// <summary>Relative density floor of the region (the same region the field errors are measured and estimated on).</summary>
    public const double RegionFloor = 1e-6;

    /// <summary>Largest |ln p_{i+1} − ln p_i| over neighbouring cells in the region, over all snapshots.</summary>
    /// <param name="solution">A grid solution.</param>
    /// <returns>The largest step (0 for a single cell; pairs with a cell below the floor, non-positive ones included, do not count).</returns>
    public static double MaxLogStep(GridSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        int nx = solution.Grid1?.Cells ?? solution.Grid2!.X.Cells, ny = solution.Grid2?.Y.Cells ?? 1;
        double step = 0;
        foreach (var p in solution.Densities)
        {
            double floor = RegionFloor * p.Max();
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    int c = i * ny + j;
                    if (i + 1 < nx) step = Math.Max(step, Step(p[c], p[c + ny], floor));
                    if (j + 1 < ny) step = Math.Max(step, Step(p[c], p[c + 1], floor));
                }
        }
        return step;
    }

    // The log step between two cells when both are in the region, else 0.
    private static double Step(double a, double b, double floor)
    {
        if (a < floor || b < floor) return 0;
        return Math.Abs(Math.Log(b / a));
    }
}
