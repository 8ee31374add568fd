using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Backends;

/// <summary>
/// The managed backend's SIMD path for the Brownian increments of <see cref="ParticleKernels.Increments"/>: the eight
/// Philox4x32-10 blocks of a group of 32 particles (<see cref="BrownianNormals"/>) in one Vector512 (AVX-512) or two
/// Vector256 (AVX2) of 64-bit lanes (32×32→64-bit products with <c>vpmuludq</c>), two groups side by side so that one
/// chain's multiplies run while the other waits; each word's lanes are stored straight into particle order and turned
/// into normals by the <see cref="Ziggurat"/>'s fast path, the rare rest by its slow path. The same keys, counters,
/// words and arithmetic as the scalar kernel, so the same bits (tested), at every thread count. Written by hand because it
/// is the generator itself: no library draws Philox in vector lanes. Not kernel code (ILGPU and CUDA run the scalar kernel).
/// </summary>
internal static class IncrementBatch
{
    private const double InvSqrt3 = 0.57735026918962576451;
    private const int Rounds = 10, Group = BrownianNormals.Group;

    /// <summary>True where the vector path runs (AVX2); elsewhere <see cref="Fill"/> uses the scalar kernel throughout.</summary>
    public static bool IsAccelerated => Avx2.IsSupported;

    /// <summary>Increments of particles first..first+count-1 at a step, as <see cref="ParticleKernels.Increments"/> gives them.</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="first">First particle.</param>
    /// <param name="step">Step index.</param>
    /// <param name="refine">Sub-increments per step.</param>
    /// <param name="h">Step size.</param>
    /// <param name="dims">1 or 2.</param>
    /// <param name="integral">Whether I₁₀ is drawn (otherwise left 0).</param>
    /// <param name="i1x">ΔW, x.</param>
    /// <param name="i10x">∫(W_s - W_t) ds, x.</param>
    /// <param name="i1y">ΔW, y (2D).</param>
    /// <param name="i10y">∫(W_s - W_t) ds, y (2D).</param>
    public static void Fill(ulong seed, int first, int step, int refine, double h, int dims, bool integral,
        Span<double> i1x, Span<double> i10x, Span<double> i1y, Span<double> i10y)
    {
        int count = i1x.Length, k = 0;
        if (IsAccelerated)
        {
            // Scalar up to the first whole group, then whole groups (chunks start at multiples of 512, so in a run only
            // the last chunk has a scalar tail).
            int head = Math.Min(count, (Group - first % Group) % Group);
            for (; k < head; k++) Scalar(seed, first + k, step, refine, h, dims, integral, k, i1x, i10x, i1y, i10y);
            var c = new Constants(h, refine);
            Span<uint> words = stackalloc uint[2 * Group];
            Span<double> z = stackalloc double[2 * Group];
            Span<double> z2 = stackalloc double[2 * Group];
            for (; k <= count - 2 * Group; k += 2 * Group)
            {
                int p = first + k;
                var o1x = i1x.Slice(k, 2 * Group); var o10x = i10x.Slice(k, 2 * Group);
                Clear(o1x, o10x);
                if (dims == 2) Clear(i1y.Slice(k, 2 * Group), i10y.Slice(k, 2 * Group));
                for (int j = 0; j < refine; j++)
                {
                    int q = step * refine + j;
                    // x of both groups side by side; then y and the I₁₀ normals likewise.
                    Normals(seed, p, q, BrownianNormals.StreamX, p + Group, q, BrownianNormals.StreamX, words, z);
                    if (!integral) Accumulate(c, z, o1x);
                    else
                    {
                        Normals(seed, p, q, BrownianNormals.StreamIntegralX, p + Group, q, BrownianNormals.StreamIntegralX, words, z2);
                        Accumulate(c, z, z2, o1x, o10x);
                    }
                    if (dims == 1) continue;
                    var o1y = i1y.Slice(k, 2 * Group); var o10y = i10y.Slice(k, 2 * Group);
                    Normals(seed, p, q, BrownianNormals.StreamY, p + Group, q, BrownianNormals.StreamY, words, z);
                    if (!integral) Accumulate(c, z, o1y);
                    else
                    {
                        Normals(seed, p, q, BrownianNormals.StreamIntegralY, p + Group, q, BrownianNormals.StreamIntegralY, words, z2);
                        Accumulate(c, z, z2, o1y, o10y);
                    }
                }
            }
        }
        for (; k < count; k++) Scalar(seed, first + k, step, refine, h, dims, integral, k, i1x, i10x, i1y, i10y);
    }

