using System.Runtime.Intrinsics;
using FokkerPlanck.Backends;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Backends;

/// <summary>The managed backend's SIMD increments against the scalar kernel they replace.</summary>
public class IncrementBatchTests(ITestOutputHelper log)
{
    [Fact]
    public void PhiloxWordsAreTheScalarGeneratorsBitForBit()
    {
        if (!IncrementBatch.IsAccelerated) { log.WriteLine("no AVX2: the vector path does not run here"); return; }
        ulong[] seeds = [0, 2026, 0xFFFFFFFF_FFFFFFFFUL, 0x243F6A88_85A308D3UL];
        long[] firsts = [0, 5, 1_000_003, (1L << 32) - 2, (1L << 40) + 7];
        foreach (ulong seed in seeds)
            foreach (long p in firsts)
                foreach (int step in new[] { 0, 1, 123_456, int.MaxValue })
                    foreach (uint stream in new[] { 0u, 1u, 2u })
                    {
                        var (a, b, c, d) = IncrementBatch.Block4(p, (uint)step, stream, (uint)seed, (uint)(seed >> 32));
                        for (int k = 0; k < 4; k++)
                        {
                            var s = Philox.Draw(seed, p + k, step, stream);
                            Assert.Equal(new UInt4(s.X0, s.X1, s.X2, s.X3), new UInt4((uint)a[k], (uint)b[k], (uint)c[k], (uint)d[k]));
                            Assert.True(a[k] < (1UL << 32) && b[k] < (1UL << 32) && c[k] < (1UL << 32) && d[k] < (1UL << 32));
                        }
                    }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    public void IncrementsMatchTheScalarKernelToRounding(int dims, int refine)
    {
        // Counts that are not multiples of 4 exercise the scalar tail; the first particle is not a multiple of 4 either.
        const int n = 1027, first = 513, step = 17;
        const double h = 0.013;
        var v = new double[4][];
        for (int q = 0; q < 4; q++) v[q] = new double[n];
        IncrementBatch.Fill(2026, first, step, refine, h, dims, v[0], v[1], v[2], v[3]);
        double worst = 0;
        int same = 0, compared = 0;
        for (int k = 0; k < n; k++)
        {
            ParticleKernels.Increments(2026, first + k, step, refine, h, dims, out double a, out double b, out double c, out double d);
            double[] want = dims == 2 ? [a, b, c, d] : [a, b];
            for (int q = 0; q < want.Length; q++)
            {
                // The vector log/sin/cos round differently from Math's by a few ulp: |Δ| ≤ 1e-13 of the increment's scale
                // (√h for I₁, h^1.5 for I₁₀) is rounding; a wrong key, counter or formula gives O(1) differences.
                double scale = q % 2 == 0 ? Math.Sqrt(h) : h * Math.Sqrt(h);
                double err = Math.Abs(v[q][k] - want[q]) / scale;
                worst = Math.Max(worst, err);
                compared++;
                if (v[q][k] == want[q]) same++;
                Assert.True(err <= 1e-13, $"particle {first + k}, component {q}: {v[q][k]:R} vs {want[q]:R}");
            }
            if (k >= n - n % 4) Assert.Equal(want[0], v[0][k]); // the tail is the scalar kernel itself
        }
        log.WriteLine($"dims {dims}, refine {refine}: worst |Δ| / scale = {worst:E2}, {same} of {compared} bit-identical to the scalar kernel");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    public void TwoChainsAtOnceGiveTheOneChainBitsExactly(int dims, int refine)
    {
        // Fill runs two Philox chains side by side; the seeded results recorded before that change (the full tier's output
        // hashes) were made one chain of four particles at a time. Same bits, lane by lane.
        if (!IncrementBatch.IsAccelerated) { log.WriteLine("no AVX2: the vector path does not run here"); return; }
        const int n = 1030, first = 7, step = 11;
        const double h = 0.021;
        var v = new double[4][];
        for (int q = 0; q < 4; q++) v[q] = new double[n];
        IncrementBatch.Fill(0x243F6A88_85A308D3UL, first, step, refine, h, dims, v[0], v[1], v[2], v[3]);
        double d = h / refine, sd = Math.Sqrt(d), c = 0.5 * d * sd;
        var vd = Vector256.Create(d); var vsd = Vector256.Create(sd); var vc = Vector256.Create(c); var s3 = Vector256.Create(0.57735026918962576451);
        for (int k = 0; k + 4 <= n; k += 4)
        {
            var ax = Vector256<double>.Zero; var bx = Vector256<double>.Zero; var ay = Vector256<double>.Zero; var by = Vector256<double>.Zero;
            for (int j = 0; j < refine; j++)
            {
                var (a0, a1) = IncrementBatch.Normals4(0x243F6A88_85A308D3UL, first + k, step * refine + j, Philox.StreamX);
                bx += ax * vd + vc * (a0 + a1 * s3);
                ax += vsd * a0;
                if (dims == 1) continue;
                var (b0, b1) = IncrementBatch.Normals4(0x243F6A88_85A308D3UL, first + k, step * refine + j, Philox.StreamY);
                by += ay * vd + vc * (b0 + b1 * s3);
                ay += vsd * b0;
            }
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(ax[l], v[0][k + l]);
                Assert.Equal(bx[l], v[1][k + l]);
                if (dims == 2) { Assert.Equal(ay[l], v[2][k + l]); Assert.Equal(by[l], v[3][k + l]); }
            }
        }
    }

    [Fact]
    public void AShiftedCounterIsDetected()
    {
        // Negative control for the comparison above: particle p's increments against particle p + 1's must fail it.
        var v = new double[8]; var w = new double[8]; var z = new double[8];
        IncrementBatch.Fill(2026, 100, 3, 1, 0.01, 1, v, w, z, z);
        int close = 0;
        for (int k = 0; k < 8; k++)
        {
            ParticleKernels.Increments(2026, 101 + k, 3, 1, 0.01, 1, out double a, out _, out _, out _);
            if (Math.Abs(v[k] - a) / 0.1 <= 1e-13) close++;
        }
        Assert.Equal(0, close);
    }
}
