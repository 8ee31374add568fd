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

    // Particles whose normals are drawn before they are summed (a multiple of 64): the slow words of a run are queued and
    // drawn eight at a time (SlowNormals).
    private const int Run = 512;

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
            // Scalar up to the first whole group, then runs of whole pairs of groups (at most Run particles; chunks start
            // at multiples of 512, so in a run only the last chunk has a scalar tail).
            int head = Math.Min(count, (Group - first % Group) % Group);
            for (; k < head; k++) Scalar(seed, first + k, step, refine, h, dims, integral, k, i1x, i10x, i1y, i10y);
            var c = new Constants(h, refine);
            var scratch = t_scratch ??= new Scratch();
            Span<uint> words = scratch.Words;
            Span<double> z = scratch.Z, z2 = scratch.Z2;
            Span<int> slowIndex = scratch.SlowIndex;
            Span<uint> slowWord = scratch.SlowWord;
            while (k <= count - 2 * Group)
            {
                int len = Math.Min(Run, (count - k) / (2 * Group) * (2 * Group)), p = first + k;
                var o1x = i1x.Slice(k, len); var o10x = i10x.Slice(k, len);
                Clear(o1x, o10x);
                if (dims == 2) Clear(i1y.Slice(k, len), i10y.Slice(k, len));
                var zr = z[..len]; var z2r = z2[..len];
                for (int j = 0; j < refine; j++)
                {
                    int q = step * refine + j;
                    // x, then y; the I₁₀ normals of an axis next to its ΔW normals.
                    Normals(seed, p, q, BrownianNormals.StreamX, words, zr, slowIndex, slowWord);
                    if (!integral) Accumulate(c, zr, o1x);
                    else
                    {
                        Normals(seed, p, q, BrownianNormals.StreamIntegralX, words, z2r, slowIndex, slowWord);
                        Accumulate(c, zr, z2r, o1x, o10x);
                    }
                    if (dims == 1) continue;
                    var o1y = i1y.Slice(k, len); var o10y = i10y.Slice(k, len);
                    Normals(seed, p, q, BrownianNormals.StreamY, words, zr, slowIndex, slowWord);
                    if (!integral) Accumulate(c, zr, o1y);
                    else
                    {
                        Normals(seed, p, q, BrownianNormals.StreamIntegralY, words, z2r, slowIndex, slowWord);
                        Accumulate(c, zr, z2r, o1y, o10y);
                    }
                }
                k += len;
            }
        }
        for (; k < count; k++) Scalar(seed, first + k, step, refine, h, dims, integral, k, i1x, i10x, i1y, i10y);
    }

    // Each thread's buffers, written before they are read (a stackalloc of them would be cleared on every call).
    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public readonly uint[] Words = new uint[2 * Group];
        public readonly double[] Z = new double[Run], Z2 = new double[Run];
        public readonly int[] SlowIndex = new int[SlowNormals.Capacity];
        public readonly uint[] SlowWord = new uint[SlowNormals.Capacity];
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

    /// <summary>The normals of particles p..p+z.Length-1 at sub-step q and one stream (p a multiple of 32, the length a
    /// multiple of 64), each <see cref="BrownianNormals.Normal"/> bit for bit: two groups of 32 at a time through the
    /// ziggurat's fast path, the words it does not accept queued and drawn by <see cref="SlowNormals"/>.</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="p">First particle.</param>
    /// <param name="q">Sub-step.</param>
    /// <param name="stream">Stream.</param>
    /// <param name="words">64 words of scratch.</param>
    /// <param name="z">The normals.</param>
    /// <param name="slowIndex">Scratch of the slow-word queue.</param>
    /// <param name="slowWord">Scratch of the slow-word queue.</param>
    public static void Normals(ulong seed, long p, int q, uint stream, Span<uint> words, Span<double> z, Span<int> slowIndex, Span<uint> slowWord)
    {
        var queue = new SlowNormals(slowIndex, slowWord, seed, p, (uint)q, stream);
        for (int g = 0; g < z.Length; g += 2 * Group)
        {
            Fast(seed, p + g, q, stream, words, z.Slice(g, 2 * Group), ref queue, g);
            if (queue.Count >= 8) queue.Draw(z, all: false);
        }
        queue.Draw(z, all: true);
    }

    // The 64 normals of particles pa..pa+63 by the ziggurat's fast path, four words per vector without a branch (the
    // table loads unchecked: i < 128 by construction); the words it does not accept (about 3 %) are queued with their
    // index in the run (offset + k).
    private static void Fast(ulong seed, long pa, int q, uint stream, Span<uint> words, Span<double> z, ref SlowNormals queue, int offset)
    {
        long ba = BrownianNormals.Block(pa), bb = BrownianNormals.Block(pa + Group);
        Words(seed, ba, (uint)q, stream, bb, (uint)q, stream, words);
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
            queue.Add(offset + k, words[k]);
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
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < Rounds; r++)
        {
            Round512(ref c0, ref c1, ref c2, ref c3, k0, k1);
            Round512(ref d0, ref d1, ref d2, ref d3, k0, k1);
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
        Avx512F.ConvertToVector256UInt32(c0).CopyTo(words); Avx512F.ConvertToVector256UInt32(c1).CopyTo(words.Slice(8));
        Avx512F.ConvertToVector256UInt32(c2).CopyTo(words.Slice(16)); Avx512F.ConvertToVector256UInt32(c3).CopyTo(words.Slice(24));
        Avx512F.ConvertToVector256UInt32(d0).CopyTo(words.Slice(32)); Avx512F.ConvertToVector256UInt32(d1).CopyTo(words.Slice(40));
        Avx512F.ConvertToVector256UInt32(d2).CopyTo(words.Slice(48)); Avx512F.ConvertToVector256UInt32(d3).CopyTo(words.Slice(56));
    }

    /// <summary>One Philox4x32 round (<see cref="Philox.Block"/>'s) on eight blocks, one per 64-bit lane (each word in the
    /// low half of its lane), with round key (k0, k1); the caller advances the key.</summary>
    /// <param name="c0">Word 0 of each block.</param>
    /// <param name="c1">Word 1.</param>
    /// <param name="c2">Word 2.</param>
    /// <param name="c3">Word 3.</param>
    /// <param name="k0">Key word 0 of this round.</param>
    /// <param name="k1">Key word 1 of this round.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Round512(ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, uint k0, uint k1)
    {
        var low = Vector512.Create(0xFFFFFFFFUL);
        var p0 = Avx512F.Multiply(Vector512.Create(0xD2511F53UL).AsUInt32(), c0.AsUInt32());
        var p1 = Avx512F.Multiply(Vector512.Create(0xCD9E8D57UL).AsUInt32(), c2.AsUInt32());
        c0 = (p1 >>> 32) ^ c1 ^ Vector512.Create((ulong)k0); c2 = (p0 >>> 32) ^ c3 ^ Vector512.Create((ulong)k1);
        c1 = p1 & low; c3 = p0 & low;
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
