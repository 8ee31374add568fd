namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Finite-volume continuity equation ∂t p = -∇·(u p) with face velocities: MUSCL reconstruction with the van Leer
/// (harmonic) limiter and upwinding. Reconstructed face values lie in [0, 2 p], so an Euler step — and every SSP
/// Runge–Kutta stage — keeps p ≥ 0 when dt · |u| / h ≤ ½ (per cell, summed over directions in 2D). Second order
/// where p is smooth, first order at extrema. Boundaries: reflecting (no flux), periodic, absorbing (p = 0 outside:
/// outflow leaves, nothing enters).
/// </summary>
public static class ContinuityKernels
{
    /// <summary>van Leer limited slope of the two one-sided differences.</summary>
    /// <param name="a">Backward difference.</param>
    /// <param name="b">Forward difference.</param>
    /// <returns>2ab/(a + b) when a and b share a sign, else 0.</returns>
    public static double Slope(double a, double b) => a * b > 0.0 ? 2.0 * a * b / (a + b) : 0.0;

    /// <summary>-(F_{c+1} - F_c)/h at cell c of a line along axis g (cells at offset + stride i, faces at fOffset + fStride k).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="c">Cell.</param>
    /// <param name="g">The line's axis: its cells, width and the boundary kind of each side.</param>
    /// <param name="offset">Offset of cell 0.</param>
    /// <param name="stride">Cell stride.</param>
    /// <param name="fOffset">Offset of face 0.</param>
    /// <param name="fStride">Face stride.</param>
    /// <param name="u">Face velocities.</param>
    /// <param name="p">Density.</param>
    /// <returns>The rate of change of p at the cell.</returns>
    public static double Line<TVec>(int c, Axis g, int offset, int stride, int fOffset, int fStride, TVec u, TVec p)
        where TVec : struct, IVec =>
        (Flux(c, g, offset, stride, fOffset, fStride, u, p) - Flux(c + 1, g, offset, stride, fOffset, fStride, u, p)) / g.H;

    private static double Flux<TVec>(int k, Axis g, int offset, int stride, int fOffset, int fStride, TVec u, TVec p)
        where TVec : struct, IVec
    {
        int n = g.N;
        bool edge = k == 0 || k == n, periodic = g.Periodic;
        int side = g.Side(k);
        // Periodic: faces 0 and n are one face; its velocity is stored at face 0.
        double uf = u[fOffset + (periodic && k == n ? 0 : k) * fStride];
        if (edge && side == Axis.ReflectingBoundary) return 0.0;
        if (edge && side == Axis.AbsorbingBoundary)
        {
            // Outflow only: at the left edge when u < 0, at the right edge when u > 0.
            if (k == 0) return uf < 0.0 ? uf * Face(0, n, periodic, offset, stride, p, false) : 0.0;
            return uf > 0.0 ? uf * Face(n - 1, n, periodic, offset, stride, p, true) : 0.0;
        }
        int left = k == 0 ? n - 1 : k - 1, right = k == n ? 0 : k;
        return uf > 0.0 ? uf * Face(left, n, periodic, offset, stride, p, true) : uf * Face(right, n, periodic, offset, stride, p, false);
    }

    // Reconstructed value of cell c at its right (or left) face.
    private static double Face<TVec>(int c, int n, bool periodic, int offset, int stride, TVec p, bool right) where TVec : struct, IVec
    {
        double pc = p[offset + c * stride];
        double pl = c > 0 ? p[offset + (c - 1) * stride] : (periodic ? p[offset + (n - 1) * stride] : pc);
        double pr = c < n - 1 ? p[offset + (c + 1) * stride] : (periodic ? p[offset] : pc);
        double half = 0.5 * Slope(pc - pl, pr - pc);
        return right ? pc + half : pc - half;
    }
}
