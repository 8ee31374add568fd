using FokkerPlanck.Backends;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Applications;

/// <summary>Options of <see cref="PfOdeLikelihood"/>.</summary>
public sealed record LikelihoodOptions
{
    /// <summary>Grid or exact fields (and the matching log p_T: the grid density at T, or the exact marginal).</summary>
    public FieldKind Field { get; init; } = FieldKind.Grid;

    /// <summary>Steps (or Dormand–Prince intervals) from the first snapshot to the last.</summary>
    public int Steps { get; init; } = 400;

    /// <summary>ODE integrator.</summary>
    public Integrator Integrator { get; init; } = Integrator.Rk4;

    /// <summary>Exact divergence or a Hutchinson estimator.</summary>
    public DivergenceEstimator Divergence { get; init; } = DivergenceEstimator.Exact;

    /// <summary>Seed of the Hutchinson probes.</summary>
    public ulong Seed { get; init; }
}

/// <summary>Log-likelihoods of the points and, for a Hutchinson estimator, its error against the exact divergence.</summary>
/// <param name="LogP0">log p_0(x_0) = log p_T(x_T) + ∫ ∇·v dt per point.</param>
/// <param name="LogPT">log p_T at the end of each path.</param>
/// <param name="DivergenceIntegral">∫ ∇·v dt along each path.</param>
/// <param name="EndX">x_T.</param>
/// <param name="EndY">y_T (2D), else null.</param>
/// <param name="FieldEvaluations">Field evaluations (Jacobians) used.</param>
/// <param name="ExactLogP0">With a Hutchinson estimator: the same with the exact divergence, else null.</param>
public sealed record LikelihoodResult(double[] LogP0, double[] LogPT, double[] DivergenceIntegral, double[] EndX, double[]? EndY,
    long FieldEvaluations, double[]? ExactLogP0)
{
    /// <summary>Mean of (estimate - exact-divergence value) over the points (0 for the exact divergence).</summary>
    public double Bias => ExactLogP0 is null ? 0 : LogP0.Zip(ExactLogP0, (a, b) => a - b).Average();

    /// <summary>Sample variance of (estimate - exact-divergence value) over the points.</summary>
    public double Variance
    {
        get
        {
            if (ExactLogP0 is null || LogP0.Length < 2) return 0;
            var d = LogP0.Zip(ExactLogP0, (a, b) => a - b).ToArray();
            double m = d.Average();
            return d.Sum(v => (v - m) * (v - m)) / (d.Length - 1);
        }
    }
}

/// <summary>
/// PF-ODE log-likelihood (docs/conventions.md): along dx/dt = v(x, t) from problem.Start to T,
/// d/dt log p(X_t, t) = -∇·v, hence log p_0(x_0) = log p_T(x_T) + ∫ ∇·v dt. The divergence is the exact trace of the
/// Jacobian of the field the particles follow (for grid fields: of the interpolant), or Hutchinson's εᵀ(∂v)ε with one
/// probe per point and step. log p_T: the exact marginal (exact fields) or the grid density at T, ln of the cell averages
/// interpolated linearly (bilinearly) between centres (grid fields).
/// </summary>
public static class PfOdeLikelihood
{
    /// <summary>Log-likelihoods of points at problem.Start.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="x0">Points (1D, or x of 2D).</param>
    /// <param name="y0">y of 2D points, else null.</param>
    /// <param name="options">Options (null: defaults).</param>
    /// <param name="backend">Backend (null: Managed).</param>
    /// <returns>The result.</returns>
    public static LikelihoodResult Evaluate(ParticleProblem problem, double[] x0, double[]? y0 = null, LikelihoodOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var o = options ?? new LikelihoodOptions();
        var po = new ParticleOptions
        {
            Dynamics = Dynamics.PfOde(DynamicsDirection.Forward), Field = o.Field, Steps = o.Steps, Integrator = o.Integrator, Seed = o.Seed,
        };
        var r = ParticleSimulator.Run(problem, po, x0, y0, backend, o.Divergence);
        var logPT = LogDensityAtEnd(problem, o.Field, r.X[^1], r.Y?[^1]);
        var div = r.LogDensityChange!;
        var logP0 = logPT.Select((v, i) => v + div[i]).ToArray();
        double[]? exact = null;
        if (o.Divergence != DivergenceEstimator.Exact)
            exact = Evaluate(problem, x0, y0, o with { Divergence = DivergenceEstimator.Exact }, backend).LogP0;
        return new LikelihoodResult(logP0, logPT, div, r.X[^1], r.Y?[^1], r.FieldEvaluations, exact);
    }

    private static double[] LogDensityAtEnd(ParticleProblem problem, FieldKind field, double[] x, double[]? y)
    {
        if (field == FieldKind.Exact)
        {
            if (problem.Initial1D is { } i1)
            {
                var e = ExactMarginal.Of(problem.Process, i1, problem.Start, problem.End) ?? throw new ArgumentException("no exact marginal at T: use grid fields");
                return x.Select(e.LogDensity).ToArray();
            }
            var e2 = ExactMarginal.Of(problem.Process, problem.Initial2D!, problem.Start, problem.End) ?? throw new ArgumentException("no exact marginal at T: use grid fields");
            return x.Select((v, i) => e2.LogDensity(v, y![i])).ToArray();
        }
        var f = problem.Fields ?? throw new ArgumentException("grid fields are needed for log p_T from the grid");
        return GridLogDensity(f.Solution, f.Solution.Densities[^1], x, y);
    }

    /// <summary>log p at points by linear (bilinear in 2D) interpolation of the log cell values (clamped at the grid's
    /// outer cell centres).</summary>
    /// <param name="sol">Grid solution (its grid).</param>
    /// <param name="p">Cell values of one snapshot.</param>
    /// <param name="x">Points, x.</param>
    /// <param name="y">Points, y (2D), or null.</param>
    /// <returns>log p at the points.</returns>
    public static double[] GridLogDensity(Discretization.GridSolution sol, double[] p, double[] x, double[]? y)
    {
        static double Ln(double v) => Math.Log(Math.Max(v, double.Epsilon));
        if (sol.Grid1 is { } g)
            return x.Select(v =>
            {
                Kernels.Particles.Interpolation.Bracket(v, g.Lower, g.H, g.Cells, g.Periodic, out int i0, out int i1, out double a);
                return (1 - a) * Ln(p[i0]) + a * Ln(p[i1]);
            }).ToArray();
        var g2 = sol.Grid2!;
        bool px = g2.X.Periodic, py = g2.Y.Periodic;
        int ny = g2.Y.Cells;
        return x.Select((v, k) =>
        {
            Kernels.Particles.Interpolation.Bracket(v, g2.X.Lower, g2.X.H, g2.X.Cells, px, out int i0, out int i1, out double a);
            Kernels.Particles.Interpolation.Bracket(y![k], g2.Y.Lower, g2.Y.H, ny, py, out int j0, out int j1, out double b);
            return (1 - a) * ((1 - b) * Ln(p[i0 * ny + j0]) + b * Ln(p[i0 * ny + j1])) + a * ((1 - b) * Ln(p[i1 * ny + j0]) + b * Ln(p[i1 * ny + j1]));
        }).ToArray();
    }
}
