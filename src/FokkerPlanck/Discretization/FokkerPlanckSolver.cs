using FokkerPlanck.Backends;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Discretization;

/// <summary>
/// Entry point of the grid solver: evolves cell averages of p under ∂t p = -∇·(f p - ½ g² ∇p) on a 1D or 2D grid
/// with Scharfetter–Gummel fluxes and the chosen time scheme, and returns snapshots at the requested times.
/// </summary>
public static class FokkerPlanckSolver
{
    /// <summary>Mass fraction in the outermost cells above which a warning is raised.</summary>
    public const double EdgeMassWarning = 1e-8;

    /// <summary>Solves a built-in process on a 1D grid from a density.</summary>
    /// <param name="process">Process (ou, vp, ve, or langevin with a 1D target).</param>
    /// <param name="grid">Grid.</param>
    /// <param name="initial">Initial density (its exact cell averages are used).</param>
    /// <param name="times">Snapshot times, strictly increasing, at least two.</param>
    /// <param name="options">Solver options.</param>
    /// <param name="backend">Backend; null picks one with <see cref="BackendSelector"/>.</param>
    /// <returns>The solution.</returns>
    public static GridSolution Solve(Process process, Grid1D grid, IDensity1D initial, double[] times, SolverOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(grid);
        var start = PointMassStart.For(process, grid, initial, times);
        return Estimated(options, [grid.Cells], (factor, o) => SolveOn(process, grid.Scaled(factor), initial, times, o, backend, start));
    }

    // One plain solve of a built-in process on one 1D grid (no extrapolation, no estimate); a point-mass start runs
    // the grid from its start time.
    private static GridSolution SolveOn(Process process, Grid1D g, IDensity1D initial, double[] times, SolverOptions options, IBackend? backend,
        PointMassStart? start)
    {
        if (start is not null) return start.Run(g, times, (d, ts) => SolveOn(process, g, d, ts, options, backend, null));
        var p0 = CellAverages.Of(g, initial);
        return process.UseFaceDrift(new SolveWith(process, g, null, p0, times, options, backend));
    }

    // One plain solve of a built-in process on one 2D grid.
    private static GridSolution SolveOn(Process process, Grid2D g, IDensity2D initial, double[] times, SolverOptions options, IBackend? backend)
    {
        var p0 = CellAverages.Of(g, initial);
        return process.UseFaceDrift(new SolveWith(process, null, g, p0, times, options, backend));
    }

    /// <summary>Solves on the grid as <see cref="Solve(Process, Grid1D, IDensity1D, double[], SolverOptions?, IBackend?)"/>
    /// does (extrapolated when the options say so) but without the companion grid of the error estimate: the cheapest
    /// solve whose densities are the same method's on this grid. Used by <see cref="Fields.WallInfluence"/>.</summary>
    internal static GridSolution SolveWithoutEstimate(Process process, Grid1D grid, IDensity1D initial, double[] times, SolverOptions options, IBackend? backend)
    {
        var start = PointMassStart.For(process, grid, initial, times);
        var c = SolveOn(process, grid, initial, times, options, backend, start);
        return !options.Extrapolate ? c
            : RichardsonExtrapolation.Combine(c, SolveOn(process, grid.Scaled(2), initial, times, options, backend, start), grid.Cells, 1);
    }

    /// <summary>2D form of <see cref="SolveWithoutEstimate(Process, Grid1D, IDensity1D, double[], SolverOptions, IBackend?)"/>.</summary>
    internal static GridSolution SolveWithoutEstimate(Process process, Grid2D grid, IDensity2D initial, double[] times, SolverOptions options, IBackend? backend)
    {
        var c = SolveOn(process, grid, initial, times, options, backend);
        if (!options.Extrapolate) return c;
        return RichardsonExtrapolation.Combine(c, SolveOn(process, grid.Scaled(2), initial, times, options, backend), grid.X.Cells, grid.Y.Cells);
    }

