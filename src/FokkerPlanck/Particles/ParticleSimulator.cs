using FokkerPlanck.Backends;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Particles;

/// <summary>
/// Simulates particles of the forward SDE, the reverse SDE, the PF-ODE (either direction) or any member of the
/// lambda-family, driven by grid or exact fields, on a backend. Forward dynamics start at the first snapshot time from
/// samples of the initial density; reverse dynamics start at the last snapshot time from samples of the grid density
/// there (grid fields) or of the exact marginal (exact fields), and run back to the first.
/// </summary>
public static class ParticleSimulator
{
    /// <summary>Samples the start and runs.</summary>
    /// <param name="problem">Process, initial density, times and fields.</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend (null: a new Managed backend).</param>
    /// <returns>The result.</returns>
    public static ParticleResult Simulate(ParticleProblem problem, ParticleOptions options, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (x, y) = StartSamples(problem, options);
        return Run(problem, options, x, y, backend);
    }

    /// <summary>Start samples of a run: the initial density (forward), or the grid density / exact marginal at T (reverse).</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Options (dynamics, field, particles, seed).</param>
    /// <returns>x and (2D) y.</returns>
    public static (double[] X, double[]? Y) StartSamples(ParticleProblem problem, ParticleOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        int n = options.Particles;
        ulong seed = options.Seed;
        bool reverse = options.Dynamics.Direction == DynamicsDirection.Reverse;
        if (!reverse)
        {
            if (problem.Initial1D is { } i1) return (DensitySampler.Sample(i1, n, seed), null);
            var (a, b) = DensitySampler.Sample(problem.Initial2D!, n, seed);
            return (a, b);
        }
        if (options.Field == FieldKind.Grid)
        {
            var f = problem.Fields ?? throw new ArgumentException("reverse runs with grid fields start from the grid density at T: the grid fields are needed");
            var p = f.Solution.Densities[^1];
            if (Math.Abs(f.Times[^1] - problem.End) > Tolerances.TimeMatch * Math.Max(1, Math.Abs(problem.End)))
                throw new ArgumentException($"the grid's last snapshot is at t = {f.Times[^1]}, not at the run's end {problem.End}");
            if (f.Solution.Grid1 is { } g) return (DensitySampler.Sample(g, p, n, seed), null);
            var (a, b) = DensitySampler.Sample(f.Solution.Grid2!, p, n, seed);
            return (a, b);
        }
        if (problem.Initial1D is { } d1)
        {
            var e = ExactMarginal.Of(problem.Process, d1, problem.Start, problem.End)
                ?? throw new ArgumentException($"no exact marginal is known for process '{problem.Process.Kind}' from this density: use grid fields", "field");
            return (DensitySampler.Sample(e, n, seed), null);
        }
        var e2 = ExactMarginal.Of(problem.Process, problem.Initial2D!, problem.Start, problem.End)
            ?? throw new ArgumentException($"no exact marginal is known for process '{problem.Process.Kind}' from this density: use grid fields", "field");
        var (u, v) = DensitySampler.Sample(e2, n, seed);
        return (u, v);
    }

    /// <summary>Runs from given start positions (at the first snapshot time for forward dynamics, at the last for reverse).</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Options; <see cref="ParticleOptions.Particles"/> is taken from the start arrays.</param>
    /// <param name="x">Start x.</param>
    /// <param name="y">Start y (2D), else null.</param>
    /// <param name="backend">Backend (null: a new Managed backend).</param>
    /// <returns>The result.</returns>
    public static ParticleResult Run(ParticleProblem problem, ParticleOptions options, double[] x, double[]? y, IBackend? backend = null) =>
        Run(problem, options, x, y, backend, null);

    internal static ParticleResult Run(ParticleProblem problem, ParticleOptions options, double[] x, double[]? y, IBackend? backend,
        DivergenceEstimator? likelihood)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(x);
        options = options with { Particles = x.Length, Trajectories = Math.Min(options.Trajectories, x.Length) };
        options.Validate();
        if ((problem.Dimension == 2) != (y is not null)) throw new ArgumentException("give y start positions exactly for 2D problems", nameof(y));
        if (y is not null && y.Length != x.Length) throw new ArgumentException($"x has {x.Length} entries but y has {y.Length}", nameof(y));
        if (likelihood is not null && !options.Dynamics.IsOde) throw new ArgumentException("the log-likelihood is tracked along the PF-ODE only (lambda = 0)");
        if (options.Control == NegativeControl.OmitDiffusionGradient && problem.Process is not Model.PointProcess { PositionDependentDiffusion: true })
            throw new ArgumentException("the control that omits grad D needs a process with a position-dependent diffusion", nameof(options));
        if (problem.Initial1D is Model.PointMasses1D && !(options.Dynamics.Direction == DynamicsDirection.Forward && options.Dynamics.Lambda == 1))
            throw new ArgumentException($"{options.Dynamics} from point masses: the score of a point mass does not exist at the start time, and a flow " +
                "cannot spread a delta; particles from point masses run the forward SDE only (for other dynamics start from a narrow gaussian-mixture)", nameof(problem));
        if (problem.Process is Model.PointProcess { PositionDependentDiffusion: true })
        {
            // Multiplicative noise: only Euler–Maruyama is valid (Itô, weak order 1); the default SDE integrator becomes it.
            if (likelihood is not null)
                throw new ArgumentException("the log-likelihood of a process with a position-dependent diffusion would need D's second derivatives: not supported");
            if (!options.Dynamics.IsOde && options.EffectiveIntegrator != Integrator.EulerMaruyama)
            {
                if (options.Integrator is not null)
                    throw new ArgumentException($"integrator {options.Integrator.Name} assumes additive noise; a position-dependent diffusion needs euler-maruyama (Itô)", "integrator");
                options = options with { Integrator = Integrator.EulerMaruyama };
            }
        }
        int mode = likelihood switch
        {
            null => Kernels.Particles.StepArgs.NoLikelihood,
            DivergenceEstimator.Exact => Kernels.Particles.StepArgs.ExactDivergence,
            DivergenceEstimator.HutchinsonRademacher => Kernels.Particles.StepArgs.HutchinsonRademacher,
            DivergenceEstimator.HutchinsonGaussian => Kernels.Particles.StepArgs.HutchinsonGaussian,
            _ => throw new ArgumentOutOfRangeException(nameof(likelihood)),
        };
        bool own = backend is null;
        var b = backend ?? new ManagedBackend();
        try
        {
            var pb = b as IParticleBackend ?? throw new ArgumentException($"backend {b.Name} does not run particles");
            using var job = new ParticleRun(problem, options, b, x, y, mode);
            pb.RunParticles(job);
            return job.Result!;
        }
        finally
        {
            if (own) b.Dispose();
        }
    }
}
