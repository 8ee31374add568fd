using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Backends;

/// <summary>
/// The words of one run of normals (particles p.. at one sub-step and stream) that the <see cref="Ziggurat"/>'s fast path
/// did not accept, queued and drawn eight at a time: attempt 0 of a wedge (one further Philox block, a 52-bit uniform and
/// the test f(X[i]) + u (f(X[i+1]) - f(X[i])) &lt; exp(-x²/2)) in Vector512 lanes, the rest (layer 0, and the words a
/// wedge rejects) by <see cref="Ziggurat.SlowFrom"/> from where the lanes stopped. Every lane does the scalar path's
/// operations in its order (the uniform's integer is below 2⁵², so its conversion is exact), and the wedge test is decided
/// by a polynomial exp only where it cannot disagree with Math.Exp (else Math.Exp decides), so the normals are
/// <see cref="Ziggurat.Slow"/>'s bits. About 3 % of words take this path; one at a time each cost about
/// 32 ns on the 2-core build machine, mostly a Philox block's chain of dependent multiplies and mispredicted branches.
/// Without AVX-512 the queue draws each word by <see cref="Ziggurat.Slow"/>. Written by hand: it is the generator itself.
/// </summary>
internal ref struct SlowNormals
{
    /// <summary>Words a queue holds: the seven a full draw may leave plus one 64-word batch.</summary>
    public const int Capacity = 72;

    private const int Lanes = 8;
    private readonly Span<int> _index;
    private readonly Span<uint> _word;
    private readonly ulong _seed;
    private readonly long _first;
    private readonly uint _step, _stream;
    private readonly double _margin;
    private int _count;

    /// <summary>A queue for the normals of particles first + index at (step, stream).</summary>
    /// <param name="index">Scratch of <see cref="Capacity"/> ints.</param>
    /// <param name="word">Scratch of <see cref="Capacity"/> words.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="first">The run's first particle (a multiple of 32).</param>
    /// <param name="step">Sub-step (counter word 2).</param>
    /// <param name="stream">Stream (counter word 3 of the normals' blocks).</param>
    /// <param name="expMargin">Relative distance below which Math.Exp decides a wedge test (<see cref="ExpMargin"/>;
    /// tests pass a large one to send every lane through Math.Exp).</param>
    public SlowNormals(Span<int> index, Span<uint> word, ulong seed, long first, uint step, uint stream, double expMargin = ExpMargin)
    {
        if (index.Length < Capacity || word.Length < Capacity) throw new ArgumentException($"the queue needs {Capacity} entries of scratch");
        _index = index; _word = word; _seed = seed; _first = first; _step = step; _stream = stream; _margin = expMargin; _count = 0;
    }

    /// <summary>Words waiting.</summary>
    public readonly int Count => _count;

    /// <summary>Queues the word of normal <paramref name="index"/> (particle first + index).</summary>
    /// <param name="index">Index in the run.</param>
    /// <param name="word">Its word.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index, uint word)
    {
        _index[_count] = index; _word[_count] = word; _count++;
    }

    /// <summary>Draws the queued words in whole groups of eight into z (z[index]), keeping the rest (fewer than eight);
    /// with <paramref name="all"/>, the rest too. Without AVX-512 every queued word is drawn at once.</summary>
    /// <param name="z">The run's normals.</param>
    /// <param name="all">Whether to draw every queued word.</param>
    public void Draw(Span<double> z, bool all)
    {
        int done = 0;
        if (Avx512F.IsSupported)
        {
            for (; done + Lanes <= _count; done += Lanes) Eight(z, done, Lanes);
            if (all && done < _count) { Eight(z, done, _count - done); done = _count; }
        }
        else
        {
            for (; done < _count; done++) z[_index[done]] = One(_index[done], _word[done]);
        }
        if (done == 0) return;
        _index[done.._count].CopyTo(_index);
        _word[done.._count].CopyTo(_word);
        _count -= done;
    }

    /// <summary>Relative distance between the wedge's level and <see cref="Exp"/>'s value below which Math.Exp decides: 100
    /// times the bound <see cref="Exp"/> is tested against (10⁻¹⁵; Math.Exp's own error, under one ulp, is far below
    /// either).</summary>
    internal const double ExpMargin = 1e-13;

    /// <summary>exp(t) in Vector512 lanes for t in [-708, 0]: t = n ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, ln 2 in two
    /// parts), the degree-13 Taylor polynomial of e^r by Horner (truncation below 2⁻⁵⁶ relative), times 2ⁿ. Within 10⁻¹⁵
    /// relative of Math.Exp over the wedges' range (tested; 2.2 × 10⁻¹⁶ measured); used only to decide a comparison that is not within
    /// <see cref="ExpMargin"/>. Written by hand: no SIMD exp in the base library.</summary>
    /// <param name="t">Arguments, in [-708, 0].</param>
    /// <returns>exp(t).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loop-free: tiered compilation would first run it unoptimized
    internal static Vector512<double> Exp(Vector512<double> t)
    {
        var shift = Vector512.Create(6755399441055744.0); // 1.5 × 2⁵²: adding it rounds to an integer
        var kf = t * Vector512.Create(1.4426950408889634) + shift;
        var n = kf - shift;
        var r = (t - n * Vector512.Create(0.693147180369123816490)) - n * Vector512.Create(1.90821492927058770002e-10);
        var p = Vector512.Create(1.0 / 6227020800.0);
        p = p * r + Vector512.Create(1.0 / 479001600.0);
        p = p * r + Vector512.Create(1.0 / 39916800.0);
        p = p * r + Vector512.Create(1.0 / 3628800.0);
        p = p * r + Vector512.Create(1.0 / 362880.0);
        p = p * r + Vector512.Create(1.0 / 40320.0);
        p = p * r + Vector512.Create(1.0 / 5040.0);
        p = p * r + Vector512.Create(1.0 / 720.0);
        p = p * r + Vector512.Create(1.0 / 120.0);
        p = p * r + Vector512.Create(1.0 / 24.0);
        p = p * r + Vector512.Create(1.0 / 6.0);
        p = p * r + Vector512.Create(0.5);
        p = p * r + Vector512<double>.One;
        p = p * r + Vector512<double>.One;
        var scale = ((kf.AsInt64() - shift.AsInt64() + Vector512.Create(1023L)) << 52).AsDouble();
        return p * scale;
    }

    // Integers below 2⁵² as doubles, exactly: their bits OR the exponent of 2⁵², minus 2⁵².
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exactly(Vector512<ulong> k)
    {
        var two52 = Vector512.Create(4503599627370496.0);
        return (k | two52.AsUInt64()).AsDouble() - two52;
    }

    private readonly double One(int index, uint word)
    {
        long particle = _first + index, blk = BrownianNormals.Block(particle);
        return Ziggurat.Slow(word, _seed, (uint)blk, (uint)((ulong)blk >> 32), _step, _stream, BrownianNormals.Position(particle));
    }

    // Entries at..at+n-1 (n ≤ 8; missing lanes repeat the first entry and are not stored).
    private readonly void Eight(Span<double> z, int at, int n)
    {
        Span<ulong> blk = stackalloc ulong[Lanes], ctr3 = stackalloc ulong[Lanes], ws = stackalloc ulong[Lanes];
        Span<double> width = stackalloc double[Lanes], f0 = stackalloc double[Lanes], f1 = stackalloc double[Lanes];
        Span<double> arg = stackalloc double[Lanes], e = stackalloc double[Lanes], res = stackalloc double[Lanes];
        uint special = 0;
        for (int l = 0; l < Lanes; l++)
        {
            int q = at + (l < n ? l : 0);
            long particle = _first + _index[q];
            uint w = _word[q];
            int i = (int)(w & 127u);
            blk[l] = (ulong)BrownianNormals.Block(particle);
            ctr3[l] = Ziggurat.SlowStream(_stream, BrownianNormals.Position(particle), 0);
            ws[l] = w;
            width[l] = Ziggurat.W[i]; f0[l] = ZigguratTables.F[i]; f1[l] = ZigguratTables.F[i + 1];
            if (i == 0) special |= 1u << l; // layer 0 (the base strip and the tail): the scalar path throughout
        }
        // Attempt 0's block of every lane: counter (block, step, SlowStream(stream, position, 0)), key = seed.
        var low = Vector512.Create(0xFFFFFFFFUL);
        var b = Vector512.Create(blk);
        Vector512<ulong> c0 = b & low, c1 = b >>> 32, c2 = Vector512.Create((ulong)_step), c3 = Vector512.Create(ctr3);
        uint k0 = (uint)_seed, k1 = (uint)(_seed >> 32);
        for (int r = 0; r < 10; r++)
        {
            IncrementBatch.Round512(ref c0, ref c1, ref c2, ref c3, k0, k1);
            k0 += 0x9E3779B9; k1 += 0xBB67AE85;
        }
        // Philox.Uniform(X0, X1): the integer ((X0 >> 6) << 26) + (X1 >> 6) < 2⁵², made a double exactly, then
        // (k + ½) 2⁻⁵² as there.
        var k = ((c0 >>> 6) << 26) + (c1 >>> 6);
        var u = (Exactly(k) + Vector512.Create(0.5)) * Vector512.Create(1.0 / 4503599627370496.0);
        var word = Vector512.Create(ws);
        var m = (word >>> 8) & Vector512.Create(0xFFFFFFUL);
        var x = (Exactly(m) + Vector512.Create(0.5)) * Vector512.Create(width);
        var fi = Vector512.Create(f0);
        var level = fi + u * (Vector512.Create(f1) - fi);
        var t = Vector512.Create(-0.5) * x * x;
        // The wedge test against exp(t), t in [-6.9, 0]: decided by Exp (within 1e-15 of Math.Exp, tested) unless level
        // and exp(t) are within the margin of each other; those lanes ask Math.Exp, as the scalar path does, so the
        // decision is always Math.Exp's (a test runs every lane through this with a margin of 2).
        var et = Exp(t);
        var close = Vector512.LessThanOrEqual(Vector512.Abs(level - et), et * Vector512.Create(_margin));
        if (close != Vector512<double>.Zero)
        {
            t.CopyTo(arg); et.CopyTo(e);
            uint near = (uint)close.ExtractMostSignificantBits();
            while (near != 0)
            {
                int l = BitOperations.TrailingZeroCount(near);
                near &= near - 1;
                e[l] = Math.Exp(arg[l]);
            }
            et = Vector512.Create(e);
        }
        var accept = Vector512.LessThan(level, et);
        // A rejected wedge starts again from word 2 of attempt 0's block, on the fast path in about 97 % of cases.
        var retry = c2;
        Span<double> width2 = stackalloc double[Lanes];
        Span<ulong> bound2 = stackalloc ulong[Lanes], retries = stackalloc ulong[Lanes];
        retry.CopyTo(retries);
        for (int l = 0; l < Lanes; l++)
        {
            int i = (int)(retries[l] & 127u);
            width2[l] = Ziggurat.W[i]; bound2[l] = ZigguratTables.K[i];
        }
        var m2 = retry >>> 8;
        var fast2 = Vector512.LessThan(m2, Vector512.Create(bound2));
        var x2 = (Exactly(m2) + Vector512.Create(0.5)) * Vector512.Create(width2);
        var signBit = Vector512.Create(128UL);
        var z0 = (x.AsUInt64() ^ ((word & signBit) << 56)).AsDouble();
        var z1 = (x2.AsUInt64() ^ ((retry & signBit) << 56)).AsDouble();
        Vector512.ConditionalSelect(accept, z0, z1).CopyTo(res);
        special |= ~(uint)(accept | fast2.AsDouble()).ExtractMostSignificantBits() & 0xFFu;
        special &= (1u << n) - 1;
        for (int l = 0; l < n; l++) z[_index[at + l]] = res[l];
        while (special != 0)
        {
            int l = BitOperations.TrailingZeroCount(special);
            special &= special - 1;
            int idx = _index[at + l];
            z[idx] = (ws[l] & 127u) == 0
                ? One(idx, (uint)ws[l])
                : Ziggurat.SlowFrom((uint)retries[l], _seed, (uint)blk[l], (uint)(blk[l] >> 32), _step, _stream,
                    BrownianNormals.Position(_first + idx), 1);
        }
    }
}
