using FokkerPlanck.Backends;
using FokkerPlanck.Fields;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Benchmarks.Fixtures;

/// <summary>The three particle workloads of the benchmarks.</summary>
public enum ParticleWorkload
{
    /// <summary>Forward OU SDE, Euler–Maruyama, exact drift (the score is not evaluated: λ = 1 forward).</summary>
    OuEulerMaruyamaExact,

    /// <summary>Reverse SDE, Euler–Maruyama, drift -f + g² s with s interpolated from the grid (bilinear in space, cubic in time).</summary>
    ReverseSdeGridScore,

    /// <summary>PF-ODE backwards, RK4 (four field evaluations per step), grid fields.</summary>
    PfOdeRk4Grid,
}

/// <summary>
/// A particle run of the built-in ou-gmm-1d / ou-gmm-2d scenario, set up once: start positions drawn, grid fields solved
/// (plain second-order grid, no extrapolation: the benchmark measures particles, not the grid). <see cref="Run"/> advances
/// all particles by <see cref="Steps"/> steps through the public <see cref="ParticleSimulator.Run(ParticleProblem, ParticleOptions, double[], double[], IBackend)"/>,
/// which also uploads the starts and downloads the end positions once per call (about 30 ms at 10⁶ particles, measured by
/// differencing 10- and 30-step runs: under 10 % of a 10-step operation).
/// </summary>
internal sealed class ParticleFixture : IDisposable
{
    private readonly ManagedBackend _backend = new();
    private readonly ParticleProblem _problem;
    private readonly ParticleOptions _options;
    private readonly double[] _x;
    private readonly double[]? _y;

    public ParticleFixture(int dims, ParticleWorkload workload, int particles, int steps)
    {
        Steps = steps;
        var sc = BuiltInScenarios.Get(dims == 1 ? "ou-gmm-1d" : "ou-gmm-2d");
        GridFields? fields = null;
        if (workload != ParticleWorkload.OuEulerMaruyamaExact)
        {
            var sol = sc.Solve(_backend, sc.Solver with { Extrapolate = false });
            fields = GridFields.FromSolution(sol, sc.Process);
        }
        Fields = fields;
        double[] times = [sc.Start, sc.End];
        _problem = sc.Initial1D is { } i1
            ? new ParticleProblem(sc.Process, i1, times, fields)
            : new ParticleProblem(sc.Process, sc.Initial2D!, times, fields);
        _options = workload switch
        {
            ParticleWorkload.OuEulerMaruyamaExact => new ParticleOptions
            {
                Dynamics = Dynamics.ForwardSde, Integrator = Integrator.EulerMaruyama, Field = FieldKind.Exact,
            },
            ParticleWorkload.ReverseSdeGridScore => new ParticleOptions
            {
                Dynamics = Dynamics.ReverseSde, Integrator = Integrator.EulerMaruyama, Field = FieldKind.Grid,
            },
            _ => new ParticleOptions
            {
                Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Integrator = Integrator.Rk4, Field = FieldKind.Grid,
            },
        };
        _options = _options with { Particles = particles, Steps = steps, Seed = 2026, Trajectories = 0 };
        (_x, _y) = ParticleSimulator.StartSamples(_problem, _options);
    }

    /// <summary>The grid fields the particles use (null for the exact-drift workload).</summary>
    public GridFields? Fields { get; }

    /// <summary>Start positions (x).</summary>
    public double[] X => _x;

    /// <summary>Start positions (y, 2D), else null.</summary>
    public double[]? Y => _y;

    /// <summary>Steps per <see cref="Run"/>.</summary>
    public int Steps { get; }

    /// <summary>Advances every particle by <see cref="Steps"/> steps.</summary>
    /// <returns>The result (returned so the work is not elided).</returns>
    public ParticleResult Run() => ParticleSimulator.Run(_problem, _options, _x, _y, _backend);

    public void Dispose() => _backend.Dispose();
}