    /// <summary>Solves a built-in process on a 2D grid from a density.</summary>
    /// <param name="process">Process (ou, vp, ve, or langevin with a 2D target).</param>
    /// <param name="grid">Grid.</param>
    /// <param name="initial">Initial density.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="options">Solver options.</param>
    /// <param name="backend">Backend; null picks one.</param>
    /// <returns>The solution.</returns>
    public static GridSolution Solve(Process process, Grid2D grid, IDensity2D initial, double[] times, SolverOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(grid);
        return Estimated(options, [grid.X.Cells, grid.Y.Cells], (factor, o) => SolveOn(process, grid.Scaled(factor), initial, times, o, backend));
    }

    // The solve with its error estimate (and extrapolation when asked): solveAt runs one grid scaled by a factor with the
    // options of that pass.
    private static GridSolution Estimated(SolverOptions? options, int[] cells, Func<double, SolverOptions, GridSolution> solveAt)
    {
        var all = options ?? new SolverOptions();
        return SpatialErrorEstimate.Solve((factor, pass, passes) => solveAt(factor, Pass(all, pass, passes)), cells, all.Extrapolate);
    }

    // The options of one pass (grid) of the run: progress reports say which pass they belong to.
    private static SolverOptions Pass(SolverOptions o, int pass, int passes) => o.Progress is not { } p ? o
        : o with { Progress = new PassProgress(p, pass, passes) };


    /// <summary>Solves with a user drift functor on a 1D grid.</summary>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="grid">Grid.</param>
    /// <param name="drift">Drift.</param>
    /// <param name="diffusion">D(t) = ½ g(t)².</param>
    /// <param name="aux">Per-cell values passed to the functor (null: zeros).</param>
    /// <param name="initial">Initial cell averages.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend; null picks one.</param>
    /// <returns>The solution.</returns>
    public static GridSolution Solve<TDrift>(Grid1D grid, TDrift drift, Func<double, double> diffusion, double[]? aux, double[] initial,
        double[] times, SolverOptions? options = null, IBackend? backend = null) where TDrift : struct, IFaceDrift1D
    {
        ArgumentNullException.ThrowIfNull(grid);
        Check(initial, grid.Cells, aux, times);
        return Run(backend, b => new Operator1D<TDrift>(b, grid, drift, diffusion, aux), initial, times, options, grid, null);
    }

    /// <summary>Solves with a user drift functor on a 2D grid.</summary>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="grid">Grid.</param>
    /// <param name="drift">Drift.</param>
    /// <param name="diffusion">D(t) = ½ g(t)².</param>
    /// <param name="aux">Per-cell values (null: zeros).</param>
    /// <param name="initial">Initial cell averages, flat i * ny + j.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend; null picks one.</param>
    /// <returns>The solution.</returns>
    public static GridSolution Solve<TDrift>(Grid2D grid, TDrift drift, Func<double, double> diffusion, double[]? aux, double[] initial,
        double[] times, SolverOptions? options = null, IBackend? backend = null) where TDrift : struct, IFaceDrift2D
    {
        ArgumentNullException.ThrowIfNull(grid);
        Check(initial, grid.Count, aux, times);
        return Run(backend, b => new Operator2D<TDrift>(b, grid, drift, diffusion, aux), initial, times, options, null, grid);
    }

    /// <summary>Solves with a drift tabulated at the cell centres and refreshed by a callback at every stage time
    /// (face drift = mean of the two centres, <see cref="CellMeanDrift"/>). Used for drifts built from grid fields,
    /// such as the reverse-time drift -f + g² s.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="diffusion">D(t).</param>
    /// <param name="driftAtCentres">Fills the drift at the cell centres at time t.</param>
    /// <param name="initial">Initial cell averages.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="options">Options (extrapolation does not apply).</param>
    /// <param name="backend">Backend.</param>
    /// <returns>The solution.</returns>
    public static GridSolution SolveWithCellDrift(Grid1D grid, Func<double, double> diffusion, Action<double, double[]> driftAtCentres,
        double[] initial, double[] times, SolverOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(driftAtCentres);
        Check(initial, grid.Cells, null, times);
        return Run(backend, b => new Operator1D<CellMeanDrift>(b, grid, default, diffusion, null, driftAtCentres), initial, times, options, grid, null);
    }