    private static void Scalar(ulong seed, int particle, int step, int refine, double h, int dims, bool integral, int k,
        Span<double> i1x, Span<double> i10x, Span<double> i1y, Span<double> i10y)
    {
        ParticleKernels.Increments(seed, particle, step, refine, h, dims, integral, out double a, out double b, out double e, out double f);
        i1x[k] = a; i10x[k] = b;
        if (dims == 2) { i1y[k] = e; i10y[k] = f; }
    }

    private readonly struct Constants(double h, int refine)
    {
        public readonly double D = h / refine, Sd = Math.Sqrt(h / refine), C = 0.5 * (h / refine) * Math.Sqrt(h / refine);
    }

    private static void Clear(Span<double> a, Span<double> b) { a.Clear(); b.Clear(); }

    // i1 += √δ ξ₁, as the scalar kernel does it (0 + x is x: the normals are never -0).
    private static void Accumulate(Constants c, ReadOnlySpan<double> z, Span<double> i1)
    {
        var sd = Vector256.Create(c.Sd);
        for (int k = 0; k < z.Length; k += 4)
            (Vector256.Create(i1.Slice(k, 4)) + sd * Vector256.Create(z.Slice(k, 4))).CopyTo(i1.Slice(k, 4));
    }

    // i10 += i1 δ + c (ξ₁ + ξ₂/√3); i1 += √δ ξ₁ (the scalar kernel's order).
    private static void Accumulate(Constants c, ReadOnlySpan<double> z, ReadOnlySpan<double> z2, Span<double> i1, Span<double> i10)
    {
        var d = Vector256.Create(c.D); var sd = Vector256.Create(c.Sd); var vc = Vector256.Create(c.C); var s3 = Vector256.Create(InvSqrt3);
        for (int k = 0; k < z.Length; k += 4)
        {
            var a = Vector256.Create(i1.Slice(k, 4)); var x = Vector256.Create(z.Slice(k, 4));
            (Vector256.Create(i10.Slice(k, 4)) + (a * d + vc * (x + Vector256.Create(z2.Slice(k, 4)) * s3))).CopyTo(i10.Slice(k, 4));
            (a + sd * x).CopyTo(i1.Slice(k, 4));
        }
    }

