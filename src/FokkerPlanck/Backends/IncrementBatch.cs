using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Backends;

/// <summary>
/// The managed backend's SIMD path for the Brownian increments of <see cref="ParticleKernels.Increments"/>: Philox4x32-10
/// for four particles at a time in AVX2 lanes (32×32→64-bit products with <c>vpmuludq</c>), Box–Muller with the
/// <see cref="FixedMath256"/> log and sin/cos. Same keys, counters and integer bits as the scalar generator; the normals
/// differ from <see cref="Philox.Normals"/> only by the rounding of the vector log/sin/cos (a few ulp), and they are the
/// same bits on one machine at every JIT tier, thread count and run (only IEEE-exact operations; see FixedMath256 for
/// why not <see cref="Vector256.SinCos(Vector256{double})"/>). Written by hand because it is the generator itself: no
/// library draws Philox in Vector256 lanes. Not kernel code (ILGPU and CUDA use the scalar kernel).
/// </summary>
internal static class IncrementBatch
{
    private const double InvSqrt3 = 0.57735026918962576451;

    /// <summary>True where the vector path runs (AVX2); elsewhere <see cref="Fill"/> uses the scalar kernel throughout.</summary>
    public static bool IsAccelerated => Avx2.IsSupported;

    /// <summary>Increments of particles first..first+count-1 at a step, as <see cref="ParticleKernels.Increments"/> gives them.</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="first">First particle.</param>
    /// <param name="step">Step index.</param>
    /// <param name="refine">Sub-increments per step.</param>
    /// <param name="h">Step size.</param>
    /// <param name="dims">1 or 2.</param>
    /// <param name="i1x">ΔW, x.</param>
    /// <param name="i10x">∫(W_s - W_t) ds, x.</param>
    /// <param name="i1y">ΔW, y (2D).</param>
    /// <param name="i10y">∫(W_s - W_t) ds, y (2D).</param>
    public static void Fill(ulong seed, int first, int step, int refine, double h, int dims,
        Span<double> i1x, Span<double> i10x, Span<double> i1y, Span<double> i10y)
    {
        int count = i1x.Length, k = 0;
        if (IsAccelerated)
        {
            double d = h / refine, sd = Math.Sqrt(d), c = 0.5 * d * sd;
            var vd = Vector256.Create(d); var vsd = Vector256.Create(sd); var vc = Vector256.Create(c); var s3 = Vector256.Create(InvSqrt3);
            Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[2 * Rounds];
            RoundKeys(seed, keys);
            // Two independent Philox chains per iteration (1D: particles k..k+3 and k+4..k+7; 2D: the x and y streams of
            // particles k..k+3), so that one chain's multiplies run while the other waits: the same bits as one chain
            // at a time (tested), about 1.5 times the rate.
            int group = dims == 2 ? 4 : 8;
            for (; k <= count - group; k += group)
            {
                var ax = Vector256<double>.Zero; var bx = Vector256<double>.Zero;
                var ay = Vector256<double>.Zero; var by = Vector256<double>.Zero;
                for (int j = 0; j < refine; j++)
                {
                    int q = step * refine + j;
                    var (a0, a1, b0, b1) = dims == 2
                        ? Normals4x2(keys, first + k, q, Philox.StreamX, first + k, q, Philox.StreamY)
                        : Normals4x2(keys, first + k, q, Philox.StreamX, first + k + 4, q, Philox.StreamX);
                    bx += ax * vd + vc * (a0 + a1 * s3);
                    ax += vsd * a0;
                    by += ay * vd + vc * (b0 + b1 * s3);
                    ay += vsd * b0;
                }
                ax.CopyTo(i1x.Slice(k, 4)); bx.CopyTo(i10x.Slice(k, 4));
                if (dims == 2) { ay.CopyTo(i1y.Slice(k, 4)); by.CopyTo(i10y.Slice(k, 4)); }
                else { ay.CopyTo(i1x.Slice(k + 4, 4)); by.CopyTo(i10x.Slice(k + 4, 4)); }
            }
            for (; dims == 1 && k <= count - 4; k += 4)
            {
                var ax = Vector256<double>.Zero; var bx = Vector256<double>.Zero;
                for (int j = 0; j < refine; j++)
                {
                    var (a0, a1) = Normals4(seed, first + k, step * refine + j, Philox.StreamX);
                    bx += ax * vd + vc * (a0 + a1 * s3);
                    ax += vsd * a0;
                }
                ax.CopyTo(i1x.Slice(k, 4)); bx.CopyTo(i10x.Slice(k, 4));
            }
        }
        for (; k < count; k++)
        {
            ParticleKernels.Increments(seed, first + k, step, refine, h, dims, out double a, out double b, out double e, out double f);
            i1x[k] = a; i10x[k] = b;
            if (dims == 2) { i1y[k] = e; i10y[k] = f; }
        }
    }

