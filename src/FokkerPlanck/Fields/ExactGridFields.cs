using FokkerPlanck.Discretization;
using FokkerPlanck.Model;

namespace FokkerPlanck.Fields;

/// <summary>
/// The exact fields on a solution's grid, for writing beside the grid's: exact cell averages of p_t (the quantity the
/// grid density approximates), and the exact score and PF velocity f - ½ g² ∇log p_t at the cell centres, at every snapshot.
/// Layout as in <see cref="GridFields"/>: [snapshot][cell], flat i * ny + j in 2D, y-components separate.
/// </summary>
/// <param name="Density">Exact cell averages.</param>
/// <param name="Score">Exact score (x-component in 2D).</param>
/// <param name="ScoreY">y-component (2D), else null.</param>
/// <param name="Velocity">Exact PF velocity (x-component in 2D).</param>
/// <param name="VelocityY">y-component (2D), else null.</param>
public sealed record ExactGridFields(double[][] Density, double[][] Score, double[][]? ScoreY, double[][] Velocity, double[][]? VelocityY)
{
    /// <summary>The exact fields of a solution, or null when no exact marginal is known.</summary>
    /// <param name="solution">Grid solution (its grid and snapshot times are used).</param>
    /// <param name="process">Process.</param>
    /// <param name="initial1">1D density at <paramref name="start"/>, or null.</param>
    /// <param name="initial2">2D density at <paramref name="start"/>, or null.</param>
    /// <param name="start">Time of the initial density.</param>
    /// <returns>The fields, or null.</returns>
    public static ExactGridFields? Of(GridSolution solution, Process process, IDensity1D? initial1, IDensity2D? initial2, double start)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(process);
        int nt = solution.Times.Length;
        var dens = new double[nt][]; var sx = new double[nt][]; var vx = new double[nt][];
        if (solution.Grid1 is { } g)
        {
            // A point-mass start has no exact score at its start time: no exact fields (the solve says so).
            if (initial1 is null or PointMasses1D) return null;
            var c = g.Centers();
            Span<double> f = stackalloc double[1];
            for (int k = 0; k < nt; k++)
            {
                double t = solution.Times[k], d = process.Diffusion(t);
                var e = ExactMarginal.Of(process, initial1, start, t);
                if (e is null) return null;
                dens[k] = CellAverages.Of(g, e);
                sx[k] = new double[c.Length]; vx[k] = new double[c.Length];
                for (int i = 0; i < c.Length; i++)
                {
                    sx[k][i] = e.Score(c[i]);
                    process.Drift([c[i]], t, f);
                    vx[k][i] = f[0] - d * sx[k][i];
                }
            }
            return new ExactGridFields(dens, sx, null, vx, null);
        }
        var g2 = solution.Grid2!;
        if (initial2 is null) return null;
        double[] cx = g2.X.Centers(), cy = g2.Y.Centers();
        var sy = new double[nt][]; var vy = new double[nt][];
        Span<double> f2 = stackalloc double[2];
        for (int k = 0; k < nt; k++)
        {
            double t = solution.Times[k], d = process.Diffusion(t);
            var e = ExactMarginal.Of(process, initial2, start, t);
            if (e is null) return null;
            dens[k] = CellAverages.Of(g2, e);
            int n = g2.Count;
            sx[k] = new double[n]; sy[k] = new double[n]; vx[k] = new double[n]; vy[k] = new double[n];
            for (int i = 0; i < cx.Length; i++)
                for (int j = 0; j < cy.Length; j++)
                {
                    int cell = g2.Index(i, j);
                    var (a, b) = e.Score(cx[i], cy[j]);
                    process.Drift([cx[i], cy[j]], t, f2);
                    sx[k][cell] = a; sy[k][cell] = b;
                    vx[k][cell] = f2[0] - d * a; vy[k][cell] = f2[1] - d * b;
                }
        }
        return new ExactGridFields(dens, sx, sy, vx, vy);
    }
}
