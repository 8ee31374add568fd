using System.Globalization;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Learned;

/// <summary>
/// The judge of a velocity model trained on a flow-matching path (data at t = 1, noise at t = 0): (a) its excess
/// flow-matching loss E_{p_t}|v_θ − u_t|² against the exact marginal velocity u_t at evenly spaced times over
/// [time.start, time.end] and its time integral (Simpson); (b) the exact law at time.end of the learned flow started
/// from the exact p at time.start, by the flow map (<see cref="FlowMapLaw1D"/>, <see cref="FlowMapLaw2D"/>: the ODE run
/// back from time.end to time.start); (c) particles from exact samples of p at time.start moved by the model itself with
/// Euler, Heun and RK4, tested against p and against p̂ at time.end. There is no reverse SDE: the path has no diffusion.
/// </summary>
internal static class FlowJudge
{
    public static JudgeResult Run(Scenario sc, LearnedScore model, ScoreJudge.Exact exact, JudgeOptions options, Action<string> say)
    {
        double t0 = sc.Start, end = sc.End;
        if (options.TMin is { } tm && tm != t0)
            throw new ArgumentOutOfRangeException(nameof(options), tm, $"a flow-matching path's flow runs over the scenario's times [{G(t0)}, {G(end)}]: --t-min does not apply");
        var process = sc.Process;
        int n = options.Times;
        var times = Enumerable.Range(0, n).Select(k => k == n - 1 ? end : t0 + (end - t0) * k / (n - 1)).ToArray();
        var centres = ScoreJudge.Centres(sc.Grid1D, sc.Grid2D);
        double dv = sc.Grid1D?.H ?? sc.Grid2D!.CellArea;
        var err = new double[n]; var norm = new double[n];
        var v = new double[centres.Length];
        var map = ErrorMap.For(times, sc.Dimension);
        for (int k = 0; k < n; k++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            double t = times[k];
            var cells = exact.Cells(t, sc.Grid1D, sc.Grid2D);
            (err[k], norm[k]) = ScoreJudge.VelocityError(model, process, centres, cells, null, t, v, map.Row(k, cells.Length));
            err[k] *= dv; norm[k] *= dv;
        }
        double integral = ScoreJudge.Simpson(times, k => err[k]);
        say($"velocity error: E|v_θ − u|² from {E(err[0])} at t = {G(t0)} to {E(err[^1])} at t = {G(end)}; ∫E|…|²dt = {E(integral)}");

        say($"flow: flow map of dx/dt = v_θ from t = {G(end)} back to {G(t0)}, RK4 with {options.FlowSteps} and {options.FlowSteps / 2} steps");
        var truth = exact.Cells(end, sc.Grid1D, sc.Grid2D);
        var (q1, est, steps) = sc.Grid1D is { } line
            ? FlowMapLaw1D.Solve(model.Velocity, line, exact.Density1D(t0), end, t0, options.FlowSteps, options.Cancellation, say)
            : FlowMapLaw2D.Solve(model, sc.Grid2D!, exact.Density2D(t0), end, t0, options.FlowSteps, options.FieldIntervals, options.Cancellation, say);
        var flow = ScoreJudge.Law("flow", sc.Grid1D is not null
                ? $"characteristics of dx/dt = v_θ from every cell edge (RK4, {options.FlowSteps} steps) through the exact CDF at t = {G(t0)}"
                : $"flow map of dx/dt = v_θ (tabulated, {options.FieldIntervals + 1} times) on a half-cell lattice (RK4, {options.FlowSteps} steps): p_0(Φ) |det DΦ|, Simpson per cell",
            q1, est, steps, truth, sc);
        say($"flow: KL(p ‖ p̂) = {E(flow.KullbackLeibler)}, TV = {E(flow.TotalVariation)} (estimate {E(flow.ErrorEstimate)})");
        var particles = options.Particles == 0 ? [] : Particles(sc, model, exact, truth, flow.Density, options, say);
        return new JudgeResult(model.Field.Description, sc.Name, times, new double[n], err, norm, integral, truth, null, flow, particles, options.Fwer,
            model.Field.Evaluations) { FlowMatching = true, VelocityError = err, ErrorMap = map };
    }

    private static List<ParticleCheck> Particles(Scenario sc, LearnedScore model, ScoreJudge.Exact exact, double[] truth, double[] law, JudgeOptions o, Action<string> say)
    {
        double t0 = sc.Start, end = sc.End;
        var methods = FlowIntegrator.Methods;
        double level = o.Fwer / (2 * methods.Count);
        var checks = new List<ParticleCheck>();
        for (int m = 0; m < methods.Count; m++)
        {
            o.Cancellation.ThrowIfCancellationRequested();
            say($"particles: flow with {methods[m]}, {o.Particles} particles, {o.ParticleSteps} steps (the model at every stage)");
            ulong seed = o.Seed + (ulong)m;
            double[] x; double[]? y = null;
            if (sc.Grid1D is not null) x = DensitySampler.Sample(exact.Density1D(t0), o.Particles, seed);
            else (x, y) = DensitySampler.Sample(exact.Density2D(t0), o.Particles, seed);
            var pts = y is null ? x : Enumerable.Range(0, x.Length).SelectMany(i => new[] { x[i], y[i] }).ToArray();
            FlowIntegrator.Run(model.Velocity, pts, t0, end, o.ParticleSteps, o.Cancellation, method: methods[m]);
            if (y is not null)
                for (int i = 0; i < x.Length; i++) { x[i] = pts[2 * i]; y[i] = pts[2 * i + 1]; }
            foreach (var (name, reference) in new[] { ("p", truth), ("p̂", law) })
            {
                var (dist, pv, stat) = LearnedParticles.Test(sc.Grid1D, sc.Grid2D, x, y, reference);
                checks.Add(new ParticleCheck("flow", methods[m], o.Particles, o.ParticleSteps, name, stat, dist, pv, pv < level));
            }
        }
        return checks;
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);
}