    private const int Rounds = 10;

    /// <summary>The ten round keys of a seed, broadcast (key word 0 of round r at 2r, word 1 at 2r + 1), as
    /// <see cref="Philox.Block"/> advances them.</summary>
    /// <param name="seed">Seed (the key).</param>
    /// <param name="keys">2 × 10 vectors.</param>
    public static void RoundKeys(ulong seed, Span<Vector256<ulong>> keys)
    {
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < Rounds; r++)
        {
            keys[2 * r] = Vector256.Create((ulong)k0);
            keys[2 * r + 1] = Vector256.Create((ulong)k1);
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
    }

    /// <summary>Box–Muller normals of two independent sets of four Philox blocks, A = (particles pa..pa+3, step, stream)
    /// and B likewise, computed side by side; each set is what <see cref="Normals4"/> gives for it, bit for bit.</summary>
    /// <param name="keys">The seed's <see cref="RoundKeys"/>.</param>
    /// <param name="pa">First particle of A.</param>
    /// <param name="stepA">Counter word 2 of A.</param>
    /// <param name="streamA">Counter word 3 of A.</param>
    /// <param name="pb">First particle of B.</param>
    /// <param name="stepB">Counter word 2 of B.</param>
    /// <param name="streamB">Counter word 3 of B.</param>
    /// <returns>(r cos a, r sin a) of A, then of B.</returns>
    public static (Vector256<double> A0, Vector256<double> A1, Vector256<double> B0, Vector256<double> B1) Normals4x2(
        ReadOnlySpan<Vector256<ulong>> keys, long pa, int stepA, uint streamA, long pb, int stepB, uint streamB)
    {
        var low = Vector256.Create(0xFFFFFFFFUL);
        var lanes = Vector256.Create(0UL, 1UL, 2UL, 3UL);
        var ia = lanes + Vector256.Create((ulong)pa); var ib = lanes + Vector256.Create((ulong)pb);
        Vector256<ulong> c0 = ia & low, c1 = ia >>> 32, c2 = Vector256.Create((ulong)(uint)stepA), c3 = Vector256.Create((ulong)streamA);
        Vector256<ulong> d0 = ib & low, d1 = ib >>> 32, d2 = Vector256.Create((ulong)(uint)stepB), d3 = Vector256.Create((ulong)streamB);
        var m0 = Vector256.Create(0xD2511F53UL).AsUInt32(); var m1 = Vector256.Create(0xCD9E8D57UL).AsUInt32();
        for (int r = 0; r < Rounds; r++)
        {
            var k0 = keys[2 * r]; var k1 = keys[2 * r + 1];
            var p0 = Avx2.Multiply(m0, c0.AsUInt32()); var p1 = Avx2.Multiply(m1, c2.AsUInt32());
            var q0 = Avx2.Multiply(m0, d0.AsUInt32()); var q1 = Avx2.Multiply(m1, d2.AsUInt32());
            c0 = (p1 >>> 32) ^ c1 ^ k0; c2 = (p0 >>> 32) ^ c3 ^ k1; c1 = p1 & low; c3 = p0 & low;
            d0 = (q1 >>> 32) ^ d1 ^ k0; d2 = (q0 >>> 32) ^ d3 ^ k1; d1 = q1 & low; d3 = q0 & low;
        }
        var (a0, a1) = BoxMuller(c0, c1, c2, c3);
        var (b0, b1) = BoxMuller(d0, d1, d2, d3);
        return (a0, a1, b0, b1);
    }

