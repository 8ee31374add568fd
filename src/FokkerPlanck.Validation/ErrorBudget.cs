using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>One rung of a step ladder: integrator, steps (or tolerance), field evaluations per particle, error.</summary>
/// <param name="Integrator">Integrator name.</param>
/// <param name="Steps">Steps per run (for dopri5: the initial step count).</param>
/// <param name="Tolerance">Relative tolerance (dopri5) or 0.</param>
/// <param name="Evaluations">Field evaluations per particle.</param>
/// <param name="Error">W1 at t = start between this run and the reference run from the same starts and Brownian paths.</param>
public sealed record LadderPoint(string Integrator, int Steps, double Tolerance, double Evaluations, double Error);

/// <summary>The error budget of one case (see <see cref="ErrorBudget"/>).</summary>
public sealed class ErrorBudgetResult
{
    /// <summary>Case.</summary>
    public required string Case { get; init; }

    /// <summary>Particles per ladder run.</summary>
    public required int Particles { get; init; }

    /// <summary>W1 between the grid's p_T and the N(0, 1) prior the samplers start from.</summary>
    public required double PriorW1 { get; init; }

    /// <summary>W1 at t = start between the reverse SDE started from the prior and the grid density at start.</summary>
    public required double PriorRunW1 { get; init; }

    /// <summary>The same for the reverse SDE started from the grid's p_T (no prior mismatch).</summary>
    public required double ExactStartRunW1 { get; init; }

    /// <summary>Grid ladder: cells and L1 error of p_t against the exact marginal at the first quarter time.</summary>
    public required IReadOnlyList<(int Cells, double L1)> GridLadder { get; init; }

    /// <summary>Observed order of the grid ladder (least-squares slope of log L1 against log h).</summary>
    public required double GridOrder { get; init; }

    /// <summary>Step ladders of every integrator.</summary>
    public required IReadOnlyList<LadderPoint> TimeLadder { get; init; }

    /// <summary>Fitted slopes of log error against log evaluations, per integrator.</summary>
    public required IReadOnlyDictionary<string, double> Slopes { get; init; }

    /// <summary>W1 noise floor at this particle count (mean over replicates of W1 between a grid sample and the grid CDF).</summary>
    public required double SamplingFloor { get; init; }

    /// <summary>Reference steps (RK4 for the ODE, SRA1 for the SDE).</summary>
    public required int ReferenceSteps { get; init; }

    /// <summary>As JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["case"] = Case, ["particles"] = Particles, ["priorW1"] = PriorW1, ["priorRunW1"] = PriorRunW1, ["exactStartRunW1"] = ExactStartRunW1,
        ["gridLadder"] = new JsonArray(GridLadder.Select(g => (JsonNode)new JsonObject { ["cells"] = g.Cells, ["l1"] = g.L1 }).ToArray()),
        ["gridOrder"] = GridOrder, ["samplingFloorW1"] = SamplingFloor, ["referenceSteps"] = ReferenceSteps,
        ["timeLadder"] = new JsonArray(TimeLadder.Select(p => (JsonNode)new JsonObject
        {
            ["integrator"] = p.Integrator, ["steps"] = p.Steps, ["rtol"] = p.Tolerance, ["evaluationsPerParticle"] = p.Evaluations, ["w1"] = p.Error,
        }).ToArray()),
        ["slopes"] = new JsonObject(Slopes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
    };

    internal void AppendMarkdown(StringBuilder sb, IReadOnlyList<string> figures)
    {
        static string F(double v) => v.ToString("0.###E+0", CultureInfo.InvariantCulture);
        sb.AppendLine($"## Error budget: {Case}");
        sb.AppendLine();
        sb.AppendLine($"Each source separately, in W1 at t = 0 unless stated ({Particles} particles per run):");
        sb.AppendLine();
        sb.AppendLine("| source | measure | value |");
        sb.AppendLine("| --- | --- | --- |");
        sb.AppendLine($"| prior mismatch | W1(p_T grid, N(0, 1)) | {F(PriorW1)} |");
        sb.AppendLine($"| prior mismatch, propagated | reverse SDE from N(0, 1) vs grid p_0 / from grid p_T vs grid p_0 | {F(PriorRunW1)} / {F(ExactStartRunW1)} |");
        foreach (var (c, l1) in GridLadder) sb.AppendLine($"| grid ({c} cells) | L1(p_t, exact) at t = start + ¼ (end - start) | {F(l1)} |");
        sb.AppendLine($"| grid, observed order | slope of log L1 against log h | {GridOrder:F2} |");
        foreach (var g in TimeLadder.GroupBy(p => p.Integrator))
            sb.AppendLine($"| time discretisation, {g.Key} | W1 to the {ReferenceSteps}-step reference, at {string.Join(" / ", g.Select(p => p.Tolerance > 0 ? $"rtol {p.Tolerance:0E+0}" : $"{p.Steps} steps"))} | " +
                $"{string.Join(" / ", g.Select(p => F(p.Error)))} (slope vs evaluations {Slopes[g.Key]:F2}) |");
        sb.AppendLine($"| sampling noise | W1 noise floor at {Particles} particles | {F(SamplingFloor)} |");
        sb.AppendLine();
        foreach (var f in figures.Where(f => Path.GetFileName(f).StartsWith("error-budget", StringComparison.Ordinal))) sb.AppendLine($"![error budget]({f})");
        sb.AppendLine();
    }
}

