using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Discretization;

/// <summary>
/// A run that starts from point masses (<see cref="PointMasses1D"/>). A delta has no cell averages a second-order scheme
/// can carry accurately, so the grid does not start at t0: under a linear process the law at t &gt; t0 is exactly the
/// Gaussian mixture of variance v(t0, t) at the moved points, and the grid starts from its exact cell averages at the
/// first time t_s at which every component is <see cref="CellsWide"/> cells of the asked grid wide (one standard
/// deviation). Snapshots at or before t_s are the exact law's cell averages (at t0: the mass of each cell over its
/// width); every later one is the grid's. All passes of one run (the extrapolation's finer grid, the estimate's
/// companion) share the same t_s, so their errors have the same form. Processes without a closed-form transition are
/// refused: their short-time law is only approximately Gaussian, and the error of that start would be unstated.
/// </summary>
internal sealed class PointMassStart
{
    /// <summary>Standard deviations of the start, in cells of the asked grid: with the extrapolated fourth-order scheme
    /// the harmonic fplanck case (256 cells) then has L1 6.3e-8 at t = 1 and 1.3e-8 at t = 10, as from a wide Gaussian start.</summary>
    public const double CellsWide = 8;

    private readonly LinearProcess _process;
    private readonly PointMasses1D _masses;
    private readonly double _t0;

    private PointMassStart(LinearProcess process, PointMasses1D masses, double t0, double start)
    {
        _process = process; _masses = masses; _t0 = t0; Start = start;
    }

    /// <summary>The time the grid starts at (t_s).</summary>
    public double Start { get; }

    /// <summary>The start of a run from <paramref name="initial"/>, or null when it is not point masses.</summary>
    /// <param name="process">The process.</param>
    /// <param name="grid">The asked grid.</param>
    /// <param name="initial">The initial law.</param>
    /// <param name="times">Snapshot times.</param>
    /// <returns>The start, or null.</returns>
    /// <exception cref="ArgumentException">Point masses under a process without a closed-form transition.</exception>
    public static PointMassStart? For(Process process, Grid1D grid, IDensity1D initial, double[] times)
    {
        if (initial is not PointMasses1D pm) return null;
        if (process is not LinearProcess lin)
            throw new ArgumentException($"a point-mass start needs a process whose transition law is known in closed form (the linear ones: ou, vp, ve, " +
                $"sub-vp, cosine, edm, affine); process '{process.Kind}' has none: start from a narrow gaussian-mixture instead", nameof(initial));
        if (grid.Periodic)
            throw new ArgumentException("a point-mass start on a periodic grid is not supported (its exact law would need the images of the Gaussian)", nameof(initial));
        foreach (double x in pm.Points)
            if (!(x > grid.Lower && x < grid.Upper))
                throw new ArgumentException($"the point mass at {x:R} is not inside the grid ({grid.Lower:R}, {grid.Upper:R})", nameof(initial));
        double t0 = times[0], t1 = times[^1], target = Math.Pow(CellsWide * grid.H, 2);
        double V(double t) => lin.Transition(t0, t).V;
        if (!(V(t1) > target)) return new PointMassStart(lin, pm, t0, t1);
        double lo = t0, hi = t1;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (V(mid) >= target) hi = mid; else lo = mid;
        }
        return new PointMassStart(lin, pm, t0, hi);
    }

    /// <summary>The exact law at time t (≥ t0).</summary>
    /// <param name="t">Time.</param>
    /// <returns>The law.</returns>
    public IDensity1D At(double t)
    {
        var (m, v) = _process.Transition(_t0, t);
        return _masses.Evolve(m, v);
    }

    /// <summary>Runs one grid: exact snapshots up to t_s, the solver after it.</summary>
    /// <param name="g">The grid of this pass.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="solve">Solves on g from a density over snapshot times.</param>
    /// <returns>The solution at every snapshot.</returns>
    public GridSolution Run(Grid1D g, double[] times, Func<IDensity1D, double[], GridSolution> solve)
    {
        var later = times.Where(t => t > Start).ToArray();
        GridSolution? solved = later.Length == 0 ? null : solve(At(Start), [Start, .. later]);
        int early = times.Length - later.Length;
        var dens = new double[times.Length][];
        var mass = new double[times.Length];
        var timeErrors = new double[times.Length];
        for (int s = 0; s < times.Length; s++)
        {
            dens[s] = s < early ? CellAverages.Of(g, At(times[s])) : solved!.Densities[s - early + 1];
            mass[s] = dens[s].Sum() * g.H;
            timeErrors[s] = s < early || solved!.TimeErrors.Length == 0 ? 0 : solved.TimeErrors[s - early + 1];
        }
        var warnings = new List<string>(solved?.Warnings ?? []);
        var last = At(Math.Min(Start, times[^1]));
        double outside = 1 - (last.Cdf(g.Upper) - last.Cdf(g.Lower));
        if (outside > 1e-12)
            warnings.Add($"point-mass start: {outside:E2} of the exact law at t = {Guard(Math.Min(Start, times[^1]))} lies beyond the grid's walls, which that law " +
                "ignores: move the points away from the walls or widen the domain");
        warnings.Add(later.Length == 0
            ? $"point-mass start: the masses stay narrower than {CellsWide:G} cells up to t = {Guard(times[^1])}, so every snapshot is the exact law's cell averages (no grid solve)"
            : $"point-mass start: the grid starts at t = {Guard(Start)}, when the masses have spread to {CellsWide:G} cells (one standard deviation); " +
              $"the {early} snapshot(s) before it are the exact law's cell averages");
        return new GridSolution(g, null, (double[])times.Clone(), dens, mass, solved?.Backend ?? "exact", solved?.Steps ?? 0, solved?.Rejected ?? 0,
            warnings, solved?.WallTime ?? TimeSpan.Zero) { TimeErrors = timeErrors };
    }

    private static string Guard(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
