using BenchmarkDotNet.Attributes;
using FokkerPlanck.Backends;
using FokkerPlanck.Benchmarks.Reporting;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Benchmarks.Suites;

/// <summary>Normals per second of the counter-based generator (Philox4x32-10 words through the ziggurat), scalar and SIMD, all cores.</summary>
public class GeneratorBenchmarks : IDescribesWork
{
    private const int Draws = 1 << 20; // normals (and particles) per operation

    /// <summary>The scalar kernel path (what ILGPU runs), <see cref="BrownianNormals.Normal"/>.</summary>
    /// <returns>Checksum.</returns>
    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        int threads = Environment.ProcessorCount, per = Draws / threads;
        var sums = new double[threads];
        Parallel.For(0, threads, t =>
        {
            double s = 0;
            for (int k = t * per; k < (t + 1) * per; k++) s += BrownianNormals.Normal(2026, k, 0, BrownianNormals.StreamX);
            sums[t] = s;
        });
        return sums.Sum();
    }

    /// <summary>The managed particle path: eight Philox blocks per vector (AVX-512, else two AVX2 vectors), the ziggurat's
    /// fast path four words per vector.</summary>
    /// <returns>Checksum.</returns>
    [Benchmark]
    public double Simd()
    {
        int threads = Environment.ProcessorCount, per = Draws / threads / 64;
        var sums = new double[threads];
        Parallel.For(0, threads, t => sums[t] = MachineLimits.NormalsLoop(t * (long)per * 64, per));
        return sums.Sum();
    }

    private readonly double[] _i1 = new double[Draws], _i10 = new double[Draws], _unused = new double[Draws];

    /// <summary>
    /// What a 1D SDE step of 2²⁰ particles costs in random numbers in the managed launcher: <see cref="IncrementBatch.Fill"/>
    /// over chunks of 512 particles on all cores: ΔW only (Euler–Maruyama), one normal per particle.
    /// </summary>
    [Benchmark]
    public void Increments1D() =>
        Parallel.For(0, Draws / 512, c => IncrementBatch.Fill(2026, c * 512, 3, 1, 0.01, 1, false,
            _i1.AsSpan(c * 512, 512), _i10.AsSpan(c * 512, 512), _unused.AsSpan(c * 512, 512), _unused.AsSpan(c * 512, 512)));

    /// <summary>As <see cref="Increments1D"/> with I₁₀ too (SRA1): two normals per particle.</summary>
    [Benchmark]
    public void Increments1DWithIntegral() =>
        Parallel.For(0, Draws / 512, c => IncrementBatch.Fill(2026, c * 512, 3, 1, 0.01, 1, true,
            _i1.AsSpan(c * 512, 512), _i10.AsSpan(c * 512, 512), _unused.AsSpan(c * 512, 512), _unused.AsSpan(c * 512, 512)));

    /// <inheritdoc/>
    public static Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters) => method switch
    {
        nameof(Increments1D) => new(Draws, "particle-steps", 0, Limit.Rng, 1),
        nameof(Increments1DWithIntegral) => new(Draws, "particle-steps", 0, Limit.Rng, 2),
        _ => new(Draws, "normals", 0, Limit.Rng, 1),
    };
}
