using BenchmarkDotNet.Attributes;
using FokkerPlanck.Benchmarks.Fixtures;
using FokkerPlanck.Benchmarks.Reporting;
using FokkerPlanck.Discretization;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>One Fokker–Planck step (OU, managed backend, all cores) at the sizes, explicit and implicit.</summary>
public class FokkerPlanckStepBenchmarks : IDescribesWork
{
    private FokkerPlanckStepFixture? _f;

    /// <summary>Grid: "1D N" or "2D N" (N cells per axis).</summary>
    [Params("1D 4096", "1D 1048576", "2D 256", "2D 2048")]
    public string Grid { get; set; } = "1D 4096";

    /// <summary>Time scheme.</summary>
    [Params(TimeScheme.Explicit, TimeScheme.Implicit)]
    public TimeScheme Scheme { get; set; }

    /// <summary>Builds the stepper and loads the density.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (dims, n) = Parse(Grid);
        _f = new FokkerPlanckStepFixture(dims, n, Scheme);
    }

    /// <summary>Frees the buffers.</summary>
    [GlobalCleanup]
    public void Cleanup() => _f?.Dispose();

    /// <summary>One step of the solver's adaptive loop.</summary>
    /// <returns>The new time.</returns>
    [Benchmark]
    public double Step() => _f!.Step();

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters)
    {
        var (dims, n) = Parse((string)parameters[nameof(Grid)]!);
        var scheme = (TimeScheme)parameters[nameof(Scheme)]!;
        return new Work(dims == 1 ? n : (double)n * n, "cells", FokkerPlanckStepFixture.BytesPerCell(dims, scheme), Limit.Bandwidth);
    }

    internal static (int Dims, int Cells) Parse(string grid)
    {
        var parts = grid.Split(' ');
        return (parts[0] == "1D" ? 1 : 2, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