/// <summary>
/// Error budget of one non-Gaussian case (vp-laplace-1d): the prior mismatch (p_T against the N(0, 1) the samplers
/// start from), the time discretisation (step ladders of Euler–Maruyama and SRA1 for the reverse SDE, Heun, RK4 and
/// adaptive Dormand–Prince for the PF-ODE; each against a fine reference from the same starts and, for SDEs, the same
/// Brownian paths, so sampling noise largely cancels), the grid error (cell ladder against the exact marginal) and
/// the sampling noise (the W1 noise floor), each separately.
/// </summary>
public static class ErrorBudget
{
    /// <summary>Runs the budget.</summary>
    /// <param name="caseName">Case (needs an exact marginal and a VP/OU prior).</param>
    /// <param name="particles">Particles per run.</param>
    /// <param name="steps">Step ladder.</param>
    /// <param name="referenceSteps">Reference steps (a multiple of every ladder entry).</param>
    /// <param name="cells">Cell ladder.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="progress">Progress.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <returns>Budget.</returns>
    public static ErrorBudgetResult Run(string caseName, int particles, int[] steps, int referenceSteps, int[] cells, ulong seed,
        IProgress<string>? progress = null, CancellationToken cancel = default) =>
        Run(ValidationCases.Get(caseName), particles, steps, referenceSteps, cells, seed, progress, cancel);

