using System.Text.Json.Nodes;
using FokkerPlanck.Applications;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace FokkerPlanck.Validation;

/// <summary>
/// Runs one validation case: the grid against the exact marginal where one exists; particles of every dynamics
/// against the grid at the quarter times of the interval (three intermediate times and the end) with a Holm-controlled
/// family of tests and distances beside their noise floors; negative controls that must be rejected; the 1D
/// Kim–Milman (flow) map against the monotone map; the PF-ODE likelihood against the grid density.
/// </summary>
public static class CaseRunner
{
    /// <summary>
    /// Early stop t_ε of cases whose initial density the grid cannot resolve: the funnel's neck (conditional sd
    /// 0.2 e^v, 0.018 at v = -2.4) is far below its cell width 0.1 at t = 0, so the grid fields near t = 0 are not a valid
    /// reference (measured: reverse-SDE particles driven by them diverge between t = 0.025 and 0.0125 even with 800
    /// steps; at t_ε = 0.1 the quick suite's 128×51 grid still fails the chi-square test). As diffusion samplers do, the
    /// reverse dynamics stop at t_ε = 0.2, where the VP noise alone has sd 0.58 (6 cells of the full grid, 2 of the
    /// quick one), and the comparisons use the quarter points of [t_ε, T].
    /// </summary>
    public static IReadOnlyDictionary<string, double> EarlyStop { get; } = new Dictionary<string, double> { ["vp-funnel-2d"] = 0.2 };

    /// <summary>Tolerance of the largest error of the 1D flow map against the monotone map (in units of x).</summary>
    public const double MapTolerance = 5e-3;

    /// <summary>Tolerance of the mean |error| of the PF-ODE log-likelihood in 1D.</summary>
    public const double Likelihood1DTolerance = 1e-2;

    /// <summary>Tolerance of the mean |error| of the PF-ODE log-likelihood in 2D (bilinear log-density on the grid).</summary>
    public const double Likelihood2DTolerance = 5e-2;