    /// <summary>The 64 normals of two groups, A = particles pa..pa+31 at (qa, streamA) and B likewise (pa, pb multiples of
    /// 32), in particle order: z[0..31] for A, z[32..63] for B; each is <see cref="BrownianNormals.Normal"/> bit for bit.</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="pa">First particle of A.</param>
    /// <param name="qa">Sub-step of A.</param>
    /// <param name="streamA">Stream of A.</param>
    /// <param name="pb">First particle of B.</param>
    /// <param name="qb">Sub-step of B.</param>
    /// <param name="streamB">Stream of B.</param>
    /// <param name="words">64 words of scratch.</param>
    /// <param name="z">The 64 normals.</param>
    public static void Normals(ulong seed, long pa, int qa, uint streamA, long pb, int qb, uint streamB, Span<uint> words, Span<double> z)
    {
        long ba = BrownianNormals.Block(pa), bb = BrownianNormals.Block(pb);
        Words(seed, ba, (uint)qa, streamA, bb, (uint)qb, streamB, words);
        // Ziggurat.TryFast four words per vector, without a branch (the table loads unchecked: i < 128 by construction);
        // the words it does not accept are marked in a mask, then Ziggurat.Slow draws those (about 3 %).
        ref double width0 = ref MemoryMarshal.GetArrayDataReference(Ziggurat.W);
        ref uint bound0 = ref MemoryMarshal.GetArrayDataReference(ZigguratTables.K);
        ulong slow = 0;
        var half = Vector256.Create(0.5);
        var signBit = Vector128.Create(128u);
        for (int k = 0; k < 2 * Group; k += 4)
        {
            var w = Vector128.Create(words.Slice(k, 4));
            var idx = (w & Vector128.Create(127u)).AsInt32();
            var m = (w >>> 8).AsInt32();
            int i0 = idx.GetElement(0), i1 = idx.GetElement(1), i2 = idx.GetElement(2), i3 = idx.GetElement(3);
            var width = Vector256.Create(Unsafe.Add(ref width0, i0), Unsafe.Add(ref width0, i1), Unsafe.Add(ref width0, i2), Unsafe.Add(ref width0, i3));
            var bound = Vector128.Create(Unsafe.Add(ref bound0, i0), Unsafe.Add(ref bound0, i1), Unsafe.Add(ref bound0, i2), Unsafe.Add(ref bound0, i3)).AsInt32();
            var x = (Avx.ConvertToVector256Double(m) + half) * width; // exact conversion: m < 2²⁴
            var sign = Avx2.ConvertToVector256Int64(w & signBit).AsUInt64() << 56;
            (x.AsUInt64() ^ sign).AsDouble().CopyTo(z.Slice(k, 4));
            slow |= (ulong)Vector128.GreaterThanOrEqual(m, bound).ExtractMostSignificantBits() << k;
        }
        while (slow != 0)
        {
            int k = BitOperations.TrailingZeroCount(slow);
            slow &= slow - 1;
            long blk = (k < Group ? ba : bb) + (k & 7);
            z[k] = Ziggurat.Slow(words[k], seed, (uint)blk, (uint)((ulong)blk >> 32), k < Group ? (uint)qa : (uint)qb,
                k < Group ? streamA : streamB, (k >> 3) & 3);
        }
    }

