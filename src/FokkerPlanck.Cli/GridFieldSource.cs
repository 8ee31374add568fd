using System.CommandLine;
using FokkerPlanck.Backends;
using FokkerPlanck.Fields;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>
/// Where 'simulate' and 'eval' get grid fields: by solving the scenario at the times <see cref="FieldTimeline"/> chooses
/// for the --field-tolerance (optionally on a grid chosen for --tolerance), or from a stored solution.h5 (--fields FILE),
/// whose fields are recomputed from its densities (bit-identical to the ones it stores) and whose time-interpolation
/// error is reported, with a warning when it exceeds the --field-tolerance or cannot be estimated.
/// </summary>
internal static class GridFieldSource
{
    public static Option<string?> FieldsOption() => new("--fields")
    {
        Description = "Reuse the grid of a solution.h5 written by solve (its scenario is used; no scenario argument needed) instead of solving again",
    };

    public static Option<double> FieldToleranceOption() => new("--field-tolerance")
    {
        Description = "Grid fields: bound on their time-interpolation error, max |Δ|/(1+|F|) of score and PF velocity over the trusted cells; " +
            "the field times are chosen to meet it, whatever time.snapshots is (with --fields: a warning when the file's snapshots do not meet it)",
        DefaultValueFactory = _ => new FieldTimelineOptions().Tolerance,
    };

    /// <summary>The scenario: the stored solution's when --fields is given (a scenario argument must then not differ), else the argument's.</summary>
    public static (Scenario Scenario, StoredSolution? Stored) Scenario(string? scenarioArg, string? fieldsFile)
    {
        if (fieldsFile is null) return (CliApp.LoadScenario(scenarioArg), null);
        var stored = SolutionReader.Read(fieldsFile);
        if (scenarioArg is not null)
        {
            var given = CliApp.LoadScenario(scenarioArg);
            if (given.Name != stored.Scenario.Name)
                throw new ArgumentException($"--fields {fieldsFile} was solved for scenario '{stored.Scenario.Name}', not '{given.Name}': leave the scenario argument out", "--fields");
        }
        return (stored.Scenario, stored);
    }

    /// <summary>Builds or loads the fields and, when asked, their estimates at the cell centres (null when unknown or not
    /// asked: they take a second field computation on the companion grid); prints what it did unless quiet.</summary>
    // Long by design: the two sources side by side, each a few calls and the lines the user reads.
    public static (Scenario Scenario, GridFields Fields, ErrorEstimates? Estimates) Get(Scenario sc, StoredSolution? stored, double? tolerance, FieldTimelineOptions timeline,
        Common c, IBackend backend, RunProgress p, CancellationToken cancel, bool estimates = false)
    {
        var w = c.Output;
        if (stored is not null)
        {
            var f = GridFields.FromSolution(stored.Solution, sc.Process);
            double err = f.TimeInterpolationError;
            if (!c.Quiet)
            {
                w.WriteLine($"fields from the stored solution: {f.Times.Length} snapshots on {Describe(sc)}; time-interpolation error bound " +
                    (double.IsNaN(err) ? "n/a" : err.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)));
                if (double.IsNaN(err))
                    w.WriteLine($"warning: with {f.Times.Length} snapshots (fewer than 5) the time-interpolation error of the stored fields cannot be estimated: " +
                        "values between snapshots may be less accurate than the grid; solve with more time.snapshots, or leave out --fields");
                else if (err > timeline.Tolerance)
                    w.WriteLine($"warning: the stored fields' time-interpolation error bound {err:E2} exceeds --field-tolerance {timeline.Tolerance:E1}: " +
                        "values between snapshots are limited by it; solve with more time.snapshots, or leave out --fields to let the tool choose the times");
            }
            return (sc, f, stored.Estimates);
        }
        if (!c.Quiet) w.WriteLine($"solving {sc.Name} on its grid for the fields (backend {backend.Name}) at times chosen for a time-interpolation error ≤ {timeline.Tolerance:E1} ...");
        if (tolerance is double goal)
        {
            if (!c.Quiet) w.WriteLine($"choosing the grid for a tolerance of {goal:E1} ...");
            sc = AccuracyTarget.Solve(sc, goal, s => s.Solve(backend, s.Solver with
            {
                Cancellation = cancel, Progress = p.Solver($"solve {AccuracyTarget.Describe(s)}", s.Start, s.End),
            }), c.MaxMemory, c.Quiet ? null : line => w.WriteLine(line)).Scenario;
            if (!c.Quiet) w.WriteLine($"chose {AccuracyTarget.Describe(sc)}");
        }
        int round = 0;
        var built = FieldTimeline.Build(t => sc.Solve(backend, sc.Solver with
        {
            Cancellation = cancel, Progress = p.Solver($"grid fields, round {++round}", sc.Start, sc.End),
        }, t), sc.Process, sc.Times, timeline with { Progress = p.Timeline() });
        var fields = built.Fields;
        // Domain adequacy of the fields: warns only (the fields are used as computed).
        sc.CheckWalls(fields, backend, sc.Solver with { Cancellation = cancel });
        if (!c.Quiet)
        {
            w.WriteLine($"fields at {fields.Times.Length} times after {built.Rounds} solve(s); time-interpolation error bound {built.InterpolationError:E2}");
            foreach (var warning in built.Warnings.Concat(fields.Warnings)) w.WriteLine($"warning: {warning}");
        }
        return (sc, fields, estimates ? ErrorEstimates.Of(fields, sc.Process, sc.Initial1D, sc.Initial2D) : null);
    }

    private static string Describe(Scenario sc) => sc.Grid1D is { } g
        ? $"{g.Cells} cells on [{g.Lower}, {g.Upper}]"
        : $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells} cells";
}
