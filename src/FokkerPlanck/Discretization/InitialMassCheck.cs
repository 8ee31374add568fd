using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Discretization;

/// <summary>
/// Measures the initial density against the grid before any time stepping: the exact mass outside the domain (from
/// the analytic density, <see cref="DomainMass"/>) and the mass the cell averages fail to represent (grid mass minus
/// exact mass inside). Both are invisible to errors measured against exact cell averages, which drop the same mass.
/// </summary>
public static class InitialMassCheck
{
    /// <summary>Lost or unresolved mass at or below this is round-off. Cell averages are taken over the cells' computed
    /// edges (lower + i·h), whose widths differ from h by up to |x|·eps/h relative: 1e-14 to 1e-13 of the grid mass on
    /// the shipped grids (measured: 6.8e-14 on a 320² grid over [-8, 8]²). The exact tails are good to 1e-12 of
    /// themselves.</summary>
    public const double RoundOff = 1e-12;

    // The suggested domain keeps the lost mass under this fraction of the tolerance, so that following the advice
    // clears the error with a margin instead of landing on the threshold.
    private const double SuggestionShare = 0.1;

    /// <summary>Checks a 1D initial density on its grid.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Initial density.</param>
    /// <param name="tolerance">Largest lost or unresolved mass accepted (the solver tolerance).</param>
    /// <returns>The measurement and verdict.</returns>
    public static InitialMass Check(Grid1D grid, IDensity1D density, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(density);
        double lost = DomainMass.Outside(density, grid.Lower, grid.Upper);
        double gridMass = Sum(CellAverages.Of(grid, density)) * grid.H;
        double q = SuggestionShare * tolerance / 2;
        var (lo, hi) = Bounds(grid.Lower, grid.Upper, density.Cdf, x => DomainMass.Survival(density, x), q);
        return Verdict(lost, gridMass, tolerance, [lo], [hi]);
    }

    /// <summary>Checks a 2D initial density (Gaussian mixture, funnel or checkerboard) on its grid.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="density">Initial density.</param>
    /// <param name="tolerance">Largest lost or unresolved mass accepted.</param>
    /// <returns>The measurement and verdict.</returns>
    public static InitialMass Check(Grid2D grid, IDensity2D density, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(density);
        var (x, y) = (grid.X, grid.Y);
        double lost = DomainMass.Outside(density, x.Lower, x.Upper, y.Lower, y.Upper);
        double gridMass = Sum(CellAverages.Of(grid, density)) * grid.CellArea;
        double q = SuggestionShare * tolerance / 4;
        double[] lower, upper;
        if (density is GaussianMixture2D g)
        {
            var means = g.Means.ToArray();
            var covs = g.Covariances.ToArray();
            var mx = new GaussianMixture1D(g.Weights, means.Select(m => m.X).ToArray(), covs.Select(c => c.Sxx).ToArray());
            var my = new GaussianMixture1D(g.Weights, means.Select(m => m.Y).ToArray(), covs.Select(c => c.Syy).ToArray());
            var bx = Bounds(x.Lower, x.Upper, mx.Cdf, v => DomainMass.Survival(mx, v), q);
            var by = Bounds(y.Lower, y.Upper, my.Cdf, v => DomainMass.Survival(my, v), q);
            lower = [bx.Lower, by.Lower]; upper = [bx.Upper, by.Upper];
        }
        else if (density is Funnel2D f)
        {
            var mv = new GaussianMixture1D([1.0], [0.0], [f.SigmaV * f.SigmaV]);
            var bx = Bounds(x.Lower, x.Upper, v => v >= 0 ? 0.5 : 0.5 * DomainMass.FunnelXTails(f, -v),
                v => v <= 0 ? 0.5 : 0.5 * DomainMass.FunnelXTails(f, v), q);
            var bv = Bounds(y.Lower, y.Upper, mv.Cdf, v => DomainMass.Survival(mv, v), q);
            lower = [bx.Lower, bv.Lower]; upper = [bx.Upper, bv.Upper];
        }
        else if (density is PiecewiseConstant2D c)
        {
            var bx = Bounds(x.Lower, x.Upper, v => c.MarginalBelow(0, v), v => 1 - c.MarginalBelow(0, v), q);
            var by = Bounds(y.Lower, y.Upper, v => c.MarginalBelow(1, v), v => 1 - c.MarginalBelow(1, v), q);
            lower = [bx.Lower, by.Lower]; upper = [bx.Upper, by.Upper];
        }
        else throw new ArgumentException($"no initial-mass check for {density.GetType().Name}", nameof(density));

        return Verdict(lost, gridMass, tolerance, lower, upper);
    }

    private static InitialMass Verdict(double lost, double gridMass, double tolerance, double[] lower, double[] upper)
    {
        double inside = 1 - lost, unresolved = Math.Abs(gridMass - inside), worst = Math.Max(lost, unresolved);
        var verdict = worst > tolerance ? InitialMassVerdict.Error
            : worst > RoundOff ? InitialMassVerdict.Warning
            : InitialMassVerdict.Ok;
        return new InitialMass(inside, gridMass, lost, unresolved, tolerance, verdict, lower, upper);
    }

    // Per axis: bounds, no narrower than the current ones, whose lower and upper tails each hold at most q.
    private static (double Lower, double Upper) Bounds(double lower, double upper, Func<double, double> below, Func<double, double> above, double q)
    {
        double width = upper - lower;
        double lo = lower, hi = upper;
        if (below(lower) > q) lo = RoundOut(Search(lower, -width, below, q), up: false);
        if (above(upper) > q) hi = RoundOut(Search(upper, width, above, q), up: true);
        return (lo, hi);
    }

    // From a start where tail(start) > q, steps outward (doubling) until tail ≤ q, then bisects to 1e-6 of the step.
    private static double Search(double start, double step, Func<double, double> tail, double q)
    {
        double inner = start, outer = start + step;
        for (int i = 0; i < 60 && tail(outer) > q; i++) { inner = outer; step *= 2; outer = start + step; }
        for (int i = 0; i < 60 && Math.Abs(outer - inner) > 1e-6 * Math.Abs(step); i++)
        {
            double mid = 0.5 * (inner + outer);
            if (tail(mid) > q) inner = mid; else outer = mid;
        }
        return outer;
    }

    // Outward to two significant digits (6.0417 → 6.1 going up, -6.0417 → -6.1 going down).
    private static double RoundOut(double v, bool up)
    {
        if (v == 0) return 0;
        double unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(v))) - 1);
        return (up ? Math.Ceiling(v / unit) : Math.Floor(v / unit)) * unit;
    }

    // Neumaier-compensated sum, so that the grid mass is accurate to round-off and not to n·eps.
    private static double Sum(double[] values)
    {
        double s = 0, c = 0;
        foreach (double v in values)
        {
            double t = s + v;
            c += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }
}
