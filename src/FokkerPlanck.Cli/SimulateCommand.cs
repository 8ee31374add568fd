using System.CommandLine;
using System.Globalization;
using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>'simulate': particles of a member of the lambda-family, driven by grid or exact fields; writes DIR/particles.h5.</summary>
internal static class SimulateCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var scenario = CliApp.ScenarioArgument();
        var dynamics = new Option<string>("--dynamics", "-d")
        {
            Description = "forward-sde, reverse-sde, pf-ode or lambda=X (X ≥ 0; 1 is the SDE, 0 the PF-ODE)", DefaultValueFactory = _ => "reverse-sde",
        };
        var direction = new Option<string?>("--direction")
        {
            Description = "forward or reverse, for pf-ode and lambda=X (default reverse: from time.end back to time.start)",
        }.AcceptOnlyFromAmong("forward", "reverse");
        var particles = new Option<int>("--particles", "-n")
        {
            Description = "Number of particles (any JSON number form: 100000, 1e5)", DefaultValueFactory = _ => 10_000, CustomParser = WholeNumbers.Int("--particles", 1),
        };
        var steps = new Option<int>("--steps", "-k")
        {
            Description = "Time steps from the first snapshot to the last (dopri5: intervals)", DefaultValueFactory = _ => 200, CustomParser = WholeNumbers.Int("--steps", 1),
        };
        var field = new Option<string>("--field") { Description = "Fields: grid (the solver's, interpolated) or exact (analytic mixtures)", DefaultValueFactory = _ => "grid" }
            .AcceptOnlyFromAmong("grid", "exact");
        var integrator = new Option<string?>("--integrator")
        {
            Description = $"{string.Join(", ", Integrators.Names)} (default: sra1 for an SDE, rk4 for the PF-ODE; heun, rk4, dopri5 only for the PF-ODE)",
        };
        var trajectories = new Option<int>("--trajectories")
        {
            Description = "Record every step of the first M particles", DefaultValueFactory = _ => 0, CustomParser = WholeNumbers.Int("--trajectories", 0),
        };
        var rtol = new Option<double>("--rtol") { Description = "dopri5 relative tolerance", DefaultValueFactory = _ => 1e-6 };
        var atol = new Option<double>("--atol") { Description = "dopri5 absolute tolerance", DefaultValueFactory = _ => 1e-9 };
        var fieldTolerance = GridFieldSource.FieldToleranceOption();
        var fieldsFile = GridFieldSource.FieldsOption();
        var start = new Option<string?>("--start")
        {
            Description = "Start from these points instead of sampling (CSV, HDF5 'points' or a particles.h5's last 'positions', or .npy; " +
                "at time.start for forward dynamics, at time.end for reverse); --particles is then their number",
        };
        var tolerance = CliApp.ToleranceOption();
        var reproducible = new Option<bool>("--reproducible") { Description = "Leave the wall time out of the file: identical runs give identical bytes" };
        var common = new CommonOptions("out", seed: true, format: true);
        var cmd = new Command("simulate", "Simulate particles of the forward SDE, reverse SDE, PF-ODE or lambda-family with grid or exact fields; " +
            "write DIR/particles.h5 (or DIR/particles/*.csv)")
        {
            scenario, dynamics, direction, particles, steps, field, integrator, trajectories, rtol, atol, fieldTolerance, fieldsFile, start, tolerance, reproducible,
        };
        common.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            string? dir = pr.GetValue(direction);
            var d = Dynamics.Parse(pr.GetValue(dynamics)!, dir is null ? null : dir == "forward" ? DynamicsDirection.Forward : DynamicsDirection.Reverse);
            string? integ = pr.GetValue(integrator);
            var c = common.Read(pr);
            var o = new ParticleOptions
            {
                Dynamics = d, Particles = pr.GetValue(particles), Steps = pr.GetValue(steps), Seed = c.Seed,
                Field = pr.GetValue(field) == "exact" ? FieldKind.Exact : FieldKind.Grid,
                Integrator = integ is null ? null : Integrators.Parse(integ), Trajectories = pr.GetValue(trajectories),
                RelativeTolerance = pr.GetValue(rtol), AbsoluteTolerance = pr.GetValue(atol), Cancellation = cancel,
            };
            var timeline = new FieldTimelineOptions { Tolerance = pr.GetValue(fieldTolerance), Cancellation = cancel };
            var inputs = new Inputs(pr.GetValue(scenario), pr.GetValue(fieldsFile), pr.GetValue(start), pr.Tokens.Any(t => t.Value is "--particles" or "-n"));
            return Run(inputs, o, timeline, pr.GetValue(tolerance), pr.GetValue(reproducible), c, cancel);
        });
        return cmd;
    }

    // Long by design: the command's steps in the order the user sees them (scenario, checks, dry run, grid fields, particles,
    // summary, file), each a call; splitting would only pass the common options around.
    private static int Run(Inputs inputs, ParticleOptions o, FieldTimelineOptions timeline, double? tolerance, bool reproducible, Common c,
        CancellationToken cancel)
    {
        if (tolerance is double tol && !(tol > 0 && double.IsFinite(tol)))
            throw new ArgumentOutOfRangeException("--tolerance", tol, $"--tolerance must be > 0 and finite (got {tol})");
        // Everything that can be wrong with the input is checked before anything is allocated, computed or written.
        var (sc, stored) = GridFieldSource.Scenario(inputs.Scenario, inputs.Fields);
        if (stored is not null && tolerance is not null)
            throw new ArgumentException("--tolerance chooses a new grid, --fields reuses a stored one: give one of them", "--tolerance");
        if (stored is not null && o.Field == FieldKind.Exact)
            throw new ArgumentException("--fields gives grid fields: leave out --field exact, or --fields", "--fields");
        var startPoints = inputs.Start is null ? null : IO.PointFile.Read(inputs.Start, sc.Dimension, "--start");
        if (startPoints is not null)
        {
            if (inputs.ParticlesGiven && o.Particles != startPoints.Count)
                throw new ArgumentException($"--particles {o.Particles} differs from the {startPoints.Count} points of --start {startPoints.Source}: leave out --particles", "--particles");
            o = o with { Particles = startPoints.Count, Trajectories = Math.Min(o.Trajectories, startPoints.Count) };
        }
        o.Validate();
        timeline.Validate();
        if (o.Steps < sc.Snapshots - 1)
            throw new ArgumentOutOfRangeException("--steps", o.Steps, $"--steps must be ≥ the scenario's {sc.Snapshots - 1} snapshot intervals (got {o.Steps})");
        bool needGrid = o.Field == FieldKind.Grid;
        if (!needGrid) CheckExact(sc);
        var estimate = MemoryEstimate.Simulate(sc, o.Particles, o.Steps, o.Trajectories, needGrid);
        c.Check(sc, estimate, "use fewer --particles or --trajectories, reduce time.snapshots" + (needGrid ? " or grid.cells, set solver.extrapolate to false" : ""));
        // Grid fields start from the grid's initial cell averages: refuse an initial density the grid cannot hold.
        string? massWarning = needGrid && tolerance is null && stored is null ? CliApp.CheckInitialMass(sc, c) : null;
        string target = c.Writer.ParticlePath(c.OutDir);
        var w = c.Output;
        if (!c.Quiet) w.WriteLine($"scenario {sc.Name}: {sc.Dimension}D {sc.Process.Kind}; estimated memory {estimate.Describe()}");
        if (!c.Quiet) foreach (var n in sc.Notes) w.WriteLine($"note: {n}");
        if (!c.Quiet && massWarning is not null) w.WriteLine($"warning: {massWarning}");
        if (c.DryRun)
        {
            if (!c.Quiet) w.WriteLine($"dry run: scenario and options are valid; would write {target}");
            return ExitCodes.Ok;
        }

        using var backend = c.Backends().Create();
        var r = RunProgress.Run(c.Progress, w, p =>
        {
            GridFields? fields = null;
            if (needGrid) (sc, fields, _) = GridFieldSource.Get(sc, stored, tolerance, timeline, c, backend, p, cancel);
            var problem = sc.ToParticleProblem(fields);
            if (!c.Quiet)
                w.WriteLine($"simulating {o.Dynamics} with {o.Particles} particles, {o.EffectiveIntegrator.Name}, {o.Steps} steps, {(needGrid ? "grid" : "exact")} fields, seed {o.Seed}");
            var run = o with { Progress = p.Particles("particles") };
            if (startPoints is not null)
            {
                if (!c.Quiet) w.WriteLine($"starting from {startPoints.Source}");
                return ParticleSimulator.Run(problem, run, startPoints.X, startPoints.Y, backend);
            }
            return ParticleSimulator.Simulate(problem, run, backend);
        });
        if (!c.Quiet) Summary(sc, r, w);
        cancel.ThrowIfCancellationRequested();
        Directory.CreateDirectory(c.OutDir);
        c.Writer.WriteParticles(target, r, sc.ToJson(), reproducible);
        RunSummary.Write(c.OutDir, "simulate", sc.Name, SummaryValues(sc, r));
        if (!c.Quiet) w.WriteLine($"wrote {target}");
        return ExitCodes.Ok;
    }

    // The files and scenario a run reads; ParticlesGiven: --particles was on the command line.
    private sealed record Inputs(string? Scenario, string? Fields, string? Start, bool ParticlesGiven);

    // Exact fields exist for Gaussian-mixture initial densities under the linear processes: refuse anything else up front.
    private static void CheckExact(Scenario sc)
    {
        bool mixture = sc.Initial1D is GaussianMixture1D || sc.Initial2D is GaussianMixture2D;
        if (sc.Process is not LinearProcess || !mixture)
            throw new ArgumentException($"--field exact needs a gaussian-mixture initial density under a linear process (ou, vp, ve and the named schedules; scenario '{sc.Name}' has a " +
                $"{sc.Process.Kind} process): use --field grid");
    }

    private static void Summary(Scenario sc, ParticleResult r, TextWriter w)
    {
        w.WriteLine($"{"t",10} {"mean x",12} {"± se",10} {"sd x",12} {"± se",10} {(sc.Dimension == 1 ? "KS D" : "mean y"),10} {(sc.Dimension == 1 ? "KS p" : "± se"),10}");
        for (int s = 0; s < r.Times.Length; s++)
        {
            var x = r.X[s];
            var (mean, seMean, sd, seSd) = MeanSd(x);
            string c5 = "n/a", c6 = "n/a";
            if (sc.Dimension == 2)
            {
                var (my, sey, _, _) = MeanSd(r.Y![s]);
                c5 = my.ToString("F6", CultureInfo.InvariantCulture); c6 = sey.ToString("E2", CultureInfo.InvariantCulture);
            }
            else if (ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, r.Times[s]) is { } e)
            {
                var ks = FokkerPlanck.Statistics.KolmogorovSmirnov.Test(x, e.Cdf);
                c5 = ks.D.ToString("E2", CultureInfo.InvariantCulture); c6 = ks.P.ToString("F3", CultureInfo.InvariantCulture);
            }
            w.WriteLine($"{F(r.Times[s]),10} {mean,12:F6} {seMean,10:E2} {sd,12:F6} {seSd,10:E2} {c5,10} {c6,10}");
        }
        int n = r.Count;
        w.WriteLine($"(sampling noise: se of the mean = sd/√n, of the sd ≈ sd/√(2(n-1)) (normal approximation); KS D's 99.9 % noise floor " +
            $"1.95/√n = {1.95 / Math.Sqrt(n):E2} for n = {n})");
        if (r.Field == FieldKind.Grid)
            w.WriteLine($"grid fields: time-interpolation error bound {(double.IsNaN(r.FieldInterpolationError) ? "n/a" : r.FieldInterpolationError.ToString("E2", CultureInfo.InvariantCulture))} " +
                "(relative, max |Δ|/(1+|F|) of score and PF velocity over the trusted cells)");
        w.WriteLine($"field evaluations {r.FieldEvaluations}, trust-region fallbacks {r.Fallbacks}, wall time {r.WallTime.TotalSeconds:F2} s, backend {r.Backend}");
        foreach (var warning in r.Warnings) w.WriteLine($"warning: {warning}");
    }

    // The summary.json values: statistics at the run's last time (the last snapshot simulated).
    private static List<(string, double)> SummaryValues(Scenario sc, ParticleResult r)
    {
        var (mean, _, sd, _) = MeanSd(r.X[^1]);
        var v = new List<(string, double)> { ("particles", r.Count), ("steps", r.Steps), ("mean", mean), ("sd", sd) };
        if (r.Y is not null)
        {
            var (my, _, sy, _) = MeanSd(r.Y[^1]);
            v.Add(("meanY", my)); v.Add(("sdY", sy));
        }
        double ksD = double.NaN, ksP = double.NaN;
        if (sc.Dimension == 1 && ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, r.Times[^1]) is { } e)
            (ksD, ksP) = FokkerPlanck.Statistics.KolmogorovSmirnov.Test(r.X[^1], e.Cdf) is var ks ? (ks.D, ks.P) : default;
        v.Add(("ksD", ksD)); v.Add(("ksP", ksP));
        v.Add(("fieldEvaluations", r.FieldEvaluations)); v.Add(("fallbacks", r.Fallbacks));
        v.Add(("fieldInterpolationError", r.Field == FieldKind.Grid ? r.FieldInterpolationError : double.NaN));
        return v;
    }

    private static (double Mean, double SeMean, double Sd, double SeSd) MeanSd(double[] x)
    {
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, x.Length - 1));
        return (mean, sd / Math.Sqrt(x.Length), sd, sd / Math.Sqrt(2.0 * Math.Max(1, x.Length - 1)));
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
