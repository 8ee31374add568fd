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
        if (sc.Grid1D is not { } g)
            throw new ArgumentException($"steady: scenario '{sc.Name}' is 2D; the steady solve is 1D for now (run solve to a long time.end instead)", "scenario");
        if (!sc.Process.IsTimeHomogeneous)
            throw new ArgumentException($"steady: process '{sc.Process.Kind}' of scenario '{sc.Name}' depends on time; a steady state needs a drift and g that do not", "scenario");
        c.Check(sc, Scenarios.MemoryEstimate.Solve(sc), "reduce grid.cells");
        string target = c.Writer.SolutionPath(c.OutDir);
        var o = c.Output;
        if (!c.Quiet) o.WriteLine($"scenario {sc.Name}: 1D {sc.Process.Kind}, {g.Cells} cells on [{F(g.Lower)}, {F(g.Upper)}], {g.Boundary.ToString().ToLowerInvariant()}");
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
            o.WriteLine($"current J: mean {E(r.Current.Skip(1).SkipLast(1).DefaultIfEmpty(0).Average())}, spread over the faces {E(Spread(r.Current, g.Boundary))}" +
                (g.Boundary == Boundary.Reflecting ? " (0 at the walls)" : ""));
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
        else if (p is PointProcess pp && pp.GibbsWeight(0.5 * (g.Lower + g.Upper), 0) is not null && g.Boundary == Boundary.Reflecting)
        {
            // A potential between reflecting walls: e^{-U/T} normalised on the domain, cell by cell by 16-point Gauss–Legendre.
            avg = Enumerable.Range(0, g.Cells).Select(i =>
                MathNet.Numerics.Integration.GaussLegendreRule.Integrate(x => pp.GibbsWeight(x, 0)!.Value, g.Edge(i), g.Edge(i + 1), 16) / g.H).ToArray();
        }
        else return double.NaN;
        double mass = avg.Sum() * g.H;
        return density.Zip(avg, (a, b) => Math.Abs(a - b / mass)).Sum() * g.H;
    }

    private static double Spread(double[] j, Boundary b)
    {
        var inner = b == Boundary.Reflecting ? j.Skip(1).SkipLast(1).ToArray() : j;
        return inner.Length == 0 ? 0 : inner.Max() - inner.Min();
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E2", CultureInfo.InvariantCulture);
}
