using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FokkerPlanck.Backends;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Benchmarks.Reporting;

/// <summary>
/// The machine's limits, measured in the benchmark host process at the start of the same run: a STREAM-style triad
/// (a = b + s·c over three arrays of 2²⁴ doubles, 128 MiB each, well beyond a 32 MiB last-level cache; all cores; best of
/// 10 trials; 24 bytes per element as STREAM counts them, without write-allocate traffic) and the rate of the project's
/// Gaussian generator (Philox4x32-10 words through the ziggurat, the SIMD path the managed particle kernels use, all cores).
/// </summary>
public sealed record MachineLimits(double TriadBytesPerSecond, double NormalsPerSecond, int Threads, string Description)
{
    /// <summary>Elements per triad array.</summary>
    public const int TriadLength = 1 << 24;

    /// <summary>The limits measured at start-up by <see cref="Program"/> (columns read them).</summary>
    public static MachineLimits? Current { get; set; }

    /// <summary>Measures both limits.</summary>
    /// <returns>The limits.</returns>
    public static MachineLimits Measure()
    {
        int threads = Environment.ProcessorCount;
        var a = new double[TriadLength]; var b = new double[TriadLength]; var c = new double[TriadLength];
        Array.Fill(b, 1.0); Array.Fill(c, 2.0); Array.Fill(a, 0.0);
        double best = double.PositiveInfinity;
        for (int trial = 0; trial < 10; trial++)
        {
            var sw = Stopwatch.StartNew();
            Triad(a, b, c, 3.0, threads);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        double triad = 24.0 * TriadLength / best;

        const int perThread = 1 << 15; // batches of 64 normals
        double bestRng = double.PositiveInfinity;
        // Fifteen trials with pauses, best of them: the generator's methods start as tier-0 code and are recompiled in the
        // background after their first calls; the early, slow trials only lose the minimum.
        for (int trial = 0; trial < 15; trial++)
        {
            var sw = Stopwatch.StartNew();
            Parallel.For(0, threads, t => Sink(NormalsLoop(t * (long)perThread * 64, perThread)));
            bestRng = Math.Min(bestRng, sw.Elapsed.TotalSeconds);
            Thread.Sleep(50);
        }
        double normals = 64.0 * perThread * threads / bestRng;
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        return new MachineLimits(triad, normals, threads,
            $"{cpu}, {threads} logical cores, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    }

    /// <summary>a = b + s·c, split in one contiguous chunk per thread, Vector256 inside.</summary>
    /// <param name="a">Output.</param>
    /// <param name="b">Input.</param>
    /// <param name="c">Input.</param>
    /// <param name="s">Scalar.</param>
    /// <param name="threads">Chunks.</param>
    public static void Triad(double[] a, double[] b, double[] c, double s, int threads)
    {
        int n = a.Length, size = ((n + threads - 1) / threads + 7) & ~7;
        Parallel.For(0, threads, t => TriadChunk(a, b, c, s, t * size, Math.Min(n, t * size + size)));
    }

    // Fully optimised from the first call: the host probe runs it 10 times, too few for tiered compilation to promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TriadChunk(double[] a, double[] b, double[] c, double s, int lo, int hi)
    {
        int i = lo;
        var vs = Vector256.Create(s);
        for (; i <= hi - 4; i += 4)
            (Vector256.Create(b.AsSpan(i, 4)) + vs * Vector256.Create(c.AsSpan(i, 4))).CopyTo(a.AsSpan(i, 4));
        for (; i < hi; i++) a[i] = b[i] + s * c[i];
    }

    /// <summary>Draws 64·count normals (particles first.., sub-step 0, stream x; in runs of 512, as the launcher draws a
    /// chunk) and returns a checksum so nothing is elided.</summary>
    /// <param name="first">First particle (a multiple of 32).</param>
    /// <param name="count">Batches of 64 normals.</param>
    /// <returns>Sum of the normals.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double NormalsLoop(long first, int count)
    {
        double sum = 0;
        if (!IncrementBatch.IsAccelerated)
        {
            for (long k = 0; k < 64L * count; k++) sum += BrownianNormals.Normal(2026, first + k, 0, BrownianNormals.StreamX);
            return sum;
        }
        Span<uint> words = stackalloc uint[64];
        Span<double> z = stackalloc double[512];
        Span<int> slowIndex = stackalloc int[SlowNormals.Capacity];
        Span<uint> slowWord = stackalloc uint[SlowNormals.Capacity];
        // Four independent vector sums: one serial chain of scalar additions would cost more than the draws.
        Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int g = 0; g < count; g += 8)
        {
            // Runs of up to 512 normals, as the launcher draws a chunk.
            int len = 64 * Math.Min(8, count - g);
            long p = first + 64L * g;
            var zr = z[..len];
            IncrementBatch.Normals(2026, p, 0, BrownianNormals.StreamX, words, zr, slowIndex, slowWord);
            for (int k = 0; k < len; k += 16)
            {
                a0 += Vector256.Create(zr.Slice(k, 4)); a1 += Vector256.Create(zr.Slice(k + 4, 4));
                a2 += Vector256.Create(zr.Slice(k + 8, 4)); a3 += Vector256.Create(zr.Slice(k + 12, 4));
            }
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    private static double _sink;

    private static void Sink(double v) => _sink += v;
}
