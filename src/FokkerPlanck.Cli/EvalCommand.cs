using System.CommandLine;
using System.Globalization;
using FokkerPlanck.Fields;
using FokkerPlanck.IO;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>'eval': the fields (grid and exact where known) at a user's points and times; writes DIR/eval.h5 or DIR/eval.csv.</summary>
internal static class EvalCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var scenario = CliApp.ScenarioArgument();
        var points = new Option<string>("--points")
        {
            Description = "Points: CSV (columns x[, y], header optional), HDF5 (dataset 'points' (N) or (N, 2), or a particles.h5's last 'positions') or .npy (N) / (N, 2)",
            Required = true,
        };
        var times = new Option<string?>("--times") { Description = "Comma-separated times in [time.start, time.end] (default: the scenario's snapshot times)" };
        var lambdas = new Option<string?>("--lambda")
        {
            Description = "Comma-separated λ ≥ 0: also write the forward drift f + ½(λ - 1) g² s and the reverse-clock drift -f + ½(1 + λ) g² s (λ = 1: SDE, 0: PF-ODE)",
        };
        var field = new Option<string>("--field") { Description = "grid: grid values, and exact ones where known; exact: exact values only (no solve)", DefaultValueFactory = _ => "grid" }
            .AcceptOnlyFromAmong("grid", "exact");
        var format = new Option<string>("--format") { Description = "h5 (netCDF-4/CF, one file) or csv (one row per time and point)", DefaultValueFactory = _ => "h5" }
            .AcceptOnlyFromAmong("h5", "csv");
        var fieldsFile = GridFieldSource.FieldsOption();
        var fieldTolerance = GridFieldSource.FieldToleranceOption();
        var tolerance = CliApp.ToleranceOption();
        var common = new CommonOptions("out", seed: false, format: false);
        var cmd = new Command("eval", "Evaluate density, score, PF velocity and lambda drifts at the points of a file and the given times, " +
            "by the particles' interpolation rule, with per-point error estimates and the exact values where known; write DIR/eval.h5 (or DIR/eval.csv)")
        {
            scenario, points, times, lambdas, field, format, fieldsFile, fieldTolerance, tolerance,
        };
        common.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            var timeline = new FieldTimelineOptions { Tolerance = pr.GetValue(fieldTolerance), Cancellation = cancel };
            var request = new Request(pr.GetValue(scenario), pr.GetValue(fieldsFile), pr.GetValue(points)!, pr.GetValue(times), pr.GetValue(lambdas),
                pr.GetValue(field) == "grid", pr.GetValue(format)!);
            return Run(request, timeline, pr.GetValue(tolerance), common.Read(pr), cancel);
        });
        return cmd;
    }

    private sealed record Request(string? Scenario, string? Fields, string Points, string? Times, string? Lambdas, bool Grid, string Format);

    // Long by design: the command's steps in the order the user sees them (inputs, checks, dry run, fields, evaluation,
    // summary, file).
    private static int Run(Request q, FieldTimelineOptions timeline, double? tolerance, Common c, CancellationToken cancel)
    {
        if (tolerance is double tol && !(tol > 0 && double.IsFinite(tol)))
            throw new ArgumentOutOfRangeException("--tolerance", tol, $"--tolerance must be > 0 and finite (got {tol})");
        var (sc, stored) = GridFieldSource.Scenario(q.Scenario, q.Fields);
        if (stored is not null && !q.Grid) throw new ArgumentException("--fields gives grid fields: leave out --field exact, or --fields", "--fields");
        if (stored is not null && tolerance is not null)
            throw new ArgumentException("--tolerance chooses a new grid, --fields reuses a stored one: give one of them", "--tolerance");
        timeline.Validate();
        double[] t = q.Times is null ? sc.Times : Numbers(q.Times, "--times");
        foreach (double v in t)
            if (!(v >= sc.Start && v <= sc.End))
                throw new ArgumentOutOfRangeException("--times", v, $"--times must lie in the scenario's [{sc.Start}, {sc.End}] (got {v})");
        double[] lambda = q.Lambdas is null ? [] : Numbers(q.Lambdas, "--lambda");
        foreach (double l in lambda)
            if (!(l >= 0)) throw new ArgumentOutOfRangeException("--lambda", l, $"--lambda must be ≥ 0 (got {l})");
        var pts = PointFile.Read(q.Points, sc.Dimension, "--points");
        if (!q.Grid && !sc.HasExactMarginal)
            throw new ArgumentException($"--field exact: no exact marginal is known for scenario '{sc.Name}' ({sc.Process.Kind}): use --field grid", "--field");
        var estimate = MemoryEstimate.Simulate(sc, 1, 1, 0, q.Grid && stored is null);
        c.Check(sc, estimate, "reduce time.snapshots or grid.cells");
        string target = Path.Combine(c.OutDir, q.Format == "csv" ? "eval.csv" : "eval.h5");
        var w = c.Output;
        if (!c.Quiet)
        {
            w.WriteLine($"scenario {sc.Name}: {sc.Dimension}D {sc.Process.Kind}; {pts.Count} points from {pts.Source}; {t.Length} time(s)");
            foreach (var n in sc.Notes) w.WriteLine($"note: {n}");
        }
        if (c.DryRun)
        {
            if (!c.Quiet) w.WriteLine($"dry run: scenario, points and options are valid; would write {target}");
            return ExitCodes.Ok;
        }

        using var backend = c.Backends().Create();
        var (e, warnings) = RunProgress.Run(c.Progress, w, p =>
        {
            GridFields? fields = null;
            ErrorEstimates? centre = null;
            if (q.Grid) (sc, fields, centre) = GridFieldSource.Get(sc, stored, tolerance, timeline, c, backend, p, cancel, estimates: true);
            cancel.ThrowIfCancellationRequested();
            var ev = PointEvaluation.Evaluate(fields, sc.Process, sc.Initial1D, sc.Initial2D, sc.Start, sc.End, pts.X, pts.Y, t, lambda, centre);
            var notes = new List<string>();
            if (fields is not null)
            {
                if (ev.Outside > 0)
                    notes.Add($"{ev.Outside} of {pts.Count} points lie outside the grid's domain: their grid values are NaN (widen grid.lower / grid.upper)");
                if (!ev.CentreEstimateIncluded)
                    notes.Add("the fields came without estimates at the cell centres: the error estimates cover interpolation in space and time only");
                notes.AddRange(fields.Warnings);
            }
            return (ev, notes);
        });
        if (!c.Quiet) Summary(e, w);
        if (!c.Quiet) foreach (var n in warnings) w.WriteLine($"warning: {n}");
        cancel.ThrowIfCancellationRequested();
        Directory.CreateDirectory(c.OutDir);
        if (q.Format == "csv") EvaluationFile.WriteCsv(target, e, pts.X, pts.Y);
        else
            EvaluationFile.WriteHdf5(target, e, pts.X, pts.Y,
            [
                new("scenario", sc.ToJson()), new("points", pts.Source), new("toolVersion", SolutionFile.ToolVersion),
                new("field", q.Grid ? "grid" : "exact"), new("fields", q.Fields ?? "solved"), new("warnings", string.Join("\n", warnings)),
            ]);
        if (!c.Quiet) w.WriteLine($"wrote {target}");
        return ExitCodes.Ok;
    }

    // Per time: the largest error estimates and, where the exact fields are known, the largest measured errors over the
    // points inside the domain where the density is at least 1e-6 of its largest value and the trust weight is 1.
    private static void Summary(PointEvaluation e, TextWriter w)
    {
        if (e.Density is null)
        {
            w.WriteLine($"exact values at {e.Times.Length} time(s)");
            return;
        }
        bool exact = e.ExactDensity is not null;
        w.WriteLine($"{"t",10} {"score est",10} {"vel est",10}" + (exact ? $" {"score err",10} {"vel err",10} {"p err",10} {"p est",10}" : ""));
        int n = e.Density.GetLength(1);
        for (int k = 0; k < e.Times.Length; k++)
        {
            double pmax = 0;
            for (int i = 0; i < n; i++) if (double.IsFinite(e.Density[k, i])) pmax = Math.Max(pmax, e.Density[k, i]);
            double es = 0, ev = 0, ms = 0, mv = 0, mp = 0, ep = 0;
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(e.Density[k, i]) || e.Density[k, i] < 1e-6 * pmax || e.Weight![k, i] < 1) continue;
                es = Math.Max(es, e.ScoreErrorEstimate![k, i]); ev = Math.Max(ev, e.VelocityErrorEstimate![k, i]);
                ep = Math.Max(ep, e.DensityErrorEstimate![k, i]);
                if (!exact) continue;
                ms = Math.Max(ms, Relative(e.Score!, e.ExactScore!, k, i));
                mv = Math.Max(mv, Relative(e.Velocity!, e.ExactVelocity!, k, i));
                mp = Math.Max(mp, Math.Abs(e.Density[k, i] - e.ExactDensity![k, i]));
            }
            w.WriteLine($"{F(e.Times[k]),10} {E(es),10} {E(ev),10}" + (exact ? $" {E(ms),10} {E(mv),10} {E(mp),10} {E(ep),10}" : ""));
        }
        w.WriteLine("(fields: max |Δ|/(1+|F|), density: max |Δ|, over the points inside the domain with p ≥ 1e-6 max p and trust weight 1; " +
            "est: the tool's estimate (interpolation between centres and snapshots, plus the centres' own estimate); err: against the exact marginal)");
    }

    /// <summary>max over components of |a - b| / (1 + |b|) at [k, i].</summary>
    internal static double Relative(Array a, Array b, int k, int i)
    {
        if (a is double[,] a1) return Math.Abs(a1[k, i] - ((double[,])b)[k, i]) / (1 + Math.Abs(((double[,])b)[k, i]));
        var a2 = (double[,,])a; var b2 = (double[,,])b;
        return Math.Max(Math.Abs(a2[k, i, 0] - b2[k, i, 0]) / (1 + Math.Abs(b2[k, i, 0])), Math.Abs(a2[k, i, 1] - b2[k, i, 1]) / (1 + Math.Abs(b2[k, i, 1])));
    }

    private static double[] Numbers(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new ArgumentException($"{option}: '{parts[i]}' is not a finite number (give a comma-separated list, e.g. 0,0.5,1)", option);
        return v;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => double.IsNaN(v) ? "n/a" : v.ToString("E2", CultureInfo.InvariantCulture);
}