    /// <summary>Runs a case.</summary>
    /// <param name="name">Case name.</param>
    /// <param name="s">Settings.</param>
    /// <param name="progress">Progress lines, or null.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <returns>Result.</returns>
    // Long by design: the four stages (grid vs exact, particles vs grid, negative controls, map and likelihood) share the
    // snapshots, comparisons, noise floors and seeds, and read top to bottom as the report's sections, each marked below.
    public static CaseResult Run(string name, ValidationSettings s, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var sc = Load(name, s);
        var rows = new List<ValidationRow>();
        var seeds = new Dictionary<string, ulong>();
        progress?.Report($"{name}: solving the grid ({Describe(sc)})");
        var sol = sc.Solve(options: sc.Solver with { Cancellation = cancel });
        var fields = GridFields.FromSolution(sol, sc.Process);
        int ns = sol.Times.Length, i0 = 0;
        if (EarlyStop.TryGetValue(name, out double tEps))
        {
            i0 = Array.FindIndex(sol.Times, t => Math.Abs(t - tEps) <= Tolerances.TimeLookup * Math.Max(1, Math.Abs(tEps)));
            if (i0 < 0) throw new ArgumentException($"case {name}: the early stop t = {tEps} is not a snapshot time");
        }
        if ((ns - 1 - i0) % 4 != 0) throw new ArgumentException($"case {name}: the snapshots from the first compared one to the end must form 4 equal groups (got {ns - i0})");
        int q = (ns - 1 - i0) / 4;
        int[] idx = [i0, i0 + q, i0 + 2 * q, i0 + 3 * q, ns - 1];
        double[] times = idx.Select(i => sol.Times[i]).ToArray();
        bool twoD = sc.Dimension == 2;
        int n = twoD ? s.Particles2D : s.Particles1D;
        var comparisons = idx.Select(i => twoD
            ? SampleComparison.For(new GridReference2D(sc.Grid2D!, sol.Densities[i]), n, s.MmdPoints)
            : SampleComparison.For(new GridReference1D(sc.Grid1D!, sol.Densities[i]), n, s.MmdPoints)).ToArray();
        var floors = new NullStatistics[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Report($"{name}: noise floors at t = {times[k]:G4} ({s.FloorReplicates} replicates of {n})");
            floors[k] = comparisons[k].Floors(s.FloorReplicates, Seed(s, name, $"floor{k}"));
        }
        // The grid may differ from the exact marginal by L1 ≤ ½ of the binned-TV noise floor at T (TV ≤ ¼ of it): then its
        // error cannot show in any particle test of this size.
        double gridTol = 0.5 * floors[^1].Mean["TV (binned)"];

        // 1. Grid against exact.
        foreach (int i in idx)
        {
            double t = sol.Times[i];
            double[]? exact = twoD
                ? ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, t) is { } e2 ? CellAverages.Of(sc.Grid2D!, e2) : null
                : ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t) is { } e1 ? CellAverages.Of(sc.Grid1D!, e1) : null;
            if (exact is null) continue;
            var (l1, _) = ErrorNorms.Compare(sol.Densities[i], exact, sol.CellVolume);
            rows.Add(new ValidationRow(name, RowKind.Accuracy, "grid vs exact", t, "L1 density error", l1, null, null, gridTol, l1 <= gridTol));
        }

        // 2. Particles against the grid. Forward runs start at time.start from the initial density; reverse runs end at
        // the first compared time.
        ParticleProblem Problem(double[] ts) => twoD ? new ParticleProblem(sc.Process, sc.Initial2D!, ts, fields) : new ParticleProblem(sc.Process, sc.Initial1D!, ts, fields);
        var reverseProblem = Problem(times);
        var forwardProblem = i0 == 0 ? reverseProblem : Problem([sol.Times[0], .. times[1..]]);
        ParticleProblem For(Dynamics d) => d.Direction == DynamicsDirection.Forward ? forwardProblem : reverseProblem;

        var nulls = NullDynamics(sc.Process);
        var samplesX = new Dictionary<string, double[]?[]>();
        var samplesY = twoD ? new Dictionary<string, double[]?[]>() : null;
        var tests = new List<(int Row, double P)>();
        foreach (var d in nulls)
        {
            cancel.ThrowIfCancellationRequested();
            string label = Label(d, sc.Process);
            var o = Options(d, s, n, Seed(s, name, label), cancel) with { Control = s.Inject };
            seeds[label] = o.Seed;
            progress?.Report($"{name}: {label}, {n} particles, {o.Steps} {o.EffectiveIntegrator.Name} steps");
            var r = ParticleSimulator.Simulate(For(d), o);
            var sx = new double[]?[times.Length]; var sy = new double[]?[times.Length];
            for (int j = 1; j < r.Times.Length; j++) // j = 0 is the start sample itself
            {
                int k = Array.FindIndex(times, t => Math.Abs(t - r.Times[j]) <= Tolerances.TimeMatch * Math.Max(1, Math.Abs(t)));
                if (k < 0) continue;
                var ev = comparisons[k].Evaluate(r.X[j], r.Y?[j], Seed(s, name, $"{label}/ref{k}"));
                sx[k] = r.X[j]; sy[k] = r.Y?[j];
                foreach (var (metric, value, p) in ev.Tests)
                {
                    tests.Add((rows.Count, p));
                    rows.Add(new ValidationRow(name, RowKind.Test, label, times[k], metric, value, floors[k].Mean[metric], p, null, null) { NoiseSd = floors[k].Sd[metric] });
                }
                foreach (var (metric, value) in ev.Distances)
                    rows.Add(new ValidationRow(name, RowKind.Distance, label, times[k], metric, value, floors[k].Mean[metric], null, null, null) { NoiseSd = floors[k].Sd[metric] });
            }
            samplesX[label] = sx;
            if (samplesY is not null) samplesY[label] = sy;
        }
        var holm = MultipleTesting.Holm(tests.Select(t => t.P).ToArray(), s.Alpha);
        for (int i = 0; i < tests.Count; i++)
            rows[tests[i].Row] = rows[tests[i].Row] with { Threshold = holm[i].Threshold, Passed = !holm[i].Rejected };

        // 3. Negative controls: each must be rejected at the end time (Bonferroni over its tests).
        foreach (var (d, control) in Controls(sc.Process))
        {
            cancel.ThrowIfCancellationRequested();
            string label = $"{Label(d, sc.Process)} + {ControlName(control)}";
            var o = Options(d, s, n, Seed(s, name, label), cancel) with { Control = control };
            seeds[label] = o.Seed;
            progress?.Report($"{name}: control {label}");
            ParticleResult r;
            try { r = ParticleSimulator.Simulate(For(d), o); }
            catch (SolverFailureException e) when (e.Cause == FailureCause.NonFinite)
            {
                // A wrong dynamics whose particles blow up (e.g. the flipped score against a cubic drift) is as far from
                // the marginal as can be: rejected, with p = 0, and said so.
                rows.Add(new ValidationRow(name, RowKind.Control, label, times[^1], "particles diverged", 0, null, 0, s.ControlLevel, true));
                continue;
            }
            int k = Array.FindIndex(times, t => Math.Abs(t - r.Times[^1]) <= Tolerances.TimeMatch * Math.Max(1, Math.Abs(t)));
            var ev = comparisons[k].Evaluate(r.X[^1], r.Y?[^1], Seed(s, name, $"{label}/ref"));
            foreach (var (metric, value, p) in ev.Tests)
                rows.Add(new ValidationRow(name, RowKind.Control, label, times[k], metric, value, floors[k].Mean[metric], p, null, null) { NoiseSd = floors[k].Sd[metric] });
            double adjusted = Math.Min(1, ev.Tests.Count * ev.Tests.Min(t => t.P));
            rows.Add(new ValidationRow(name, RowKind.Control, label, times[k], "Bonferroni min p", adjusted, null, adjusted, s.ControlLevel, adjusted < s.ControlLevel));
        }

        // 4. The flow map (1D) and the PF-ODE likelihood.
        var two = Problem([times[0], times[^1]]);
        if (!twoD)
        {
            progress?.Report($"{name}: Kim–Milman map");
            rows.Add(MapRow(name, sc, sol, idx[0], two, s));
        }
        progress?.Report($"{name}: PF-ODE likelihood");
        rows.AddRange(LikelihoodRows(name, sc, sol, idx[0], two, s));

        var dens = idx.Select(i => sol.Densities[i]).ToArray();
        return new CaseResult
        {
            Name = name, ScenarioJson = sc.ToJson(), Rows = rows, Seeds = seeds, Times = times, Densities = dens,
            CentersX = twoD ? sc.Grid2D!.X.Centers() : sc.Grid1D!.Centers(), CentersY = twoD ? sc.Grid2D!.Y.Centers() : null,
            SamplesX = samplesX, SamplesY = samplesY, WallTime = clock.Elapsed,
        };
    }

    /// <summary>Loads a case and applies the suite's overrides (2D cell count).</summary>
    /// <param name="name">Case name.</param>
    /// <param name="s">Settings.</param>
    /// <returns>Scenario.</returns>
    public static Scenario Load(string name, ValidationSettings s)
    {
        var sc = ValidationCases.Get(name);
        if (sc.Dimension == 2 && s.Cells2D is int c)
        {
            var json = (JsonObject)sc.Resolved.DeepClone();
            var g = (JsonObject)json["grid"]!;
            var cells = (JsonArray)g["cells"]!;
            double scale = (double)c / Math.Max(cells[0]!.GetValue<int>(), cells[1]!.GetValue<int>());
            g["cells"] = new JsonArray(Math.Max(16, (int)Math.Round(cells[0]!.GetValue<int>() * scale)), Math.Max(16, (int)Math.Round(cells[1]!.GetValue<int>() * scale)));
            sc = ScenarioParser.Parse(json.ToJsonString(), name);
        }
        return sc;
    }

    /// <summary>The correct dynamics a case runs: forward SDE, reverse SDE, reverse PF-ODE and the reverse lambda family
    /// (0.25, 0.5, 0.75); for flow matching (g = 0, every member is the same ODE) the ODE forward and backward.</summary>
    /// <param name="p">Process.</param>
    /// <returns>Dynamics.</returns>
    public static IReadOnlyList<Dynamics> NullDynamics(Process p) => p is FlowMatchingProcess
        ? [Dynamics.PfOde(DynamicsDirection.Forward), Dynamics.PfOde(DynamicsDirection.Reverse)]
        : [Dynamics.ForwardSde, Dynamics.ReverseSde, Dynamics.PfOde(DynamicsDirection.Reverse),
           new Dynamics(DynamicsDirection.Reverse, 0.25), new Dynamics(DynamicsDirection.Reverse, 0.5), new Dynamics(DynamicsDirection.Reverse, 0.75)];

    /// <summary>The negative controls of a case: reverse SDE with the score's sign flipped; PF-ODE with g² s in place of
    /// ½ g² s; lambda = 0.5 noise without the drift correction; for flow matching, the velocity reversed.</summary>
    /// <param name="p">Process.</param>
    /// <returns>(dynamics, control) pairs.</returns>
    public static IReadOnlyList<(Dynamics Dynamics, NegativeControl Control)> Controls(Process p) => p is FlowMatchingProcess
        ? [(Dynamics.PfOde(DynamicsDirection.Forward), NegativeControl.FlipDriftSign)]
        : [(Dynamics.ReverseSde, NegativeControl.FlipScoreSign), (Dynamics.PfOde(DynamicsDirection.Reverse), NegativeControl.FullScoreFactor),
           (new Dynamics(DynamicsDirection.Reverse, 0.5), NegativeControl.OmitLambdaCorrection)];

    /// <summary>Report name of a control.</summary>
    /// <param name="c">Control.</param>
    /// <returns>Name.</returns>
    public static string ControlName(NegativeControl c) => c switch
    {
        NegativeControl.FlipScoreSign => "score sign flipped",
        NegativeControl.FullScoreFactor => "g² s in place of ½ g² s",
        NegativeControl.OmitLambdaCorrection => "no lambda drift correction",
        NegativeControl.OmitDiffusionGradient => "no Itô term grad D",
        NegativeControl.FlipDriftSign => "velocity reversed",
        _ => c.ToString(),
    };

    private static string Label(Dynamics d, Process p) => p is FlowMatchingProcess
        ? (d.Direction == DynamicsDirection.Forward ? "ODE (forward)" : "ODE (reverse)")
        : d.ToString().Replace(" (reverse)", "", StringComparison.Ordinal);

    private static ParticleOptions Options(Dynamics d, ValidationSettings s, int n, ulong seed, CancellationToken cancel) => new()
    {
        Dynamics = d, Particles = n, Seed = seed, Cancellation = cancel,
        Integrator = d.IsOde ? Integrator.Rk4 : Integrator.Sra1,
        Steps = d.IsOde ? s.OdeSteps : s.SdeSteps,
    };

    private static string Describe(Scenario sc) => sc.Dimension == 2
        ? $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells} cells, {sc.Snapshots} snapshots"
        : $"{sc.Grid1D!.Cells} cells, {sc.Snapshots} snapshots";

    // Seeds: FNV-1a of case and label mixed with the base seed, so each run has its own stream and runs reproduce.
    internal static ulong Seed(ValidationSettings s, string name, string label)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in name + "/" + label) { h ^= ch; h *= 1099511628211UL; }
        return h ^ s.Seed;
    }

    private static ValidationRow MapRow(string name, Scenario sc, GridSolution sol, int i0, ParticleProblem two, ValidationSettings s)
    {
        var r0 = new GridReference1D(sc.Grid1D!, sol.Densities[i0]);
        var rT = new GridReference1D(sc.Grid1D!, sol.Densities[^1]);
        int m = s.MapPoints;
        var xT = Enumerable.Range(0, m).Select(i => rT.Quantile(0.005 + 0.99 * (i + 0.5) / m)).ToArray();
        var (mapped, _) = KimMilmanMap.Evaluate(two, xT, null, FieldKind.Grid, steps: 4 * s.OdeSteps);
        var e0 = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, two.Start);
        var eT = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, sc.End);
        Func<double, double> mono = e0 is not null && eT is not null
            ? x => KimMilmanMap.Monotone(e0, eT, x)
            : x => r0.Quantile(rT.Cdf(x));
        double err = xT.Select((x, i) => Math.Abs(mapped[i] - mono(x))).Max();
        string what = e0 is not null && eT is not null ? "flow map vs exact monotone map" : "flow map vs grid monotone map";
        return new ValidationRow(name, RowKind.Accuracy, what, two.Start, "max |Δx| (u in [0.005, 0.995])", err, null, null, MapTolerance, err <= MapTolerance);
    }

    private static IEnumerable<ValidationRow> LikelihoodRows(string name, Scenario sc, GridSolution sol, int i0, ParticleProblem two, ValidationSettings s)
    {
        bool twoD = sc.Dimension == 2;
        int m = s.MapPoints;
        ulong seed = Seed(s, name, "likelihood");
        double[] x0; double[]? y0 = null;
        if (twoD) (x0, y0) = new GridReference2D(sc.Grid2D!, sol.Densities[i0]).Sample(m, seed);
        else x0 = new GridReference1D(sc.Grid1D!, sol.Densities[i0]).Sample(m, seed);
        var lr = PfOdeLikelihood.Evaluate(two, x0, y0, new LikelihoodOptions { Steps = 4 * s.OdeSteps, Seed = seed });
        var grid = PfOdeLikelihood.GridLogDensity(sol, sol.Densities[i0], x0, y0);
        double tol = twoD ? Likelihood2DTolerance : Likelihood1DTolerance;
        double err = lr.LogP0.Select((v, i) => Math.Abs(v - grid[i])).Average();
        yield return new ValidationRow(name, RowKind.Accuracy, "PF-ODE likelihood vs grid", two.Start, "mean |Δ log p|", err, null, null, tol, err <= tol);
        double[]? exact = twoD
            ? ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, two.Start) is { } e2 ? x0.Select((v, i) => e2.LogDensity(v, y0![i])).ToArray() : null
            : ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, two.Start) is { } e1 ? x0.Select(e1.LogDensity).ToArray() : null;
        if (exact is not null)
        {
            double ee = lr.LogP0.Select((v, i) => Math.Abs(v - exact[i])).Average();
            yield return new ValidationRow(name, RowKind.Accuracy, "PF-ODE likelihood vs exact", two.Start, "mean |Δ log p|", ee, null, null, tol, ee <= tol);
        }
    }
}
