using BenchmarkDotNet.Attributes;
using FokkerPlanck.Benchmarks.Fixtures;
using FokkerPlanck.Benchmarks.Reporting;
using FokkerPlanck.Discretization;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>
/// Time per step against size over three decades (2¹⁰ to 2²⁰): the explicit 1D Fokker–Planck step against cells and the
/// OU Euler–Maruyama step against particles. <see cref="Program"/> fits log time = a + k log size and reports k.
/// </summary>
public class ScalingBenchmarks : IDescribesWork
{
    private FokkerPlanckStepFixture? _fp;
    private ParticleFixture? _pt;

    /// <summary>Cells or particles.</summary>
    [Params(1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20)]
    public int Size { get; set; } = 1 << 10;

    /// <summary>Builds both fixtures at this size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fp = new FokkerPlanckStepFixture(1, Size, TimeScheme.Explicit);
        _pt = new ParticleFixture(1, ParticleWorkload.OuEulerMaruyamaExact, Size, ParticleSteps);
    }

    /// <summary>Frees them.</summary>
    [GlobalCleanup]
    public void Cleanup() { _fp?.Dispose(); _pt?.Dispose(); }

    /// <summary>One explicit step of a 1D grid of Size cells.</summary>
    /// <returns>Time.</returns>
    [Benchmark]
    public double FokkerPlanckStep() => _fp!.Step();

    /// <summary>Euler–Maruyama steps per particle operation.</summary>
    public const int ParticleSteps = 10;

    /// <summary>Ten Euler–Maruyama steps of Size particles (OU, exact drift), through the public run API.</summary>
    /// <returns>The result.</returns>
    [Benchmark]
    public object ParticleStep() => _pt!.Run();

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters)
    {
        int n = (int)parameters[nameof(Size)]!;
        return method == nameof(FokkerPlanckStep)
            ? new Work(n, "cells", FokkerPlanckStepFixture.BytesPerCell(1, TimeScheme.Explicit), Limit.Bandwidth)
            : new Work((double)n * ParticleSteps, "particle-steps", 0, Limit.Rng, 2);
    }
}