    /// <summary>The raw words of blocks ba..ba+7 at (qa, streamA), then of bb..bb+7 at (qb, streamB): word w of block ba + l
    /// at index 8w + l, of bb + l at 32 + 8w + l (particle order).</summary>
    /// <param name="seed">Seed (the key).</param>
    /// <param name="ba">First block of A.</param>
    /// <param name="qa">Counter word 2 of A.</param>
    /// <param name="streamA">Counter word 3 of A.</param>
    /// <param name="bb">First block of B.</param>
    /// <param name="qb">Counter word 2 of B.</param>
    /// <param name="streamB">Counter word 3 of B.</param>
    /// <param name="words">64 words.</param>
    public static void Words(ulong seed, long ba, uint qa, uint streamA, long bb, uint qb, uint streamB, Span<uint> words)
    {
        if (Avx512F.IsSupported) Words512(seed, ba, qa, streamA, bb, qb, streamB, words);
        else WordsAvx2(seed, ba, qa, streamA, bb, qb, streamB, words);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Words512(ulong seed, long ba, uint qa, uint streamA, long bb, uint qb, uint streamB, Span<uint> words)
    {
        var low = Vector512.Create(0xFFFFFFFFUL);
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var ia = lanes + Vector512.Create((ulong)ba); var ib = lanes + Vector512.Create((ulong)bb);
        Vector512<ulong> c0 = ia & low, c1 = ia >>> 32, c2 = Vector512.Create((ulong)qa), c3 = Vector512.Create((ulong)streamA);
        Vector512<ulong> d0 = ib & low, d1 = ib >>> 32, d2 = Vector512.Create((ulong)qb), d3 = Vector512.Create((ulong)streamB);
        var m0 = Vector512.Create(0xD2511F53UL).AsUInt32(); var m1 = Vector512.Create(0xCD9E8D57UL).AsUInt32();
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < Rounds; r++)
        {
            var key0 = Vector512.Create((ulong)k0); var key1 = Vector512.Create((ulong)k1);
            var p0 = Avx512F.Multiply(m0, c0.AsUInt32()); var p1 = Avx512F.Multiply(m1, c2.AsUInt32());
            var q0 = Avx512F.Multiply(m0, d0.AsUInt32()); var q1 = Avx512F.Multiply(m1, d2.AsUInt32());
            c0 = (p1 >>> 32) ^ c1 ^ key0; c2 = (p0 >>> 32) ^ c3 ^ key1; c1 = p1 & low; c3 = p0 & low;
            d0 = (q1 >>> 32) ^ d1 ^ key0; d2 = (q0 >>> 32) ^ d3 ^ key1; d1 = q1 & low; d3 = q0 & low;
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
        Avx512F.ConvertToVector256UInt32(c0).CopyTo(words); Avx512F.ConvertToVector256UInt32(c1).CopyTo(words.Slice(8));
        Avx512F.ConvertToVector256UInt32(c2).CopyTo(words.Slice(16)); Avx512F.ConvertToVector256UInt32(c3).CopyTo(words.Slice(24));
        Avx512F.ConvertToVector256UInt32(d0).CopyTo(words.Slice(32)); Avx512F.ConvertToVector256UInt32(d1).CopyTo(words.Slice(40));
        Avx512F.ConvertToVector256UInt32(d2).CopyTo(words.Slice(48)); Avx512F.ConvertToVector256UInt32(d3).CopyTo(words.Slice(56));
    }

    // Blocks ba..ba+3 (chain A) and bb..bb+3 (chain B) of one group of eight: A's word w at 8w + 0..3, B's at 8w + 4..7.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Words256(ulong seed, long ba, uint qa, uint streamA, long bb, uint qb, uint streamB, Span<uint> words)
    {
        var low = Vector256.Create(0xFFFFFFFFUL);
        var lanes = Vector256.Create(0UL, 1, 2, 3);
        var ia = lanes + Vector256.Create((ulong)ba); var ib = lanes + Vector256.Create((ulong)bb);
        Vector256<ulong> c0 = ia & low, c1 = ia >>> 32, c2 = Vector256.Create((ulong)qa), c3 = Vector256.Create((ulong)streamA);
        Vector256<ulong> d0 = ib & low, d1 = ib >>> 32, d2 = Vector256.Create((ulong)qb), d3 = Vector256.Create((ulong)streamB);
        var m0 = Vector256.Create(0xD2511F53UL).AsUInt32(); var m1 = Vector256.Create(0xCD9E8D57UL).AsUInt32();
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < Rounds; r++)
        {
            var key0 = Vector256.Create((ulong)k0); var key1 = Vector256.Create((ulong)k1);
            var p0 = Avx2.Multiply(m0, c0.AsUInt32()); var p1 = Avx2.Multiply(m1, c2.AsUInt32());
            var q0 = Avx2.Multiply(m0, d0.AsUInt32()); var q1 = Avx2.Multiply(m1, d2.AsUInt32());
            c0 = (p1 >>> 32) ^ c1 ^ key0; c2 = (p0 >>> 32) ^ c3 ^ key1; c1 = p1 & low; c3 = p0 & low;
            d0 = (q1 >>> 32) ^ d1 ^ key0; d2 = (q0 >>> 32) ^ d3 ^ key1; d1 = q1 & low; d3 = q0 & low;
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
        Vector256.Narrow(c0, d0).CopyTo(words); Vector256.Narrow(c1, d1).CopyTo(words.Slice(8));
        Vector256.Narrow(c2, d2).CopyTo(words.Slice(16)); Vector256.Narrow(c3, d3).CopyTo(words.Slice(24));
    }

    /// <summary>Whether <see cref="Words"/> runs its AVX-512 variant here (tests run both where they can).</summary>
    public static bool Wide => Avx512F.IsSupported;

    /// <summary>The AVX2 variant of <see cref="Words"/>, callable on any AVX2 machine (tests compare it with the scalar
    /// generator where AVX-512 would otherwise run).</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="ba">First block of A.</param>
    /// <param name="qa">Counter word 2 of A.</param>
    /// <param name="streamA">Counter word 3 of A.</param>
    /// <param name="bb">First block of B.</param>
    /// <param name="qb">Counter word 2 of B.</param>
    /// <param name="streamB">Counter word 3 of B.</param>
    /// <param name="words">64 words.</param>
    public static void WordsAvx2(ulong seed, long ba, uint qa, uint streamA, long bb, uint qb, uint streamB, Span<uint> words)
    {
        Words256(seed, ba, qa, streamA, ba + 4, qa, streamA, words);
        Words256(seed, bb, qb, streamB, bb + 4, qb, streamB, words.Slice(Group));
    }
}
