namespace FokkerPlanck.Discretization;

/// <summary>Spatial Richardson extrapolation of two grid solutions (the asked grid and the one with twice the cells per
/// axis), which raises the plain scheme's second order to fourth in smooth regions.</summary>
internal static class RichardsonExtrapolation
{
    /// <summary>(4 R(fine) − coarse) / 3 with R the average over 2 (1D) or 2×2 (2D) fine cells: the coarse grid's cell
    /// averages with the second-order spatial error of both solutions removed.</summary>
    /// <param name="coarse">Solution on the coarse grid.</param>
    /// <param name="fine">Solution on the grid with twice the cells per axis.</param>
    /// <param name="nx">Coarse cells along x.</param>
    /// <param name="ny">Coarse cells along y (1 in 1D).</param>
    /// <returns>The extrapolated solution on the coarse grid.</returns>
    internal static GridSolution Combine(GridSolution coarse, GridSolution fine, int nx, int ny)
    {
        var dens = new double[coarse.Times.Length][];
        var mass = new double[dens.Length];
        for (int s = 0; s < dens.Length; s++)
        {
            var c = coarse.Densities[s];
            var avg = SpatialErrorEstimate.Restrict(fine.Densities[s], nx, ny);
            var r = new double[c.Length];
            for (int k = 0; k < r.Length; k++) r[k] = (4.0 * avg[k] - c[k]) / 3.0;
            dens[s] = r;
            mass[s] = r.Sum() * coarse.CellVolume;
        }
        var warnings = coarse.Warnings.ToList(); // same domain: the fine run would repeat them with its own numbers
        // (4 R p_f - p_c) / 3: the time errors of the two passes enter with these weights.
        var timeErrors = coarse.TimeErrors.Zip(fine.TimeErrors, (c, f) => (4 * f + c) / 3).ToArray();
        return new GridSolution(coarse.Grid1, coarse.Grid2, coarse.Times, dens, mass, coarse.Backend,
            coarse.Steps + fine.Steps, coarse.Rejected + fine.Rejected, warnings, coarse.WallTime + fine.WallTime)
        { Extrapolated = true, TimeErrors = timeErrors, Passes = (coarse, fine) };
    }
}
