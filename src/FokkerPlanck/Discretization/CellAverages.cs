using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Discretization;

/// <summary>Exact cell averages of densities and values at cell centres: what a grid solution is compared with, and
/// how initial densities enter the grid.</summary>
public static class CellAverages
{
    /// <summary>Exact cell averages of a density on a 1D grid.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Density.</param>
    /// <returns>One value per cell.</returns>
    public static double[] Of(Grid1D grid, IDensity1D density) =>
        Enumerable.Range(0, grid.Cells).Select(i => density.CellAverage(grid.Edge(i), grid.Edge(i + 1))).ToArray();

    /// <summary>Cell averages of a density on a 2D grid (flat, i * ny + j).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Density.</param>
    /// <returns>One value per cell.</returns>
    public static double[] Of(Grid2D grid, IDensity2D density)
    {
        var r = new double[grid.Count];
        Parallel.For(0, grid.X.Cells, i =>
        {
            for (int j = 0; j < grid.Y.Cells; j++)
                r[grid.Index(i, j)] = density.CellAverage(grid.X.Edge(i), grid.X.Edge(i + 1), grid.Y.Edge(j), grid.Y.Edge(j + 1));
        });
        return r;
    }

    /// <summary>Values of a function at the 2D cell centres (flat).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="f">Function of (x, y).</param>
    /// <returns>One value per cell.</returns>
    public static double[] Values(Grid2D grid, Func<double, double, double> f)
    {
        var r = new double[grid.Count];
        for (int i = 0; i < grid.X.Cells; i++)
            for (int j = 0; j < grid.Y.Cells; j++)
                r[grid.Index(i, j)] = f(grid.X.Center(i), grid.Y.Center(j));
        return r;
    }
}
