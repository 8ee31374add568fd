using System.Globalization;
using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Learned;

/// <summary>
/// Judges a learned score against the exact marginals of the scenario it was trained for (a process of the affine
/// family with data whose marginals are known in closed form):
/// (a) the weighted score error E_{p_t} |s_θ − ∇log p_t|² per t and its integral ½ ∫ g² E|…|² dt, the Girsanov bound on
/// KL(p ‖ p̂) of the reverse SDE started from the exact p_T;
/// (b) the exact laws p̂ of the learned samplers at t_min: the reverse-time Fokker–Planck equation with drift
/// −f + g² s_θ (reverse SDE), solved on the scenario's grid from the exact p_T (extrapolated and estimated by a companion
/// grid as <c>solve</c> does), and the PF-ODE's law through its flow map (1D: characteristics from every cell edge
/// through the exact CDF of p_T; 2D: p_T(Φ) |det DΦ| on a half-cell lattice; <see cref="FlowMapLaw1D"/>,
/// <see cref="FlowMapLaw2D"/>) instead of a grid continuity solve, whose limiter is first order at extrema; with KL, TV
/// and (1D) W1 against the true p at t_min;
/// (c) particles of both samplers with every integrator, from exact samples of p_T, tested against p and against p̂
/// (<see cref="LearnedParticles"/>), which separates the model's error from the integrator's and the sampling noise.
/// </summary>
public static class ScoreJudge
{
    /// <summary>Runs the judgement.</summary>
    /// <param name="scenario">The scenario the model was trained for (its process, data at time.start, grid, time.end).</param>
    /// <param name="model">The learned score.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="backend">Backend for the solves; null picks one.</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="ArgumentException">The scenario has no exact marginals or the times do not fit.</exception>
    /// <exception cref="LearnedModelException">The model does not fit the scenario or returns values that are not finite.</exception>
    public static JudgeResult Run(Scenario scenario, LearnedScore model, JudgeOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new JudgeOptions();
        options.Validate();
        var sc = scenario;
        var process = sc.Process;
        if (model.Dimension != sc.Dimension)
            throw new LearnedModelException($"the model is {model.Dimension}D but scenario '{sc.Name}' is {sc.Dimension}D");
        if (process is FlowMatchingProcess)
            return FlowJudge.Run(sc, model, new Exact(sc), options, options.Progress ?? (_ => { }));
        double t0 = sc.Start, end = sc.End, tMin = options.TMin ?? t0;
        if (!(tMin >= t0 && tMin < end))
            throw new ArgumentOutOfRangeException(nameof(options), tMin, $"t-min must lie in [time.start, time.end) = [{G(t0)}, {G(end)}) (got {G(tMin)})");
        int n = options.Times;
        var times = Enumerable.Range(0, n).Select(k => k == n - 1 ? end : tMin + (end - tMin) * k / (n - 1)).ToArray();
        foreach (double t in times)
            if (model.TimeProblem(t) is { } problem) throw new ArgumentException($"judge: {problem}", "t-min");
        var say = options.Progress ?? (_ => { });
        bool own = backend is null;
        backend ??= BackendSelector.Create();
        try
        {
            var exact = new Exact(sc);
            // (a) The score error at each time, by midpoint quadrature over the cells.
            var err = new double[n]; var norm = new double[n]; var g2 = new double[n];
            // A velocity model is also judged on its own output: the excess flow-matching loss E|v_θ − v|², v = f − D∇log p.
            bool velocityModel = model.Field.Parametrisation == Parametrisation.Velocity;
            var verr = velocityModel ? new double[n] : null;
            var centres = Centres(sc.Grid1D, sc.Grid2D);
            var learned = new double[centres.Length];
            var map = ErrorMap.For(times, sc.Dimension);
            for (int k = 0; k < n; k++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                double t = times[k];
                var (p, s) = exact.At(t, sc.Grid1D, sc.Grid2D);
                model.Score(centres, t, learned);
                double dv = CellVolume(sc), e = 0, q = 0;
                int d = sc.Dimension;
                var cellError = map.Row(k, p.Length);
                for (int c = 0; c < p.Length; c++)
                {
                    double local = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double diff = learned[c * d + j] - s[c * d + j];
                        local += diff * diff; q += p[c] * s[c * d + j] * s[c * d + j];
                    }
                    e += p[c] * local;
                    if (cellError is not null) cellError[c] = p[c] * local;
                }
                err[k] = e * dv; norm[k] = q * dv; g2[k] = Math.Pow(process.G(t), 2);
                if (verr is not null) verr[k] = VelocityError(model, process, centres, p, s, t, learned).Error * dv;
            }
            double weighted = 0.5 * Simpson(times, k => g2[k] * err[k]);
            say($"score error: E|s_θ − ∇log p|² from {E(err[0])} at t = {G(tMin)} to {E(err[^1])} at t = {G(end)}; ½∫g²E|…|²dt = {E(weighted)}");

            // (b) The samplers' exact laws at t_min, from the exact p_T.
            var truth = exact.At(tMin, sc.Grid1D, sc.Grid2D).P;
            double[] tau = [0.0, end - tMin];
            int[] cells = sc.Grid1D is { } a ? [a.Cells] : [sc.Grid2D!.X.Cells, sc.Grid2D.Y.Cells];
            GridSolution Sde(double factor, int pass, int passes)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                say($"reverse SDE: solving the reverse-time Fokker–Planck equation, pass {pass}/{passes}");
                var o = new SolverOptions
                {
                    Tolerance = options.Tolerance, Extrapolate = false, Cancellation = options.Cancellation,
                    Progress = new ProgressLines(r => say($"reverse SDE, pass {pass}/{passes}: t = {G(end - r.Time)}, {r.Steps} steps, {model.Field.Evaluations} model calls")),
                };
                if (sc.Grid1D is { } g)
                {
                    var gf = g.Scaled(factor);
                    var xc = gf.Centers();
                    var s = new double[xc.Length];
                    var field = new TimeInterpolatedField(model, xc, tMin, end, options.FieldIntervals, velocity: false);
                    return FokkerPlanckSolver.SolveWithCellDrift(gf, x => process.Diffusion(end - x), (x, drift) =>
                    {
                        double t = end - x, gg = Math.Pow(process.G(t), 2);
                        field.At(t, s);
                        Span<double> fx = stackalloc double[1];
                        for (int i = 0; i < xc.Length; i++) { process.Drift(xc.AsSpan(i, 1), t, fx); drift[i] = -fx[0] + gg * s[i]; }
                    }, CellAverages.Of(gf, exact.Density1D(end)), tau, o, backend);
                }
                var g2d = sc.Grid2D!.Scaled(factor);
                var pc = Centres(null, g2d);
                var s2 = new double[pc.Length];
                var field2 = new TimeInterpolatedField(model, pc, tMin, end, options.FieldIntervals, velocity: false);
                return FokkerPlanckSolver.SolveWithCellDrift(g2d, x => process.Diffusion(end - x), (x, dx, dy) =>
                {
                    double t = end - x, gg = Math.Pow(process.G(t), 2);
                    field2.At(t, s2);
                    Span<double> fx = stackalloc double[2];
                    for (int c = 0; c < dx.Length; c++)
                    {
                        process.Drift(pc.AsSpan(2 * c, 2), t, fx);
                        dx[c] = -fx[0] + gg * s2[2 * c]; dy[c] = -fx[1] + gg * s2[2 * c + 1];
                    }
                }, CellAverages.Of(g2d, exact.Density2D(end)), tau, o, backend);
            }
            var sdeSol = SpatialErrorEstimate.Solve(Sde, cells, options.Extrapolate);
            var sde = Law("reverse SDE", "reverse-time Fokker–Planck equation, drift −f + g² s_θ, diffusion ½g² (Scharfetter–Gummel, implicit" +
                (options.Extrapolate ? ", extrapolated)" : ")"), sdeSol.Densities[^1], sdeSol.DensityErrorEstimate?[^1] ?? double.NaN, sdeSol.Steps, truth, sc);
            say($"reverse SDE: KL(p ‖ p̂) = {E(sde.KullbackLeibler)}, TV = {E(sde.TotalVariation)} (grid estimate {E(sde.ErrorEstimate)})");
            // The PF-ODE's law by its flow map: p̂_(t_min) = p_T ∘ Φ |det DΦ|, Φ the ODE run forward from t_min to T.
            say($"PF-ODE: flow map of dx/dt = f − ½g² s_θ from t_min to T, RK4 with {options.FlowSteps} and {options.FlowSteps / 2} steps");
            FlowVelocity v = model.Velocity;
            var (flowLaw, est, flowSteps) = sc.Grid1D is { } line
                ? FlowMapLaw1D.Solve(v, line, exact.Density1D(end), tMin, end, options.FlowSteps, options.Cancellation, say)
                : FlowMapLaw2D.Solve(model, sc.Grid2D!, exact.Density2D(end), tMin, end, options.FlowSteps, options.FieldIntervals, options.Cancellation, say);
            var ode = Law("PF-ODE", sc.Grid1D is not null
                    ? $"characteristics of dx/dt = f − ½g² s_θ from every cell edge (RK4, {options.FlowSteps} steps) through the exact CDF of p_T"
                    : $"flow map of dx/dt = f − ½g² s_θ (tabulated, {options.FieldIntervals + 1} times) on a half-cell lattice (RK4, {options.FlowSteps} steps): p_T(Φ) |det DΦ|, Simpson per cell",
                flowLaw, est, flowSteps, truth, sc);
            say($"PF-ODE: KL(p ‖ p̂) = {E(ode.KullbackLeibler)}, TV = {E(ode.TotalVariation)} (grid estimate {E(ode.ErrorEstimate)})");
            var particles = options.Particles == 0 ? [] :
                LearnedParticles.Run(sc, model, tMin, end, truth, sde.Density, ode.Density, options, backend, say);
            foreach (var c in particles)
                say($"particles: {c.Sampler} ({c.Integrator}) against {c.Reference}: {c.Statistic} distance {c.Distance:F4}, p = {c.PValue:E2}{(c.Rejected ? ", rejected" : "")}");
            return new JudgeResult(model.Field.Description, sc.Name, times, g2, err, norm, weighted, truth, sde, ode, particles, options.Fwer, model.Field.Evaluations)
            {
                VelocityError = verr, ErrorMap = map,
            };
        }
        finally
        {
            if (own) backend.Dispose();
        }
    }

    /// <summary>Σ p |v_θ − v|² and Σ p |v|² over the cells (the caller multiplies by the cell volume), v = f − D s the exact
    /// marginal velocity (s null: v = f, as for a flow-matching path); buffer receives v_θ, and cellError (when given) the
    /// error density p |v_θ − v|² per cell.</summary>
    internal static (double Error, double Norm) VelocityError(LearnedScore model, Process process, double[] centres, double[] p, double[]? s, double t,
        double[] buffer, double[]? cellError = null)
    {
        model.Velocity(centres, t, buffer);
        int d = centres.Length / p.Length;
        double dd = s is null ? 0 : process.Diffusion(t), e = 0, q = 0;
        Span<double> f = stackalloc double[2];
        for (int c = 0; c < p.Length; c++)
        {
            process.Drift(centres.AsSpan(c * d, d), t, f[..d]);
            double local = 0;
            for (int j = 0; j < d; j++)
            {
                double v = f[j] - (s is null ? 0 : dd * s[c * d + j]), diff = buffer[c * d + j] - v;
                local += diff * diff; q += p[c] * v * v;
            }
            e += p[c] * local;
            if (cellError is not null) cellError[c] = p[c] * local;
        }
        return (e, q);
    }

    /// <summary>∫ f dt over evenly spaced times (an odd count) by Simpson's rule.</summary>
    internal static double Simpson(double[] times, Func<int, double> f)
    {
        int n = times.Length;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += (k == 0 || k == n - 1 ? 1 : k % 2 == 1 ? 4 : 2) * f(k);
        return sum * (times[^1] - times[0]) / (n - 1) / 3;
    }

    internal static SamplerLaw Law(string name, string equation, double[] q, double estimate, long steps, double[] p, Scenario sc)
    {
        double dv = CellVolume(sc), kl = 0, tv = 0, mass = 0;
        for (int c = 0; c < p.Length; c++)
        {
            if (!double.IsFinite(q[c])) throw new SolverFailureException(FailureCause.NonFinite, sc.End, null, $"the {name}'s law is not finite in cell {c}");
            if (p[c] > 0) kl += p[c] * (Math.Log(p[c]) - Math.Log(Math.Max(q[c], double.Epsilon)));
            tv += Math.Abs(p[c] - q[c]); mass += q[c];
        }
        double? w1 = null;
        if (sc.Grid1D is { } g)
        {
            double fp = 0, fq = 0, w = 0;
            for (int i = 0; i < g.Cells; i++) { fp += p[i] * g.H; fq += q[i] * g.H; w += Math.Abs(fp - fq) * g.H; }
            w1 = w;
        }
        return new SamplerLaw(name, equation, q, kl * dv, 0.5 * tv * dv, w1, mass * dv, estimate, steps);
    }

    private sealed class ProgressLines(Action<SolverProgress> action) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => action(value);
    }

    private static double CellVolume(Scenario sc) => sc.Grid1D?.H ?? sc.Grid2D!.CellArea;

    // The cell centres, row-major (x, y interleaved in 2D), as the model takes them.
    internal static double[] Centres(Grid1D? g1, Grid2D? g2)
    {
        if (g1 is not null) return g1.Centers();
        var g = g2!;
        var c = new double[2 * g.Count];
        for (int i = 0; i < g.X.Cells; i++)
            for (int j = 0; j < g.Y.Cells; j++) { c[2 * g.Index(i, j)] = g.X.Center(i); c[2 * g.Index(i, j) + 1] = g.Y.Center(j); }
        return c;
    }

    // The exact marginals of the scenario: cell averages and the score at the centres.
    internal sealed class Exact(Scenario sc)
    {
        public double[] Cells(double t, Grid1D? g1, Grid2D? g2) => g1 is not null ? CellAverages.Of(g1, Density1D(t)) : CellAverages.Of(g2!, Density2D(t));

        public IDensity1D Density1D(double t) => ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t) ?? throw NoExact();

        public IDensity2D Density2D(double t) => ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, t) ?? throw NoExact();

        public (double[] P, double[] S) At(double t, Grid1D? g1, Grid2D? g2)
        {
            if (g1 is not null)
            {
                var m = Density1D(t);
                return (CellAverages.Of(g1, m), g1.Centers().Select(m.Score).ToArray());
            }
            var m2 = Density2D(t);
            var g = g2!;
            var s = new double[2 * g.Count];
            for (int i = 0; i < g.X.Cells; i++)
                for (int j = 0; j < g.Y.Cells; j++)
                {
                    var (sx, sy) = m2.Score(g.X.Center(i), g.Y.Center(j));
                    s[2 * g.Index(i, j)] = sx; s[2 * g.Index(i, j) + 1] = sy;
                }
            return (CellAverages.Of(g, m2), s);
        }

        private ArgumentException NoExact() => new($"judge: scenario '{sc.Name}' has no exact marginals (process '{sc.Process.Kind}' with this data): " +
            "the judge compares with closed-form marginals, so it needs a process of the affine family (ou, vp, ve, sub-vp, cosine, edm, affine) and data whose marginals are known (mixtures, checkerboard, curves, tabulated)", "scenario");
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);
}
