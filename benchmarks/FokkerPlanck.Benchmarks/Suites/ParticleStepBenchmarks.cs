using BenchmarkDotNet.Attributes;
using FokkerPlanck.Benchmarks.Fixtures;
using FokkerPlanck.Benchmarks.Reporting;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>10⁶ particles, 1D and 2D, the three workloads of the issue; one operation = 10 steps of every particle.</summary>
public class ParticleStepBenchmarks : IDescribesWork
{
    /// <summary>Particles.</summary>
    public const int Particles = 1_000_000;

    /// <summary>Steps per operation.</summary>
    public const int Steps = 10;

    private ParticleFixture? _f;

    /// <summary>Dimension.</summary>
    [Params(1, 2)]
    public int Dims { get; set; } = 1;

    /// <summary>Workload.</summary>
    [Params(ParticleWorkload.OuEulerMaruyamaExact, ParticleWorkload.ReverseSdeGridScore, ParticleWorkload.PfOdeRk4Grid)]
    public ParticleWorkload Workload { get; set; }

    /// <summary>Solves the grid (when needed) and draws the starts.</summary>
    [GlobalSetup]
    public void Setup() => _f = new ParticleFixture(Dims, Workload, Particles, Steps);

    /// <summary>Frees the backend.</summary>
    [GlobalCleanup]
    public void Cleanup() => _f?.Dispose();

    /// <summary>Ten steps of all particles.</summary>
    /// <returns>The result.</returns>
    [Benchmark]
    public object Run() => _f!.Run();

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters)
    {
        int dims = (int)parameters[nameof(Dims)]!;
        var w = (ParticleWorkload)parameters[nameof(Workload)]!;
        // The SDE workloads draw one Philox block (two normals) per particle, step and dimension; the ODE draws none and
        // is compared with nothing.
        return w == ParticleWorkload.PfOdeRk4Grid
            ? new Work((double)Particles * Steps, "particle-steps", 0, Limit.None)
            : new Work((double)Particles * Steps, "particle-steps", 0, Limit.Rng, 2.0 * dims);
    }
}
