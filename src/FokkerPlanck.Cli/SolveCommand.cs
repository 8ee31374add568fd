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
        var outDir = new Option<string>("--out", "-o") { Description = "Output directory", DefaultValueFactory = _ => "out" };
        var backend = CliApp.BackendOption();
        var threads = CliApp.ThreadsOption();
        var quiet = CliApp.QuietOption();
        var cmd = new Command("solve", "Evolve the scenario's density on its grid; print mass and errors against the exact marginal per snapshot")
        {
            scenario, outDir, backend, threads, quiet,
        };
        cmd.SetAction(pr => Run(pr.GetValue(scenario), pr.GetValue(outDir)!, pr.GetValue(backend)!, pr.GetValue(threads),
            pr.GetValue(quiet), pr.InvocationConfiguration.Output, cancel));
        return cmd;
    }

    private static int Run(string? scenarioArg, string outDir, string backendName, int? threads, bool quiet, TextWriter o, CancellationToken cancel)
    {
        // Everything that can be wrong with the input is checked before anything is written.
        var sc = CliApp.LoadScenario(scenarioArg);
        if (threads is < 1) throw new ArgumentOutOfRangeException("--threads", threads, $"--threads must be ≥ 1 (got {threads})");
        string target = Path.Combine(outDir, "solution.h5");
        if (File.Exists(outDir)) throw new ArgumentException($"--out '{outDir}' is a file, not a directory", "--out");

        using var backend = BackendSelector.Create(backendName, threads);
        if (!quiet)
        {
            string grid = sc.Grid1D is { } g
                ? $"{g.Cells} cells on [{F(g.Lower)}, {F(g.Upper)}]"
                : $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells} cells on [{F(sc.Grid2D.X.Lower)}, {F(sc.Grid2D.X.Upper)}]×[{F(sc.Grid2D.Y.Lower)}, {F(sc.Grid2D.Y.Upper)}]";
            o.WriteLine($"scenario {sc.Name}: {sc.Dimension}D {sc.Process.Kind}, {grid}, {(sc.Grid1D?.Boundary ?? sc.Grid2D!.Boundary).ToString().ToLowerInvariant()}, " +
                        $"{(sc.Process is FlowMatchingProcess ? "continuity (MUSCL + SSP-RK3)" : sc.Solver.Scheme.ToString().ToLowerInvariant())} scheme, backend {backend.Name}");
        }
        var solution = sc.Solve(backend, sc.Solver with { Cancellation = cancel });
        var fields = GridFields.FromSolution(solution, sc.Process);

        if (!quiet)
        {
            o.WriteLine($"{"t",10} {"mass",18} {"L1 error",12} {"max error",12} {"score err",12} {"velocity err",12}");
            for (int s = 0; s < solution.Times.Length; s++)
            {
                var (l1, mx, se, ve) = Errors(sc, solution, fields, s);
                o.WriteLine($"{F(solution.Times[s]),10} {solution.Masses[s],18:F15} {E(l1),12} {E(mx),12} {E(se),12} {E(ve),12}");
            }
            o.WriteLine("(density errors: L1 and max against exact cell averages; field errors: max |Δ|/(1+|exact|) where the exact p ≥ 1e-6 max p)");
            o.WriteLine($"steps: {solution.Steps} accepted, {solution.Rejected} rejected; wall time {solution.WallTime.TotalSeconds:F2} s");
            foreach (var w in solution.Warnings) o.WriteLine($"warning: {w}");
        }
        Directory.CreateDirectory(outDir);
        SolutionFile.Write(target, solution, sc.ToJson(), fields);
        if (!quiet) o.WriteLine($"wrote {target}");
        return ExitCodes.Ok;
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

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E3", CultureInfo.InvariantCulture);
}
