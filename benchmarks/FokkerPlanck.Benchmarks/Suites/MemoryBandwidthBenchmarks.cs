using BenchmarkDotNet.Attributes;
using FokkerPlanck.Benchmarks.Reporting;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>The STREAM-style triad probe as a benchmark of its own (the same loop the host measures at start-up).</summary>
public class MemoryBandwidthBenchmarks : IDescribesWork
{
    private double[] _a = [], _b = [], _c = [];

    /// <summary>Allocates and touches the arrays.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = new double[MachineLimits.TriadLength]; _b = new double[MachineLimits.TriadLength]; _c = new double[MachineLimits.TriadLength];
        Array.Fill(_a, 0.0); Array.Fill(_b, 1.0); Array.Fill(_c, 2.0);
    }

    /// <summary>a = b + 3c over 2²⁴ doubles per array, all cores.</summary>
    [Benchmark]
    public void Triad() => MachineLimits.Triad(_a, _b, _c, 3.0, Environment.ProcessorCount);

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters) =>
        new(MachineLimits.TriadLength, "elements", 24, Limit.Bandwidth);
}
