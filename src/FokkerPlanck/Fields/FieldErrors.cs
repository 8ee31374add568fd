using FokkerPlanck.Model;

namespace FokkerPlanck.Fields;

/// <summary>Errors of grid fields against exact ones: max |Δ| / (1 + |exact|) over the cells whose exact density is ≥ floor · max.</summary>
public static class FieldErrors
{
    /// <summary>Relative density floor of the region where field errors are measured and estimated: below about 1e-6 of
    /// the maximum, ln p of a solution computed in double precision carries round-off of relative size 1e-16 / 1e-6 per
    /// cell, which the score amplifies by 1/h; particles rarely go there (a fraction of order 1e-6 of them).</summary>
    public const double DefaultFloor = Discretization.LogResolution.RegionFloor;

    /// <summary>Score and PF-velocity errors of one snapshot against an exact marginal (1D or 2D; components pooled).</summary>
    /// <param name="fields">Grid fields.</param>
    /// <param name="snapshot">Snapshot index.</param>
    /// <param name="exact1">Exact marginal at that time (1D), or null.</param>
    /// <param name="exact2">Exact marginal at that time (2D), or null.</param>
    /// <param name="floor">Relative density floor of the region compared.</param>
    /// <param name="trustedOnly">Compare only cells the fields trust (<see cref="GridFields.IsTrusted"/>: trust weight 1, no wall influence).</param>
    /// <returns>The two errors.</returns>
    public static (double Score, double Velocity) Relative(GridFields fields, int snapshot, IDensity1D? exact1, IDensity2D? exact2, double floor = DefaultFloor,
        bool trustedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        double t = fields.Times[snapshot], d = fields.Process.Diffusion(t), es = 0, ev = 0;
        var f = new double[2];
        static double Rel(double a, double e) => Math.Abs(a - e) / (1 + Math.Abs(e));
        if (fields.Solution.Grid1 is { } g)
        {
            var e = exact1 ?? throw new ArgumentNullException(nameof(exact1));
            if (e is PointMasses1D) return (double.NaN, double.NaN); // no score to compare with (reported as n/a)
            var dens = g.Centers().Select(e.Density).ToArray();
            double max = dens.Max();
            for (int i = 0; i < g.Cells; i++)
            {
                if (dens[i] < floor * max || (trustedOnly && !fields.IsTrusted(snapshot, i))) continue;
                double x = g.Center(i), s = e.Score(x);
                fields.Process.Drift([x], t, f.AsSpan(0, 1));
                es = Math.Max(es, Rel(fields.Score[snapshot][i], s));
                ev = Math.Max(ev, Rel(fields.Velocity[snapshot][i], f[0] - d * s));
            }
            return (es, ev);
        }
        var g2 = fields.Solution.Grid2!;
        var e2 = exact2 ?? throw new ArgumentNullException(nameof(exact2));
        var dens2 = Discretization.CellAverages.Values(g2, e2.Density);
        double max2 = dens2.Max();
        for (int i = 0; i < g2.X.Cells; i++)
            for (int j = 0; j < g2.Y.Cells; j++)
            {
                int c = g2.Index(i, j);
                if (dens2[c] < floor * max2 || (trustedOnly && !fields.IsTrusted(snapshot, c))) continue;
                double x = g2.X.Center(i), y = g2.Y.Center(j);
                var (sx, sy) = e2.Score(x, y);
                fields.Process.Drift([x, y], t, f);
                es = Math.Max(es, Math.Max(Rel(fields.Score[snapshot][c], sx), Rel(fields.ScoreY![snapshot][c], sy)));
                ev = Math.Max(ev, Math.Max(Rel(fields.Velocity[snapshot][c], f[0] - d * sx), Rel(fields.VelocityY![snapshot][c], f[1] - d * sy)));
            }
        return (es, ev);
    }
}
