using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Learned;

/// <summary>
/// Particles of the learned samplers: the learned score is tabulated at the grid's cell centres on evenly spaced times over
/// [t_min, T] and handed to the particle engine as grid fields (linear in space, interpolated in time as for the tool's
/// own fields); particles start from exact samples of p_T and run back to t_min with every integrator of each sampler.
/// Their end positions are tested (Kolmogorov–Smirnov; in 2D each marginal) against the true p and against the sampler's
/// exact law p̂ from the grid: rejected against p but not against p̂ means the model's error, not the integrator or the
/// sampling noise, moved the samples. The family of all checks of a run is held at the stated FWER (Bonferroni).
/// </summary>
internal static class LearnedParticles
{
    public static IReadOnlyList<ParticleCheck> Run(Scenario sc, LearnedScore model, double tMin, double end, double[] truth, double[] sde, double[] ode,
        JudgeOptions o, IBackend backend, Action<string> say)
    {
        var process = sc.Process;
        int nodes = o.ParticleFieldTimes;
        var times = Enumerable.Range(0, nodes).Select(k => k == nodes - 1 ? end : tMin + (end - tMin) * k / (nodes - 1)).ToArray();
        say($"particles: tabulating the model on the grid at {nodes} times");
        var g1 = sc.Grid1D; var g2 = sc.Grid2D;
        int cells = g1?.Cells ?? g2!.Count;
        var points = ScoreJudge.Centres(g1, g2);
        var sx = new double[nodes][]; var sy = g2 is null ? null : new double[nodes][];
        var dens = new double[nodes][];
        var buf = new double[points.Length];
        for (int k = 0; k < nodes; k++)
        {
            o.Cancellation.ThrowIfCancellationRequested();
            model.Score(points, times[k], buf);
            if (g2 is null) sx[k] = (double[])buf.Clone();
            else
            {
                sx[k] = new double[cells]; sy![k] = new double[cells];
                for (int c = 0; c < cells; c++) { sx[k][c] = buf[2 * c]; sy[k][c] = buf[2 * c + 1]; }
            }
            dens[k] = g1 is not null ? CellAverages.Of(g1, Marginal1D(sc, times[k])) : CellAverages.Of(g2!, Marginal2D(sc, times[k]));
        }
        double vol = g1?.H ?? g2!.CellArea;
        var sol = new GridSolution(g1, g2, times, dens, dens.Select(p => p.Sum() * vol).ToArray(), "learned model", 0, 0, [], TimeSpan.Zero);
        var fields = GridFields.FromScores(sol, process, sx, sy);
        var problem = g1 is not null
            ? new ParticleProblem(process, Marginal1D(sc, tMin), [tMin, end], fields)
            : new ParticleProblem(process, Marginal2D(sc, tMin), [tMin, end], fields);
        var runs = new List<(string Sampler, Integrator Integrator, double[] X, double[]? Y)>();
        foreach (var (name, dyn) in new[] { ("reverse SDE", Dynamics.ReverseSde), ("PF-ODE", Dynamics.PfOde(DynamicsDirection.Reverse)) })
            foreach (var integ in Integrators.All.Where(i => dyn.IsOde || !i.OdeOnly))
            {
                o.Cancellation.ThrowIfCancellationRequested();
                say($"particles: {name} with {integ.Name}, {o.Particles} particles, {o.ParticleSteps} steps");
                ulong seed = o.Seed + (ulong)runs.Count;
                double[] x; double[]? y = null;
                if (g1 is not null) x = DensitySampler.Sample(Marginal1D(sc, end), o.Particles, seed);
                else (x, y) = DensitySampler.Sample(Marginal2D(sc, end), o.Particles, seed);
                var options = new ParticleOptions
                {
                    Dynamics = dyn, Integrator = integ, Particles = o.Particles, Steps = o.ParticleSteps, Seed = seed, Field = FieldKind.Grid,
                    Cancellation = o.Cancellation,
                };
                var r = ParticleSimulator.Run(problem, options, x, y, backend);
                int at = Array.FindIndex(r.Times, t => Math.Abs(t - tMin) <= 1e-12 * Math.Max(1, Math.Abs(end)));
                runs.Add((name, integ, r.X[at], r.Y?[at]));
            }
        // Two references per run, each a KS test (2D: one per marginal, Bonferroni within the pair).
        int family = 2 * runs.Count;
        double level = o.Fwer / family;
        var checks = new List<ParticleCheck>();
        foreach (var (name, integ, x, y) in runs)
            foreach (var (refName, refDensity) in new[] { ("p", truth), ("p̂", name == "reverse SDE" ? sde : ode) })
            {
                var (dist, pv, stat) = Test(g1, g2, x, y, refDensity);
                checks.Add(new ParticleCheck(name, integ.Name, o.Particles, o.ParticleSteps, refName, stat, dist, pv, pv < level));
            }
        return checks;
    }

    /// <summary>End positions against a law on the grid: KS in 1D; in 2D KS of each marginal, the larger distance and twice
    /// the smaller p-value (Bonferroni within the pair).</summary>
    internal static (double Distance, double PValue, string Statistic) Test(Grid1D? g1, Grid2D? g2, double[] x, double[]? y, double[] reference)
    {
        if (g1 is not null)
        {
            var (d, p) = KolmogorovSmirnov.Test(x, new GridReference1D(g1, reference).Cdf);
            return (d, p, "KS");
        }
        var r = new GridReference2D(g2!, reference);
        var (dx, px) = KolmogorovSmirnov.Test(x, r.MarginalX().Cdf);
        var (dy, py) = KolmogorovSmirnov.Test(y!, r.MarginalY().Cdf);
        return (Math.Max(dx, dy), Math.Min(1, 2 * Math.Min(px, py)), "KS of each marginal");
    }

    private static IDensity1D Marginal1D(Scenario sc, double t) => ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t)!;

    private static IDensity2D Marginal2D(Scenario sc, double t) => ExactMarginal.Of(sc.Process, sc.Initial2D!, sc.Start, t)!;
}
