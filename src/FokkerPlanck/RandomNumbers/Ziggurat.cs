using System.Runtime.CompilerServices;

namespace FokkerPlanck.RandomNumbers;

/// <summary>
/// Standard normals from single 32-bit words by the 128-layer ziggurat (Marsaglia and Tsang 2000; layer index and value
/// taken from separate bits, as Doornik 2005 advises): bits 0–6 pick the layer i, bit 7 the sign, bits 8–31 a magnitude m,
/// and z = ±(m + ½) X[i] 2⁻²⁴. That is the whole draw for about 97 % of the words (<see cref="TryFast"/>); the rest take
/// <see cref="Slow"/>, which draws further Philox blocks of a counter reserved for the word (tail and wedge tests with
/// 52-bit uniforms), so every normal is still a pure function of its counter.
/// <para>
/// Resolution: below R = 3.44 a normal is a multiple of X[i] 2⁻²⁴ plus half of one (steps of at most 2.2 × 10⁻⁷, like
/// float32 near 3); beyond R the tail is Marsaglia's exact method with 52-bit uniforms, reaching |z| ≈ 14.1 (so no
/// truncation a run of fewer than 10⁴⁰ draws could see). Exact arithmetic on every path but the slow one (one rounded
/// product), so the scalar kernel and the managed SIMD batch give the same bits.
/// </para>
/// Written by hand because it runs inside kernels (table loads and double arithmetic only; ILGPU inlines the tables).
/// </summary>
internal static class Ziggurat
{
    private const double Scale = 1.0 / 16777216.0; // 2⁻²⁴

    /// <summary>X[i] 2⁻²⁴ (exact: a power-of-two scaling), the step of layer i's magnitudes.</summary>
    public static readonly double[] W = Widths();

    /// <summary>Most further Philox blocks one slow draw may read before it gives up with NaN (a run stops on NaN). Each
    /// block ends the draw with probability above one half, so the bound is never reached; it keeps the counter's
    /// attempt field (bits 8–30 of <see cref="SlowStream"/>) from wrapping.</summary>
    public const int MaxAttempts = 1 << 23;

    private static double[] Widths()
    {
        var w = new double[ZigguratTables.Layers];
        for (int i = 0; i < w.Length; i++) w[i] = ZigguratTables.X[i] * Scale;
        return w;
    }

    /// <summary>The fast path: true, with z, when the word's point lies inside its layer's rectangle (about 97 % of words).</summary>
    /// <param name="word">32 random bits.</param>
    /// <param name="z">The normal, when true.</param>
    /// <returns>Whether the word was accepted without further draws.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFast(uint word, out double z)
    {
        int i = (int)(word & 127u);
        uint m = word >> 8;
        z = Signed((m + 0.5) * W[i], word);
        return m < ZigguratTables.K[i];
    }

    /// <summary>The word's sign bit (bit 7) applied to a non-negative x by flipping its sign bit (no branch).</summary>
    /// <param name="x">Magnitude.</param>
    /// <param name="word">The word whose bit 7 is the sign.</param>
    /// <returns>±x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Signed(double x, uint word) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) ^ ((long)(word & 128u) << 56));

    /// <summary>Counter word 3 of a slow draw's attempt a: bit 31 set (no other stream has it), a in bits 8–30, the word's
    /// position in its block in bits 4–5 and the original stream (below 16) in bits 0–3.</summary>
    /// <param name="stream">The normal's stream.</param>
    /// <param name="position">Which word of its block (0–3).</param>
    /// <param name="attempt">Attempt index, below <see cref="MaxAttempts"/>.</param>
    /// <returns>The counter word.</returns>
    public static uint SlowStream(uint stream, int position, int attempt) =>
        0x8000_0000u | ((uint)attempt << 8) | ((uint)position << 4) | stream;

    /// <summary>
    /// The draw of a word that <see cref="TryFast"/> did not accept. Layer 0: the point is inside the base rectangle
    /// (|z| &lt; R) or the tail method runs (t = -ln u₁ / R, y = -ln u₂ until 2y &gt; t², z = ±(R + t)). Layers 1–127: the
    /// wedge test f(X[i]) + u (f(X[i+1]) - f(X[i])) &lt; exp(-x²/2) accepts ±x, otherwise the draw restarts from a fresh
    /// word. Attempt a reads the Philox block (blockLo, blockHi, step, <see cref="SlowStream"/>(stream, position, a)).
    /// </summary>
    /// <param name="word">The word.</param>
    /// <param name="seed">Run seed (the key).</param>
    /// <param name="blockLo">Counter word 0 of the word's block.</param>
    /// <param name="blockHi">Counter word 1 of the word's block.</param>
    /// <param name="step">Counter word 2 of the word's block.</param>
    /// <param name="stream">Counter word 3 of the word's block (below 16).</param>
    /// <param name="position">Which word of the block (0–3).</param>
    /// <returns>The normal.</returns>
    public static double Slow(uint word, ulong seed, uint blockLo, uint blockHi, uint step, uint stream, int position) =>
        SlowFrom(word, seed, blockLo, blockHi, step, stream, position, 0);

    /// <summary><see cref="Slow"/> continued at attempt <paramref name="firstAttempt"/> with the word that attempt starts
    /// from: a draw that rejected its wedge at attempt a - 1 goes on as SlowFrom(that block's word 2, ..., a). The managed
    /// backend takes attempt 0 of the wedges eight words at a time and hands the rest here.</summary>
    /// <param name="word">The word attempt <paramref name="firstAttempt"/> starts from.</param>
    /// <param name="seed">Run seed (the key).</param>
    /// <param name="blockLo">Counter word 0 of the normal's block.</param>
    /// <param name="blockHi">Counter word 1 of the normal's block.</param>
    /// <param name="step">Counter word 2 of the normal's block.</param>
    /// <param name="stream">Counter word 3 of the normal's block (below 16).</param>
    /// <param name="position">Which word of the block (0–3).</param>
    /// <param name="firstAttempt">The attempt to start at.</param>
    /// <returns>The normal.</returns>
    public static double SlowFrom(uint word, ulong seed, uint blockLo, uint blockHi, uint step, uint stream, int position, int firstAttempt)
    {
        for (int a = firstAttempt; a < MaxAttempts; a++)
        {
            int i = (int)(word & 127u);
            uint m = word >> 8;
            double x = (m + 0.5) * W[i];
            if (m < ZigguratTables.K[i]) return Signed(x, word); // a restarted word on the fast path
            if (i == 0 && x < ZigguratTables.R) return Signed(x, word);
            var b = Philox.Block(new UInt4(blockLo, blockHi, step, SlowStream(stream, position, a)), (uint)seed, (uint)(seed >> 32));
            if (i == 0)
            {
                double t = -Math.Log(Philox.Uniform(b.X0, b.X1)) / ZigguratTables.R, y = -Math.Log(Philox.Uniform(b.X2, b.X3));
                if (y + y > t * t) return Signed(ZigguratTables.R + t, word);
                continue; // the same word: the tail is tried again with the next block
            }
            double u = Philox.Uniform(b.X0, b.X1);
            double fi = ZigguratTables.F[i], fn = ZigguratTables.F[i + 1];
            if (fi + u * (fn - fi) < Math.Exp(-0.5 * x * x)) return Signed(x, word);
            word = b.X2;
        }
        return double.NaN;
    }
}
