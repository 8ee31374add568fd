namespace FokkerPlanck.RandomNumbers;

/// <summary>Four 32-bit words of a Philox block.</summary>
/// <param name="X0">Word 0.</param>
/// <param name="X1">Word 1.</param>
/// <param name="X2">Word 2.</param>
/// <param name="X3">Word 3.</param>
public readonly record struct UInt4(uint X0, uint X1, uint X2, uint X3);

/// <summary>
/// Philox4x32-10 (Salmon et al., SC'11), a counter-based generator: a pure function
/// of (counter, key), so a draw keyed by (seed, particle, step) is the same on every backend and thread count.
/// Written here because it must run inside kernels (uint arithmetic only; ILGPU-compatible); checked against the
/// Random123 known-answer vectors.
/// </summary>
public static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>The 10-round block function.</summary>
    /// <param name="counter">Counter (four words).</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>Four random words.</returns>
    public static UInt4 Block(UInt4 counter, uint key0, uint key1)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        for (int r = 0; r < 10; r++)
        {
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0, hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ key0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ key1;
            c3 = lo0;
            key0 += W0;
            key1 += W1;
        }
        return new UInt4(c0, c1, c2, c3);
    }

    /// <summary>Stream of the first start block (component or cell uniform and a normal). Streams only need to differ
    /// within one (seed, particle, step); the Brownian increments use <see cref="BrownianNormals"/>' streams 4–7 and the
    /// ziggurat's slow draws counters with bit 31 set, so no two uses share a block.</summary>
    public const uint StreamX = 0;

    /// <summary>Stream of the second start block.</summary>
    public const uint StreamY = 1;

    /// <summary>Stream of draws besides the increments: the Hutchinson probe of a likelihood step; at the start step, the
    /// second normal of a 2D start point.</summary>
    public const uint StreamAux = 2;

    /// <summary>Stream of the 2D grid sampler's uniform position along y inside the chosen cell (start step only).</summary>
    public const uint StreamCellY = 3;

    /// <summary>The block for (seed, particle, step, stream): counter = (particle low, particle high, step, stream), key = seed.</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="particle">Particle index.</param>
    /// <param name="step">Step index.</param>
    /// <param name="stream">Independent stream within a step (e.g. several draws per step).</param>
    /// <returns>Four random words.</returns>
    public static UInt4 Draw(ulong seed, long particle, int step, uint stream = 0) =>
        Block(new UInt4((uint)particle, (uint)((ulong)particle >> 32), (uint)step, stream), (uint)seed, (uint)(seed >> 32));

    /// <summary>A uniform double in the open interval (0, 1) from two words: 52 random bits k, u = (k + ½) 2⁻⁵², so that
    /// both ends (2⁻⁵³ and 1 - 2⁻⁵³) are exactly representable and never round to 0 or 1.</summary>
    /// <param name="hi">High word.</param>
    /// <param name="lo">Low word.</param>
    /// <returns>u in (0, 1).</returns>
    public static double Uniform(uint hi, uint lo) => ((((ulong)(hi >> 6)) << 26) + (lo >> 6) + 0.5) * (1.0 / 4503599627370496.0);

    /// <summary>Two independent standard normals from one block by Box–Muller (start points and the Hutchinson probe; the
    /// Brownian increments use <see cref="BrownianNormals"/>).</summary>
    /// <param name="block">Four random words.</param>
    /// <returns>(z0, z1).</returns>
    public static (double Z0, double Z1) Normals(UInt4 block)
    {
        double u1 = Uniform(block.X0, block.X1), u2 = Uniform(block.X2, block.X3);
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), a = 2.0 * Math.PI * u2;
        return (r * Math.Cos(a), r * Math.Sin(a));
    }
}