    /// <summary>2D form of <see cref="SolveWithCellDrift(Grid1D, Func{double, double}, Action{double, double[]}, double[], double[], SolverOptions?, IBackend?)"/>.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="diffusion">D(t).</param>
    /// <param name="driftAtCentres">Fills the x and y drift components at the cell centres at time t.</param>
    /// <param name="initial">Initial cell averages.</param>
    /// <param name="times">Snapshot times.</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend.</param>
    /// <returns>The solution.</returns>
    public static GridSolution SolveWithCellDrift(Grid2D grid, Func<double, double> diffusion, Action<double, double[], double[]> driftAtCentres,
        double[] initial, double[] times, SolverOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(driftAtCentres);
        Check(initial, grid.Count, null, times);
        return Run(backend, b => new Operator2D<CellMeanDrift>(b, grid, default, diffusion, null, driftAtCentres), initial, times, options, null, grid);
    }

    /// <summary>Fraction of the mass in the cells next to a wall: the outermost cells along every axis that is not
    /// periodic (1D: first and last; 2D with walls on both axes: the outer ring; a periodic axis has no wall).</summary>
    /// <param name="density">Cell averages.</param>
    /// <param name="x">The x axis (the only one in 1D).</param>
    /// <param name="y">The y axis (null in 1D).</param>
    /// <returns>Wall-cell mass / total mass (0 on a torus).</returns>
    public static double EdgeFraction(double[] density, Grid1D x, Grid1D? y)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(x);
        int nx = x.Cells, ny = y?.Cells ?? 1;
        bool wx = !x.Periodic, wy = y is not null && !y.Periodic;
        double total = 0, edge = 0;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                double v = density[i * ny + j];
                total += v;
                if ((wx && (i == 0 || i == nx - 1)) || (wy && (j == 0 || j == ny - 1))) edge += Math.Abs(v);
            }
        return total > 0 ? edge / total : 0;
    }

    /// <summary><see cref="EdgeFraction(double[], Grid1D, Grid1D?)"/> of a solution's grid.</summary>
    /// <param name="density">Cell averages on the solution's grid.</param>
    /// <param name="solution">The solution (its grid).</param>
    /// <returns>Wall-cell mass / total mass.</returns>
    public static double EdgeFraction(double[] density, GridSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return EdgeFraction(density, solution.Grid1 ?? solution.Grid2!.X, solution.Grid2?.Y);
    }

    private static void Check(double[] initial, int cells, double[]? aux, double[] times)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(times);
        if (initial.Length != cells) throw new ArgumentException($"initial has {initial.Length} values but the grid has {cells} cells", nameof(initial));
        if (aux is not null && aux.Length != cells) throw new ArgumentException($"aux has {aux.Length} values but the grid has {cells} cells", nameof(aux));
        for (int i = 0; i < initial.Length; i++)
        {
            if (!double.IsFinite(initial[i]) || initial[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(initial), initial[i], $"initial[{i}] must be finite and ≥ 0 (got {Guard.Fmt(initial[i])})");
        }
        if (times.Length < 2) throw new ArgumentException($"times needs at least 2 entries (got {times.Length})", nameof(times));
        for (int i = 0; i < times.Length; i++)
        {
            Guard.Finite(times[i], $"times[{i}]");
            if (i > 0 && !(times[i] > times[i - 1]))
                throw new ArgumentOutOfRangeException(nameof(times), times[i], $"times must increase strictly (times[{i}] = {Guard.Fmt(times[i])} after {Guard.Fmt(times[i - 1])})");
        }
    }

    private static GridSolution Run(IBackend? backend, Func<IBackend, IDiscreteOperator> make, double[] initial, double[] times,
        SolverOptions? options, Grid1D? g1, Grid2D? g2)
    {
        options ??= new SolverOptions();
        options.Validate();
        bool own = backend is null;
        backend ??= BackendSelector.Create();
        try
        {
            using var op = make(backend);
            bool absorbing = g1?.Absorbing ?? g2!.Absorbing, walls = !(g1?.Periodic ?? g2!.Periodic);
            string boundary = g1?.BoundaryName ?? g2!.BoundaryName;
            Grid1D ax = g1 ?? g2!.X;
            var stepper = new TimeStepper(backend, op, options, conserving: !absorbing);
            var (dens, mass, wall) = stepper.Run(initial, times);
            var warnings = new List<string>();
            if (walls)
            {
                double worst = 0, first = double.NaN;
                for (int s = 0; s < times.Length; s++)
                {
                    double f = EdgeFraction(dens[s], ax, g2?.Y);
                    if (f > EdgeMassWarning && double.IsNaN(first)) first = times[s];
                    worst = Math.Max(worst, f);
                }
                if (!double.IsNaN(first))
                    warnings.Add($"mass reaches {(boundary.Contains(' ') ? $"an edge ({boundary})" : $"the {boundary} edge")}: from t = {first:G6} up to {worst:E2} of the mass lies in the outermost cells (limit {EdgeMassWarning:E0}); widen the domain");
            }
            if (absorbing)
                warnings.Add($"absorbing boundary: {mass[0] - mass[^1]:E3} of the mass left the domain by t = {times[^1]:G6}");
            return new GridSolution(g1, g2, (double[])times.Clone(), dens, mass, backend.Name, stepper.Steps, stepper.Rejected, warnings, wall)
            {
                TimeErrors = stepper.TimeErrors,
            };
        }
        finally
        {
            if (own) backend.Dispose();
        }
    }

    // The solve, run with whatever face drift the process hands over (aux: its per-cell values at the centres).
    private sealed class SolveWith(Process process, Grid1D? g1, Grid2D? g2, double[] p0, double[] times, SolverOptions options, IBackend? backend)
        : IFaceDriftUser<GridSolution>
    {
        public int Dimension => g1 is null ? 2 : 1;

        public GridSolution Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D =>
            Solve(g1!, drift, process.Diffusion, aux is null ? null : g1!.Centers().Select(aux).ToArray(), p0, times, options, backend);

        public GridSolution Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D =>
            Solve(g2!, drift, process.Diffusion, aux is null ? null : CellAverages.Values(g2!, aux), p0, times, options, backend);

        // A position-dependent diffusion: the operators fill their rates with the diffusing kernel; the constant 1 only
        // keys the rate cache (rates of a time-homogeneous functor are computed once).
        public GridSolution Use1DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift1D, IPointDiffusion
        {
            Check(p0, g1!.Cells, null, times);
            var ax = g1.ToAxis();
            return Run(backend, b => new Operator1D<TDrift>(b, g1, drift, _ => 1.0, null,
                rates: (t, aux, aP, aM) => b.DiffusingFaceRates1D(ax, t, drift, aux, aP, aM)), p0, times, options, g1, null);
        }

        public GridSolution Use2DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift2D, IPointDiffusion
        {
            Check(p0, g2!.Count, null, times);
            var (ax, ay) = (g2.X.ToAxis(), g2.Y.ToAxis());
            return Run(backend, b => new Operator2D<TDrift>(b, g2, drift, _ => 1.0, null,
                rates: (t, aux, auxY, xP, xM, yP, yM) => b.DiffusingFaceRates2D(ax, ay, t, drift, aux, auxY, xP, xM, yP, yM)), p0, times, options, null, g2);
        }
    }
}