    /// <summary>Box–Muller normals of the Philox blocks of particles p..p+3 (as <see cref="Philox.Normals"/> of <see cref="Philox.Draw"/>).</summary>
    /// <param name="seed">Seed (the key).</param>
    /// <param name="p">First particle (counter words 0–1).</param>
    /// <param name="step">Counter word 2.</param>
    /// <param name="stream">Counter word 3.</param>
    /// <returns>(r cos a, r sin a) per lane.</returns>
    public static (Vector256<double> Z0, Vector256<double> Z1) Normals4(ulong seed, long p, int step, uint stream)
    {
        var (x0, x1, x2, x3) = Block4(p, (uint)step, stream, (uint)seed, (uint)(seed >> 32));
        return BoxMuller(x0, x1, x2, x3);
    }

    // Philox.Normals of four blocks' words: u1 from words 0-1, u2 from words 2-3; (r cos 2πu2, r sin 2πu2), r = √(-2 ln u1).
    private static (Vector256<double> Z0, Vector256<double> Z1) BoxMuller(Vector256<ulong> x0, Vector256<ulong> x1, Vector256<ulong> x2, Vector256<ulong> x3)
    {
        var u1 = Uniform(x0, x1); var u2 = Uniform(x2, x3);
        var r = Vector256.Sqrt(Vector256.Create(-2.0) * FixedMath256.Log(u1));
        var (sin, cos) = FixedMath256.SinCosTurns(u2);
        return (r * cos, r * sin);
    }

    /// <summary>The raw Philox4x32-10 words of particles p..p+3, one particle per 64-bit lane (values below 2³²).</summary>
    /// <param name="p">First particle.</param>
    /// <param name="step">Counter word 2.</param>
    /// <param name="stream">Counter word 3.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>The four output words.</returns>
    public static (Vector256<ulong>, Vector256<ulong>, Vector256<ulong>, Vector256<ulong>) Block4(long p, uint step, uint stream, uint key0, uint key1)
    {
        var low = Vector256.Create(0xFFFFFFFFUL);
        var c0 = Vector256.Create((ulong)p, (ulong)(p + 1), (ulong)(p + 2), (ulong)(p + 3)) & low;
        var c1 = Vector256.Create((ulong)p >> 32, (ulong)(p + 1) >> 32, (ulong)(p + 2) >> 32, (ulong)(p + 3) >> 32) & low;
        var c2 = Vector256.Create((ulong)step);
        var c3 = Vector256.Create((ulong)stream);
        var m0 = Vector256.Create(0xD2511F53UL).AsUInt32(); var m1 = Vector256.Create(0xCD9E8D57UL).AsUInt32();
        uint k0 = key0, k1 = key1;
        for (int r = 0; r < 10; r++)
        {
            var p0 = Avx2.Multiply(m0, c0.AsUInt32());
            var p1 = Avx2.Multiply(m1, c2.AsUInt32());
            var n0 = (p1 >>> 32) ^ c1 ^ Vector256.Create((ulong)k0);
            var n2 = (p0 >>> 32) ^ c3 ^ Vector256.Create((ulong)k1);
            c1 = p1 & low;
            c3 = p0 & low;
            c0 = n0; c2 = n2;
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
        return (c0, c1, c2, c3);
    }

    // Philox.Uniform: (((hi >> 6) << 26) + (lo >> 6) + 0.5) 2⁻⁵². The 52-bit integer becomes a double exactly through the
    // 2⁵² exponent trick (AVX2 has no 64-bit integer conversion).
    private static Vector256<double> Uniform(Vector256<ulong> hi, Vector256<ulong> lo)
    {
        var v = ((hi >>> 6) << 26) + (lo >>> 6);
        var two52 = Vector256.Create(4503599627370496.0);
        var asDouble = (v | Vector256.Create(0x4330000000000000UL)).AsDouble() - two52;
        return (asDouble + Vector256.Create(0.5)) * Vector256.Create(1.0 / 4503599627370496.0);
    }
}
