using System.CommandLine;
using System.Globalization;
using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>'solve': runs the grid solver on a scenario and writes DIR/solution.h5.</summary>
internal static class SolveCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var scenario = CliApp.ScenarioArgument();
        var common = new CommonOptions("out", seed: false, format: true);
        var cmd = new Command("solve", "Evolve the scenario's density on its grid; print mass and errors against the exact marginal per snapshot; " +
            "write DIR/solution.h5 (or DIR/solution/*.csv). Deterministic: no seed.") { scenario };
        common.AddTo(cmd);
        cmd.SetAction(pr => Run(pr.GetValue(scenario), common.Read(pr), cancel));
        return cmd;
    }

    private static int Run(string? scenarioArg, Common c, CancellationToken cancel)
    {
        // Everything that can be wrong with the input is checked before anything is allocated or written.
        var sc = CliApp.LoadScenario(scenarioArg);
        var estimate = MemoryEstimate.Solve(sc);
        c.Check(sc, estimate, "reduce time.snapshots or grid.cells, or set solver.extrapolate to false");
        // Initial mass outside the domain or below the grid's resolution: an input error above solver.tolerance.
        string? massWarning = sc.CheckInitialMass();
        string target = Path.Combine(c.OutDir, c.Csv ? "solution" : "solution.h5");
        var o = c.Output;
        if (!c.Quiet) o.WriteLine($"scenario {sc.Name}: {Describe(sc)}; estimated memory {estimate.Describe()}");
        if (c.DryRun)
        {
            if (!c.Quiet && massWarning is not null) o.WriteLine($"warning: {massWarning}");
            if (!c.Quiet) o.WriteLine($"dry run: scenario and options are valid; would write {target}");
            return ExitCodes.Ok;
        }

        using var backend = c.Backends().Create();
        if (!c.Quiet) o.WriteLine($"backend {backend.Name}");
        var solution = RunProgress.Run(c.Progress, o, p =>
            sc.Solve(backend, sc.Solver with { Cancellation = cancel, Progress = p.Solver("solve", sc.Start, sc.End) }));
        var fields = GridFields.FromSolution(solution, sc.Process);
        // Domain adequacy: a companion solve on a widened domain when mass reaches a wall; influenced cells become untrusted.
        sc.CheckWalls(fields, backend, sc.Solver with { Cancellation = cancel });
        var estimates = ErrorEstimates.Of(fields, sc.Process);

        if (!c.Quiet)
        {
            o.WriteLine($"{"t",10} {"mass",18} {"L1 est",10} {"L1 error",10} {"max error",10} {"score est",10} {"score err",10} {"vel est",10} {"vel err",10}");
            for (int s = 0; s < solution.Times.Length; s++)
            {
                var (l1, mx, se, ve) = Errors(sc, solution, fields, s);
                double el = estimates?.Density[s] ?? double.NaN, es = estimates?.Score[s] ?? double.NaN, ev = estimates?.Velocity[s] ?? double.NaN;
                o.WriteLine($"{F(solution.Times[s]),10} {solution.Masses[s],18:F15} {E(el),10} {E(l1),10} {E(mx),10} {E(es),10} {E(se),10} {E(ev),10} {E(ve),10}");
            }
            o.WriteLine("(est: the tool's estimates, from a companion grid with half or twice the cells and the time controller; error: against the exact " +
                "marginal where one is known. Density: L1 and max over exact cell averages; fields: max |Δ|/(1+|F|) where p ≥ 1e-6 max p)");
            o.WriteLine($"steps: {solution.Steps} accepted, {solution.Rejected} rejected; wall time {solution.WallTime.TotalSeconds:F2} s");
            foreach (var w in solution.Warnings.Concat(fields.Warnings)) o.WriteLine($"warning: {w}");
        }
        cancel.ThrowIfCancellationRequested();
        Directory.CreateDirectory(c.OutDir);
        if (c.Csv) CsvExport.WriteSolution(target, solution, sc.ToJson(), fields, estimates);
        else SolutionFile.Write(target, solution, sc.ToJson(), fields, estimates);
        if (!c.Quiet) o.WriteLine($"wrote {target}");
        return ExitCodes.Ok;
    }

    private static string Describe(Scenario sc)
    {
        string grid = sc.Grid1D is { } g
            ? $"{g.Cells} cells on [{F(g.Lower)}, {F(g.Upper)}]"
            : $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells} cells on [{F(sc.Grid2D.X.Lower)}, {F(sc.Grid2D.X.Upper)}]×[{F(sc.Grid2D.Y.Lower)}, {F(sc.Grid2D.Y.Upper)}]";
        return $"{sc.Dimension}D {sc.Process.Kind}, {grid}, {(sc.Grid1D?.Boundary ?? sc.Grid2D!.Boundary).ToString().ToLowerInvariant()}, " +
               $"{(sc.Process is FlowMatchingProcess ? "continuity (MUSCL + SSP-RK3)" : sc.Solver.Scheme.ToString().ToLowerInvariant())} scheme, " +
               $"t in [{F(sc.Start)}, {F(sc.End)}], {sc.Snapshots} snapshots";
    }

    private static (double L1, double Max, double Score, double Velocity) Errors(Scenario sc, GridSolution sol, GridFields fields, int s)
    {
        double t = sol.Times[s];
        if (sc.Grid1D is { } g)
        {
            var exact = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t);
            if (exact is null) return (double.NaN, double.NaN, double.NaN, double.NaN);
            var (l1, mx) = ErrorNorms.Compare(sol.Densities[s], FokkerPlanckSolver.CellAverages(g, exact), g.H);
            var (se, ve) = FieldErrors.Relative(fields, s, exact, null);
            return (l1, mx, se, ve);
        }
        var exact2 = ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, t);
        if (exact2 is null) return (double.NaN, double.NaN, double.NaN, double.NaN);
        var (a, b) = ErrorNorms.Compare(sol.Densities[s], FokkerPlanckSolver.CellAverages(sc.Grid2D!, exact2), sc.Grid2D!.CellArea);
        var (c, d) = FieldErrors.Relative(fields, s, null, exact2);
        return (a, b, c, d);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E2", CultureInfo.InvariantCulture);
}
