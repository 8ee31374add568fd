using BenchmarkDotNet.Attributes;
using FokkerPlanck.Benchmarks.Fixtures;
using FokkerPlanck.Benchmarks.Reporting;
using FokkerPlanck.Discretization;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>
/// The implicit attempt on 1 and on 2 threads: how the line solves scale with cores. 2D (step-doubled Crank–Nicolson/ADI:
/// three ADI solves, each two sweeps of independent line solves): the lines of a sweep are solved in parallel, each by
/// the same sequential kernel. 1D (Cells² cells on one line, step-doubled Crank–Nicolson): the partitioned solve's
/// segment groups run in parallel, their number set by the cell count. Either way the result does not depend on the
/// thread count.
/// </summary>
public class ImplicitThreadBenchmarks : IDescribesWork
{
    private FokkerPlanckStepFixture? _f;

    /// <summary>Cells per axis.</summary>
    [Params(512, 2048)]
    public int Cells { get; set; } = 512;

    /// <summary>1: one line of Cells² cells; 2: Cells × Cells.</summary>
    [Params(1, 2)]
    public int Dims { get; set; } = 2;

    /// <summary>Threads of the managed backend.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the stepper and loads the density.</summary>
    [GlobalSetup]
    public void Setup() => _f = new FokkerPlanckStepFixture(Dims, Dims == 1 ? Cells * Cells : Cells, TimeScheme.Implicit, Threads);

    /// <summary>Frees the buffers.</summary>
    [GlobalCleanup]
    public void Cleanup() => _f?.Dispose();

    /// <summary>One implicit attempt of the solver's adaptive loop.</summary>
    /// <returns>The new time.</returns>
    [Benchmark]
    public double Step() => _f!.Step();

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters)
    {
        int n = (int)parameters[nameof(Cells)]!, dims = (int)parameters[nameof(Dims)]!;
        return new Work((double)n * n, "cells", FokkerPlanckStepFixture.BytesPerCell(dims, TimeScheme.Implicit), Limit.Bandwidth);
    }
}
