using System.CommandLine;
using System.Globalization;
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
        var tolerance = CliApp.ToleranceOption();
        var exact = new Option<bool>("--exact")
        {
            Description = "Also write the exact fields beside the grid's (exactDensity: cell averages; exactScore, exactVelocity: at the centres), " +
                "for scenarios whose marginals are known",
        };
        var reproducible = new Option<bool>("--reproducible") { Description = "Leave the wall time out of the file: identical runs give identical bytes" };
        var cmd = new Command("solve", "Evolve the scenario's density on its grid (or on a grid chosen for --tolerance); print per snapshot the mass, " +
            "the errors against the exact marginal and the tool's error estimates; write DIR/solution.h5 (or DIR/solution/*.csv). Deterministic: no seed.")
        {
            scenario, tolerance, exact, reproducible,
        };
        common.AddTo(cmd);
        cmd.SetAction(pr => Run(pr.GetValue(scenario), pr.GetValue(tolerance), pr.GetValue(exact), pr.GetValue(reproducible), common.Read(pr), cancel));
        return cmd;
    }

    // Long by design: the command's steps in the order the user sees them (scenario, checks, dry run, grid choice, solve,
    // table, advice, file), each a call or a line of output.
    private static int Run(string? scenarioArg, double? tolerance, bool exact, bool reproducible, Common c, CancellationToken cancel)
    {
        if (tolerance is double tol && !(tol > 0 && double.IsFinite(tol)))
            throw new ArgumentOutOfRangeException("--tolerance", tol, $"--tolerance must be > 0 and finite (got {tol})");
        // Everything that can be wrong with the input is checked before anything is allocated or written.
        var sc = CliApp.LoadScenario(scenarioArg);
        if (exact && !sc.HasExactMarginal)
            throw new ArgumentException($"--exact: no exact marginal is known for scenario '{sc.Name}' ({sc.Process.Kind} from its initial density)", "--exact");
        var estimate = MemoryEstimate.Solve(sc);
        c.Check(sc, estimate, "reduce time.snapshots or grid.cells, or set solver.extrapolate to false");
        // Initial mass outside the domain or below the grid's resolution: an input error above solver.tolerance (with
        // --tolerance the tool widens or refines instead).
        string? massWarning = tolerance is null ? CliApp.CheckInitialMass(sc, c) : null;
        string target = c.Writer.SolutionPath(c.OutDir);
        var o = c.Output;
        if (!c.Quiet) o.WriteLine($"scenario {sc.Name}: {Describe(sc)}; estimated memory {estimate.Describe()}");
        if (!c.Quiet) foreach (var n in sc.Notes) o.WriteLine($"note: {n}");
        if (c.DryRun)
        {
            if (!c.Quiet && massWarning is not null) o.WriteLine($"warning: {massWarning}");
            if (!c.Quiet) o.WriteLine($"dry run: scenario and options are valid; would write {target}");
            return ExitCodes.Ok;
        }

        using var backend = c.Backends().Create();
        if (!c.Quiet) o.WriteLine($"backend {backend.Name}");
        GridSolution solution; GridFields fields; ErrorEstimates? estimates;
        if (tolerance is double goal)
        {
            if (!c.Quiet) o.WriteLine($"choosing the grid for a tolerance of {goal:E1} (L1 density error and score / PF-velocity errors, every snapshot)");
            var chosen = RunProgress.Run(c.Progress, o, p => AccuracyTarget.Solve(sc, goal, s => s.Solve(backend, s.Solver with
            {
                Cancellation = cancel, Progress = p.Solver($"solve {AccuracyTarget.Describe(s)}", s.Start, s.End),
            }), c.MaxMemory, c.Quiet ? null : line => o.WriteLine(line)));
            sc = chosen.Scenario;
            (solution, fields, estimates) = (chosen.Solution, chosen.Fields, chosen.Estimates);
            if (!c.Quiet) o.WriteLine($"chose {AccuracyTarget.Describe(sc)}, time tolerance {sc.Solver.Tolerance:E1} (recorded in the file's scenario)");
        }
        else
        {
            solution = RunProgress.Run(c.Progress, o, p =>
                sc.Solve(backend, sc.Solver with { Cancellation = cancel, Progress = p.Solver("solve", sc.Start, sc.End) }));
            fields = GridFields.FromSolution(solution, sc.Process);
            estimates = ErrorEstimates.Of(fields, sc.Process, sc.Initial1D, sc.Initial2D);
        }
        // The written fields carry the probability current (the accuracy target's and the estimates' fields do not need it).
        fields = GridFields.FromSolution(solution, sc.Process, fields.Trust, withCurrent: true);
        // Domain adequacy: a companion solve on a widened domain when mass reaches a wall; influenced cells become untrusted.
        sc.CheckWalls(fields, backend, sc.Solver with { Cancellation = cancel });

        var errors = Enumerable.Range(0, solution.Times.Length).Select(s => Errors(sc, solution, fields, s)).ToArray();
        if (!c.Quiet)
        {
            o.WriteLine($"{"t",10} {"mass",18} {"L1 error",10} {"max error",10} {"score err",10} {"vel err",10} {"L1 est",10} {"score est",10} {"vel est",10}");
            for (int s = 0; s < solution.Times.Length; s++)
            {
                var (l1, mx, se, ve) = errors[s];
                double el = estimates?.Density[s] ?? double.NaN, es = estimates?.Score[s] ?? double.NaN, ev = estimates?.Velocity[s] ?? double.NaN;
                o.WriteLine($"{F(solution.Times[s]),10} {solution.Masses[s],18:F15} {E(l1),10} {E(mx),10} {E(se),10} {E(ve),10} {E(el),10} {E(es),10} {E(ev),10}");
            }
            o.WriteLine("(error: against the exact marginal where one is known; est: the tool's own estimates, from a companion grid with half or twice " +
                "the cells and the time controller. Density: L1 and max over exact cell averages; fields: max |Δ|/(1+|F|) where p ≥ 1e-6 max p)");
            o.WriteLine($"steps: {solution.Steps} accepted, {solution.Rejected} rejected; wall time {solution.WallTime.TotalSeconds:F2} s");
            foreach (var w in solution.Warnings.Concat(fields.Warnings)) o.WriteLine($"warning: {w}");
            // The exact marginal is the unbounded process's law: where a wall changes the solution (an absorbing side above all)
            // the error columns measure the wall as well as the grid.
            if (fields.Walls is { Walls.Count: > 0 } && double.IsFinite(errors[^1].L1))
                o.WriteLine("note: the exact marginal is the process's law on the unbounded domain; the wall(s) named above change this solution, " +
                    "so the error columns (and --exact fields) include the walls' effect, not only the grid's; the estimates (est) are the grid's alone");
            if (tolerance is null && estimates is not null) Advise(sc, estimates, o);
        }
        cancel.ThrowIfCancellationRequested();
        Directory.CreateDirectory(c.OutDir);
        var exactFields = exact ? ExactGridFields.Of(solution, sc.Process, sc.Initial1D, sc.Initial2D, sc.Start) : null;
        if (exact && exactFields is null && !c.Quiet)
            o.WriteLine($"note: --exact: no exact fields written ({(sc.Initial1D is PointMasses1D ? "a point mass has no score at its start time" : "no exact marginal is known for this scenario")})");
        c.Writer.WriteSolution(target, new SolutionOutput(solution, sc.ToJson(), fields, estimates, exactFields, reproducible));
        RunSummary.Write(c.OutDir, "solve", sc.Name,
        [
            ("l1Error", RunSummary.MaxFinite(errors.Select(e => e.L1))), ("maxError", RunSummary.MaxFinite(errors.Select(e => e.Max))),
            ("scoreError", RunSummary.MaxFinite(errors.Select(e => e.Score))), ("velocityError", RunSummary.MaxFinite(errors.Select(e => e.Velocity))),
            ("l1Estimate", RunSummary.MaxFinite(estimates?.Density ?? [])), ("scoreEstimate", RunSummary.MaxFinite(estimates?.Score ?? [])),
            ("velocityEstimate", RunSummary.MaxFinite(estimates?.Velocity ?? [])),
            ("massDrift", solution.Masses.Max(m => Math.Abs(m - solution.Masses[0]))),
            ("cells", sc.Grid1D?.Cells ?? (double)sc.Grid2D!.Count), ("steps", solution.Steps), ("rejectedSteps", solution.Rejected),
        ]);
        if (!c.Quiet) o.WriteLine($"wrote {target}");
        return ExitCodes.Ok;
    }

    /// <summary>Estimates above this are called out as a warning when no --tolerance was given: beyond 1e-4 the fields
    /// differ visibly in plots and particle statistics at 10⁶ samples can resolve the density error.</summary>
    public const double AdviceThreshold = 1e-4;

    // Without a target: the largest estimates, and what would fix them.
    private static void Advise(Scenario sc, ErrorEstimates est, TextWriter o)
    {
        double d = est.Density.Max(), f = Math.Max(est.Score.Max(), est.Velocity.Max());
        string largest = $"largest estimates: L1 {E(d)}, fields {E(f)}";
        if (Math.Max(d, f) > AdviceThreshold)
            o.WriteLine($"warning: {largest} (above {E(AdviceThreshold)}): use more cells, or --tolerance E to let the tool choose the grid");
        else
            o.WriteLine($"{largest}; --tolerance E refines the grid until every estimate meets E");
    }

    private static string Describe(Scenario sc)
    {
        string grid = sc.Grid1D is { } g
            ? $"{g.Cells} cells on [{F(g.Lower)}, {F(g.Upper)}]"
            : $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells} cells on [{F(sc.Grid2D.X.Lower)}, {F(sc.Grid2D.X.Upper)}]×[{F(sc.Grid2D.Y.Lower)}, {F(sc.Grid2D.Y.Upper)}]";
        return $"{sc.Dimension}D {sc.Process.Kind}, {grid}, {sc.Grid1D?.BoundaryName ?? sc.Grid2D!.BoundaryName}, " +
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
            var (l1, mx) = ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(g, exact), g.H);
            var (se, ve) = FieldErrors.Relative(fields, s, exact, null);
            return (l1, mx, se, ve);
        }
        var exact2 = ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, t);
        if (exact2 is null) return (double.NaN, double.NaN, double.NaN, double.NaN);
        var (a, b) = ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(sc.Grid2D!, exact2), sc.Grid2D!.CellArea);
        var (c, d) = FieldErrors.Relative(fields, s, null, exact2);
        return (a, b, c, d);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E2", CultureInfo.InvariantCulture);
}
