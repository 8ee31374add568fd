using System.Runtime.CompilerServices;

namespace FokkerPlanck.RandomNumbers;

/// <summary>
/// The standard normals that drive the particles' Brownian increments: one 32-bit Philox4x32-10 word per normal, turned
/// into a normal by the <see cref="Ziggurat"/>. The normal of (seed, particle p, sub-step q, stream) is word
/// (p / 8) mod 4 of the block with counter (8 ⌊p / 32⌋ + p mod 8, q, stream) and key seed: a block feeds four particles,
/// and the eight blocks of a group of 32 particles give, word by word, four runs of eight consecutive particles (so that
/// the managed backend computes eight blocks per vector and stores each word's lane straight into particle order).
/// Every word of every block is used, and a normal needs no other draw unless the ziggurat's slow path (about 3 % of
/// words) asks for one.
/// </summary>
public static class BrownianNormals
{
    /// <summary>Stream of ξ₁ along x (ΔW = √δ ξ₁).</summary>
    public const uint StreamX = 4;

    /// <summary>Stream of ξ₁ along y.</summary>
    public const uint StreamY = 5;

    /// <summary>Stream of ξ₂ along x, the second normal of I₁₀ = ∫(W_s - W_t) ds (drawn only by integrators that use it).</summary>
    public const uint StreamIntegralX = 6;

    /// <summary>Stream of ξ₂ along y.</summary>
    public const uint StreamIntegralY = 7;

    /// <summary>Particles per group (eight blocks of four words).</summary>
    public const int Group = 32;

    /// <summary>The block of particle p: 8 ⌊p / 32⌋ + p mod 8.</summary>
    /// <param name="particle">Particle index (non-negative).</param>
    /// <returns>Counter words 0–1 of its block, as one number.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Block(long particle) => ((particle >> 5) << 3) | (particle & 7);

    /// <summary>Which word of its block particle p reads: (p / 8) mod 4.</summary>
    /// <param name="particle">Particle index (non-negative).</param>
    /// <returns>0–3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Position(long particle) => (int)((particle >> 3) & 3);

    /// <summary>The 32-bit word that the normal of (seed, particle, sub-step, stream) is made from: word
    /// <see cref="Position"/>(p) of the Philox block with counter (<see cref="Block"/>(p), step, stream) and key seed.</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="particle">Particle index (non-negative).</param>
    /// <param name="step">Sub-step index.</param>
    /// <param name="stream">One of the streams above.</param>
    /// <returns>The word.</returns>
    public static uint Word(ulong seed, long particle, int step, uint stream)
    {
        long blk = Block(particle);
        var b = Philox.Block(new UInt4((uint)blk, (uint)((ulong)blk >> 32), (uint)step, stream), (uint)seed, (uint)(seed >> 32));
        int pos = Position(particle);
        return pos == 0 ? b.X0 : pos == 1 ? b.X1 : pos == 2 ? b.X2 : b.X3;
    }

    /// <summary>The standard normal of (seed, particle, sub-step, stream): <see cref="Word"/> through the
    /// <see cref="Ziggurat"/>.</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="particle">Particle index (non-negative).</param>
    /// <param name="step">Sub-step index (the step times the Brownian refinement plus the sub-step).</param>
    /// <param name="stream">One of the streams above.</param>
    /// <returns>A standard normal.</returns>
    public static double Normal(ulong seed, long particle, int step, uint stream)
    {
        uint word = Word(seed, particle, step, stream);
        if (Ziggurat.TryFast(word, out double z)) return z;
        long blk = Block(particle);
        return Ziggurat.Slow(word, seed, (uint)blk, (uint)((ulong)blk >> 32), (uint)step, stream, Position(particle));
    }
}