    /// <summary>Runs the budget on a given scenario (e.g. a validation case at other sizes).</summary>
    /// <param name="sc">Scenario (1D, with an exact marginal, under a VP or OU process).</param>
    /// <param name="particles">Particles per run.</param>
    /// <param name="steps">Step ladder.</param>
    /// <param name="referenceSteps">Reference steps (a multiple of every ladder entry).</param>
    /// <param name="cells">Cell ladder.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="progress">Progress.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <returns>Budget.</returns>
    // Long by design: the budget's three ladders (cells, steps, tolerances) against one reference and one sampling floor,
    // in the order the report lists them; splitting them would pass the reference samples and seeds around.
    public static ErrorBudgetResult Run(Scenario sc, int particles, int[] steps, int referenceSteps, int[] cells, ulong seed,
        IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(sc);
        string caseName = sc.Name;
        foreach (int k in steps)
            if (k < 4 || referenceSteps % k != 0) throw new ArgumentException($"every ladder step count must be ≥ 4 and divide the reference's {referenceSteps} (got {k})");
        if (sc.Dimension != 1) throw new ArgumentException("the error budget is 1D");
        progress?.Report($"error budget: solving {caseName}");
        var sol = sc.Solve(options: sc.Solver with { Cancellation = cancel });
        var fields = GridFields.FromSolution(sol, sc.Process);
        var g = sc.Grid1D!;
        var r0 = new GridReference1D(g, sol.Densities[0]);
        var rT = new GridReference1D(g, sol.Densities[^1]);
        var problem = new ParticleProblem(sc.Process, sc.Initial1D!, [sc.Start, sc.End], fields);

        // Prior mismatch: ∫ |F_T - Φ| dx by Simpson on 8 panels per cell.
        var phi = new MathNet.Numerics.Distributions.Normal(0, 1);
        int panels = 8 * g.Cells;
        double hx = (g.Upper - g.Lower) / panels, priorW1 = 0;
        for (int i = 0; i < panels; i++)
        {
            double a = g.Lower + i * hx, b = a + hx, m = 0.5 * (a + b);
            priorW1 += hx / 6 * (Math.Abs(rT.Cdf(a) - phi.CumulativeDistribution(a)) + 4 * Math.Abs(rT.Cdf(m) - phi.CumulativeDistribution(m))
                + Math.Abs(rT.Cdf(b) - phi.CumulativeDistribution(b)));
        }
        var sde = new ParticleOptions { Dynamics = Dynamics.ReverseSde, Integrator = Integrator.Sra1, Steps = referenceSteps, Particles = particles, Seed = seed };
        progress?.Report("error budget: prior mismatch");
        var fromPrior = ParticleSimulator.Run(problem, sde, DensitySampler.Sample(new GaussianMixture1D([1.0], [0.0], [1.0]), particles, seed + 1), null);
        var startsT = rT.Sample(particles, seed + 2);
        var fromGrid = ParticleSimulator.Run(problem, sde, startsT, null);
        double priorRun = Wasserstein.ToCdf(fromPrior.X[^1], r0.Cdf, g.Lower, g.Upper);
        double gridRun = Wasserstein.ToCdf(fromGrid.X[^1], r0.Cdf, g.Lower, g.Upper);

        // Time discretisation: coupled ladders.
        var ladder = new List<LadderPoint>();
        var ode = new ParticleOptions { Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Integrator = Integrator.Rk4, Steps = referenceSteps, Particles = particles, Seed = seed };
        progress?.Report("error budget: reference runs");
        var refOde = ParticleSimulator.Run(problem, ode, startsT, null).X[^1];
        var refSde = fromGrid.X[^1];
        foreach (var integ in new[] { Integrator.EulerMaruyama, Integrator.Sra1, Integrator.Heun, Integrator.Rk4 })
        {
            bool isSde = !integ.OdeOnly;
            foreach (int k in steps)
            {
                cancel.ThrowIfCancellationRequested();
                var o = (isSde ? sde : ode) with { Integrator = integ, Steps = k, BrownianRefinement = isSde ? referenceSteps / k : 1 };
                var r = ParticleSimulator.Run(problem, o, startsT, null);
                ladder.Add(new LadderPoint(integ.Name, k, 0, (double)r.FieldEvaluations / particles, Wasserstein.Between(r.X[^1], isSde ? refSde : refOde)));
            }
            progress?.Report($"error budget: {integ.Name} ladder done");
        }
        foreach (double rtol in new[] { 1e-2, 1e-3, 1e-4, 1e-5, 1e-6 })
        {
            var o = ode with { Integrator = Integrator.DormandPrince, Steps = 4, RelativeTolerance = rtol, AbsoluteTolerance = rtol * 1e-3 };
            var r = ParticleSimulator.Run(problem, o, startsT, null);
            ladder.Add(new LadderPoint(Integrator.DormandPrince.Name, 4, rtol, (double)r.FieldEvaluations / particles, Wasserstein.Between(r.X[^1], refOde)));
        }
        var slopes = ladder.GroupBy(p => p.Integrator).ToDictionary(grp => grp.Key, grp =>
        {
            var pts = grp.Where(p => p.Error > 0).ToArray();
            return pts.Length < 2 ? double.NaN
                : MathNet.Numerics.Fit.Line(pts.Select(p => Math.Log(p.Evaluations)).ToArray(), pts.Select(p => Math.Log(p.Error)).ToArray()).B;
        });

        // Grid error: cell ladder at the first quarter time (the Laplace kinks still matter there; at T the density is
        // nearly Gaussian and every grid is exact to the solver's time tolerance) against the exact marginal.
        double tq = sc.Start + 0.25 * (sc.End - sc.Start);
        var exactT = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, tq) ?? throw new ArgumentException($"case {caseName} has no exact marginal");
        var gl = new List<(int, double)>();
        foreach (int c in cells)
        {
            progress?.Report($"error budget: grid ladder, {c} cells");
            var gc = g.With(g.Lower, g.Upper, c);
            var s = FokkerPlanckSolver.Solve(sc.Process, gc, sc.Initial1D!, [sc.Start, tq], sc.Solver with { Cancellation = cancel });
            gl.Add((c, ErrorNorms.Compare(s.Densities[^1], CellAverages.Of(gc, exactT), gc.H).L1));
        }
        double order = MathNet.Numerics.Fit.Line(gl.Select(p => Math.Log((g.Upper - g.Lower) / p.Item1)).ToArray(), gl.Select(p => Math.Log(p.Item2)).ToArray()).B;

        var floor = NullStatistics.Compute(10, r => new Dictionary<string, double> { ["W1"] = Wasserstein.ToCdf(r0.Sample(particles, seed + 100 + (ulong)r), r0.Cdf, g.Lower, g.Upper) });
        return new ErrorBudgetResult
        {
            Case = caseName, Particles = particles, PriorW1 = priorW1, PriorRunW1 = priorRun, ExactStartRunW1 = gridRun, GridLadder = gl, GridOrder = order,
            TimeLadder = ladder, Slopes = slopes, SamplingFloor = floor.Mean["W1"], ReferenceSteps = referenceSteps,
        };
    }
}
