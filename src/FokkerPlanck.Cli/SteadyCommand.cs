using System.CommandLine;
using System.Globalization;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.IO;
using FokkerPlanck.Model;

namespace FokkerPlanck.Cli;

/// <summary>'steady': the stationary density and current of a time-independent 1D process on the scenario's grid.</summary>
internal static class SteadyCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var scenario = CliApp.ScenarioArgument();
        var common = new CommonOptions("out", seed: false, format: true);
        var cmd = new Command("steady", "The stationary density of a time-independent process (drift and g not depending on t) on the scenario's 1D grid: " +
            "the null vector of the discrete operator by inverse iteration, with the probability current J, Richardson-extrapolated from the grid and twice " +
            "its cells unless solver.extrapolate is false; prints the residual, an error estimate from a companion grid (half the cells, or twice when " +
            "the count is odd or small), and the error against the exact stationary density where it is known; writes DIR/solution.h5 " +
            "(one snapshot labelled time.end). The scenario's initial density and times are not used.")
        {
            scenario,
        };
        common.AddTo(cmd);
        cmd.SetAction(pr => Run(pr.GetValue(scenario), common.Read(pr), cancel));
        return cmd;
    }

    private static int Run(string? scenarioArg, Common c, CancellationToken cancel)
    {
        var sc = CliApp.LoadScenario(scenarioArg);
        if (!sc.Process.IsTimeHomogeneous)
            throw new ArgumentException($"steady: process '{sc.Process.Kind}' of scenario '{sc.Name}' depends on time; a steady state needs a drift and a noise (g, D or the temperature) that do not", "scenario");
        if (sc.Grid1D is not { } g) return Run2D(sc, c, cancel);
        c.Check(sc, Scenarios.MemoryEstimate.Solve(sc), "reduce grid.cells");
        string target = c.Writer.SolutionPath(c.OutDir);
        var o = c.Output;
        if (!c.Quiet) o.WriteLine($"scenario {sc.Name}: 1D {sc.Process.Kind}, {g.Cells} cells on [{F(g.Lower)}, {F(g.Upper)}], {g.BoundaryName}");
        if (c.DryRun)
        {
            if (!c.Quiet) o.WriteLine($"dry run: scenario and options are valid; would write {target}");
            return ExitCodes.Ok;
        }
        using var backend = c.Backends().Create();
        var r = SteadyEstimate.Solve(sc.Process, g, sc.Solver.Extrapolate, backend);
        cancel.ThrowIfCancellationRequested();
        double estimate = r.ErrorEstimate;
        double exact = ExactError(sc.Process, g, r.Density);
        if (!c.Quiet)
        {
            o.WriteLine($"inverse iterations {r.Iterations} (last change {E(r.Change)}), residual max|L p| / (max rate · max p) = {E(r.Residual)}, wall time {r.WallTime.TotalSeconds:F2} s");
            o.WriteLine($"current J: mean {E(r.Current.Skip(1).SkipLast(1).DefaultIfEmpty(0).Average())}, spread over the faces {E(Spread(r.Current, g.Periodic))}" +
                (g.Periodic ? "" : " (0 at the walls)"));
            o.WriteLine($"L1 error estimate {E(estimate)} ({(r.Extrapolated ? "extrapolated from " + g.Cells + " and " + 2 * g.Cells + " cells" : "plain second order")}; companion with {r.EstimateCompanion}); L1 error against the exact stationary density {(double.IsNaN(exact) ? "n/a (not known)" : E(exact))}");
            foreach (var w in r.Warnings) o.WriteLine($"warning: {w}");
        }
        var sol = r.ToSolution(sc.End);
        var fields = GridFields.FromSolution(sol, sc.Process, withCurrent: true);
        // The current written is the steady solve's own (extrapolated with the density when it is), not the plain flux of
        // the extrapolated density, which is second order only.
        r.Current.CopyTo(fields.Current![0], 0);
        Directory.CreateDirectory(c.OutDir);
        c.Writer.WriteSolution(target, new SolutionOutput(sol, sc.ToJson(), fields));
        if (!c.Quiet) o.WriteLine($"wrote {target} (the steady state, labelled t = time.end = {F(sc.End)})");
        return ExitCodes.Ok;
    }

    // 2D: ADI iteration to the operator's null vector (SteadyState2D), extrapolated and estimated as solve does.
    private static int Run2D(Scenarios.Scenario sc, Common c, CancellationToken cancel)
    {
        var g = sc.Grid2D!;
        if (g.Absorbing)
            throw new ArgumentException($"steady: scenario '{sc.Name}' has an absorbing edge: a domain that loses mass has no steady state but 0", "scenario");
        c.Check(sc, Scenarios.MemoryEstimate.Solve(sc), "reduce grid.cells");
        string target = c.Writer.SolutionPath(c.OutDir);
        var o = c.Output;
        if (!c.Quiet)
            o.WriteLine($"scenario {sc.Name}: 2D {sc.Process.Kind}, {g.X.Cells} × {g.Y.Cells} cells on [{F(g.X.Lower)}, {F(g.X.Upper)}] × [{F(g.Y.Lower)}, {F(g.Y.Upper)}], {g.BoundaryName}");
        if (c.DryRun)
        {
            if (!c.Quiet) o.WriteLine($"dry run: scenario and options are valid; would write {target}");
            return ExitCodes.Ok;
        }
        using var backend = c.Backends().Create();
        var (sol, residual, cycles) = SteadyState2D.Solve(sc.Process, g, sc.End, sc.Solver.Extrapolate, backend,
            c.Quiet ? null : (k, change) => o.WriteLine($"  [steady] cycle {k}, relative change {E(change)}"));
        cancel.ThrowIfCancellationRequested();
        double exact = ExactError2D(sc.Process, g, sol.Densities[0]);
        if (!c.Quiet)
        {
            o.WriteLine($"ADI cycles {cycles} ({SteadyState2D.Parameters} steps each), residual max|A p| / (max rate · max p) = {E(residual)}, wall time {sol.WallTime.TotalSeconds:F2} s");
            o.WriteLine($"L1 error estimate {E(sol.DensityErrorEstimate![0])} ({(sol.Extrapolated ? "extrapolated" : "plain second order")}); L1 error against the exact stationary density {(double.IsNaN(exact) ? "n/a (not known)" : E(exact))}");
            foreach (var w in sol.Warnings) o.WriteLine($"warning: {w}");
        }
        var fields = GridFields.FromSolution(sol, sc.Process, withCurrent: true);
        Directory.CreateDirectory(c.OutDir);
        c.Writer.WriteSolution(target, new SolutionOutput(sol, sc.ToJson(), fields));
        if (!c.Quiet) o.WriteLine($"wrote {target} (the steady state, labelled t = time.end = {F(sc.End)})");
        return ExitCodes.Ok;
    }

    // 2D: the OU's N(0, σ²/(2θ) I), Langevin's target, or e^{-U/T} between reflecting walls (8 × 8 Gauss–Legendre per cell).
    private static double ExactError2D(Process p, Grid2D g, double[] density)
    {
        double[] avg;
        if (p is OuProcess { Theta: > 0 } ou)
        {
            double v = ou.Sigma * ou.Sigma / (2 * ou.Theta);
            avg = CellAverages.Of(g, new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[v, 0.0], [0.0, v]]]));
        }
        else if (p is LangevinProcess { Target2D: { } t }) avg = CellAverages.Of(g, t);
        else if (p is PointProcess pp && pp.GibbsWeight(0.5 * (g.X.Lower + g.X.Upper), 0.5 * (g.Y.Lower + g.Y.Upper)) is not null && g.Reflecting)
        {
            avg = new double[g.Count];
            var rule = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 8);
            double shift = double.PositiveInfinity;
            for (int i = 0; i <= 2 * g.X.Cells; i++)
                for (int j = 0; j <= 2 * g.Y.Cells; j++)
                    shift = Math.Min(shift, pp.PotentialAt(g.X.Lower + i * g.X.H / 2, g.Y.Lower + j * g.Y.H / 2)!.Value);
            for (int i = 0; i < g.X.Cells; i++)
                for (int j = 0; j < g.Y.Cells; j++)
                {
                    double s = 0;
                    for (int a = 0; a < 8; a++)
                        for (int b = 0; b < 8; b++)
                        {
                            double x = g.X.Center(i) + 0.5 * g.X.H * rule.Abscissas[a], y = g.Y.Center(j) + 0.5 * g.Y.H * rule.Abscissas[b];
                            s += 0.25 * rule.Weights[a] * rule.Weights[b] * pp.GibbsWeight(x, y, shift)!.Value;
                        }
                    avg[g.Index(i, j)] = s;
                }
        }
        else return double.NaN;
        double mass = avg.Sum() * g.CellArea;
        return density.Zip(avg, (a, b) => Math.Abs(a - b / mass)).Sum() * g.CellArea;
    }

    // The exact stationary density where it is known: OU's N(0, σ²/2θ) (θ > 0), Langevin's target, and e^{-U/T} of a
    // potential between reflecting walls.
    private static double ExactError(Process p, Grid1D g, double[] density)
    {
        IDensity1D? exact = p switch
        {
            OuProcess { Theta: > 0 } ou => new GaussianMixture1D([1.0], [0.0], [ou.Sigma * ou.Sigma / (2 * ou.Theta)]),
            LangevinProcess { Target1D: { } t } => t,
            _ => null,
        };
        double[] avg;
        if (exact is not null) avg = CellAverages.Of(g, exact);
        else if (p is PointProcess pp && pp.GibbsWeight(0.5 * (g.Lower + g.Upper), 0) is not null && g.Reflecting)
        {
            // A potential between reflecting walls: e^{-(U - min U)/T} normalised on the domain, cell by cell by 16-point
            // Gauss–Legendre (the shift keeps the weights in range).
            double shift = Enumerable.Range(0, 4 * g.Cells + 1).Min(k => pp.PotentialAt(g.Lower + k * g.H / 4, 0)!.Value);
            avg = Enumerable.Range(0, g.Cells).Select(i =>
                MathNet.Numerics.Integration.GaussLegendreRule.Integrate(x => pp.GibbsWeight(x, 0, shift)!.Value, g.Edge(i), g.Edge(i + 1), 16) / g.H).ToArray();
        }
        else return double.NaN;
        double mass = avg.Sum() * g.H;
        return density.Zip(avg, (a, b) => Math.Abs(a - b / mass)).Sum() * g.H;
    }

    private static double Spread(double[] j, bool periodic)
    {
        var inner = periodic ? j : j.Skip(1).SkipLast(1).ToArray();
        return inner.Length == 0 ? 0 : inner.Max() - inner.Min();
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E2", CultureInfo.InvariantCulture);
}
