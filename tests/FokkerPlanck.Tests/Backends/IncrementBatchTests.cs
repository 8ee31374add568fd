using FokkerPlanck.Backends;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Backends;

/// <summary>The managed backend's SIMD increments against the scalar kernel they replace: the same bits.</summary>
public class IncrementBatchTests(ITestOutputHelper log)
{
    [Fact]
    public void PhiloxWordsAreTheScalarGeneratorsBitForBit()
    {
        if (!IncrementBatch.IsAccelerated) { log.WriteLine("no AVX2: the vector path does not run here"); return; }
        ulong[] seeds = [0, 2026, 0xFFFFFFFF_FFFFFFFFUL, 0x243F6A88_85A308D3UL];
        // Blocks that carry into counter word 1 inside the eight lanes, and far ones.
        long[] blocks = [0, 8, 1_000_000, (1L << 32) - 4, (1L << 40) + 16];
        var words = new uint[64];
        int variants = IncrementBatch.Wide ? 2 : 1;
        foreach (ulong seed in seeds)
            foreach (long b in blocks)
                foreach (int step in new[] { 0, 1, 123_456, int.MaxValue })
                    for (int v = 0; v < variants; v++)
                    {
                        if (v == 0) IncrementBatch.Words(seed, b, (uint)step, BrownianNormals.StreamX, b + 8, (uint)step + 1, BrownianNormals.StreamY, words);
                        else IncrementBatch.WordsAvx2(seed, b, (uint)step, BrownianNormals.StreamX, b + 8, (uint)step + 1, BrownianNormals.StreamY, words);
                        for (int g = 0; g < 2; g++)
                            for (int l = 0; l < 8; l++)
                            {
                                long blk = b + 8 * g + l;
                                var s = Philox.Block(new UInt4((uint)blk, (uint)((ulong)blk >> 32), (uint)step + (uint)g, g == 0 ? BrownianNormals.StreamX : BrownianNormals.StreamY),
                                    (uint)seed, (uint)(seed >> 32));
                                Assert.Equal(new UInt4(s.X0, s.X1, s.X2, s.X3),
                                    new UInt4(words[32 * g + l], words[32 * g + 8 + l], words[32 * g + 16 + l], words[32 * g + 24 + l]));
                            }
                    }
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, false)]
    [InlineData(1, 4, false)]
    [InlineData(2, 3, false)]
    [InlineData(1, 1, true)]
    [InlineData(2, 2, true)]
    public void IncrementsAreTheScalarKernelsBitForBit(int dims, int refine, bool integral)
    {
        // A first particle that is not a multiple of 32 and a count that is not a multiple of 64 exercise the scalar head
        // and tail; 1027 particles × refine sub-steps × dims axes draw some 100 slow-path normals per case.
        const int n = 1027, first = 513, step = 17;
        const double h = 0.013;
        var v = new double[4][];
        for (int q = 0; q < 4; q++) v[q] = new double[n];
        IncrementBatch.Fill(2026, first, step, refine, h, dims, integral, v[0], v[1], v[2], v[3]);
        for (int k = 0; k < n; k++)
        {
            ParticleKernels.Increments(2026, first + k, step, refine, h, dims, integral, out double a, out double b, out double c, out double d);
            Assert.Equal(a, v[0][k]);
            Assert.Equal(b, v[1][k]);
            if (dims == 2) { Assert.Equal(c, v[2][k]); Assert.Equal(d, v[3][k]); }
            if (!integral) Assert.Equal(0.0, v[1][k]);
            else Assert.NotEqual(0.0, v[1][k]);
        }
    }

    [Fact]
    public void TheTimeIntegralLeavesDeltaWAsItIs()
    {
        // Euler–Maruyama (ΔW only) and SRA1 (ΔW and I₁₀) see the same Brownian path for one seed.
        const int n = 700;
        var a = new double[4][]; var b = new double[4][];
        for (int q = 0; q < 4; q++) { a[q] = new double[n]; b[q] = new double[n]; }
        IncrementBatch.Fill(99, 64, 5, 2, 0.1, 2, false, a[0], a[1], a[2], a[3]);
        IncrementBatch.Fill(99, 64, 5, 2, 0.1, 2, true, b[0], b[1], b[2], b[3]);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[2], b[2]);
    }

    [Fact]
    public void AShiftedCounterIsDetected()
    {
        // Negative control for the comparison above: particle p's increments against particle p + 1's must fail it.
        const int n = 128;
        var v = new double[n]; var w = new double[n]; var z = new double[n];
        IncrementBatch.Fill(2026, 128, 3, 1, 0.01, 1, false, v, w, z, z);
        int same = 0;
        for (int k = 0; k < n; k++)
        {
            ParticleKernels.Increments(2026, 129 + k, 3, 1, 0.01, 1, false, out double a, out _, out _, out _);
            if (v[k] == a) same++;
        }
        Assert.Equal(0, same);
    }
}
