namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// The semi-discrete operator (A p)_i = F_i - F_{i+1}, F_k = aP_k p_{k-1} - aM_k p_k, evaluated as
/// (aP_i p_{i-1} - (aM_i + aP_{i+1}) p_i) + aM_{i+1} p_{i+1} in this exact order on every backend
/// (the Managed SIMD path uses the same order, so results agree bit for bit).
/// </summary>
public static class StencilKernels
{
    /// <summary>The stencil formula.</summary>
    /// <param name="aPi">Forward rate of the left face.</param>
    /// <param name="pl">Left neighbour.</param>
    /// <param name="aMi">Backward rate of the left face.</param>
    /// <param name="aPn">Forward rate of the right face.</param>
    /// <param name="pc">The cell.</param>
    /// <param name="aMn">Backward rate of the right face.</param>
    /// <param name="pr">Right neighbour.</param>
    /// <returns>(A p)_i.</returns>
    public static double Formula(double aPi, double pl, double aMi, double aPn, double pc, double aMn, double pr) =>
        aPi * pl - (aMi + aPn) * pc + aMn * pr;

    /// <summary>(A p)_i on a line of n cells at offset + stride c, faces at fOffset + fStride k.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="c">Cell index along the line.</param>
    /// <param name="n">Cells in the line.</param>
    /// <param name="periodic">Whether the line wraps.</param>
    /// <param name="offset">Offset of cell 0.</param>
    /// <param name="stride">Stride between cells.</param>
    /// <param name="fOffset">Offset of face 0.</param>
    /// <param name="fStride">Stride between faces.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="p">Density.</param>
    /// <returns>(A p) at the cell.</returns>
    public static double Line<TVec>(int c, int n, bool periodic, int offset, int stride, int fOffset, int fStride, TVec aP, TVec aM, TVec p)
        where TVec : struct, IVec
    {
        double pl = c > 0 ? p[offset + (c - 1) * stride] : (periodic ? p[offset + (n - 1) * stride] : 0.0);
        double pr = c < n - 1 ? p[offset + (c + 1) * stride] : (periodic ? p[offset] : 0.0);
        int f = fOffset + c * fStride;
        return Formula(aP[f], pl, aM[f], aP[f + fStride], p[offset + c * stride], aM[f + fStride], pr);
    }

    /// <summary>(A p)_i in 1D.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="i">Cell.</param>
    /// <param name="g">Axis.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="p">Density.</param>
    /// <returns>The operator at cell i.</returns>
    public static double Apply1D<TVec>(int i, Axis g, TVec aP, TVec aM, TVec p) where TVec : struct, IVec =>
        Line(i, g.N, g.Periodic, 0, 1, 0, 1, aP, aM, p);

    /// <summary>x part of the 2D operator at flat cell index.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="index">i * ny + j.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    /// <param name="p">Density.</param>
    /// <returns>(A_x p) at the cell.</returns>
    public static double ApplyX<TVec>(int index, Axis gx, Axis gy, TVec xP, TVec xM, TVec p) where TVec : struct, IVec
    {
        int ny = gy.N, i = index / ny, j = index - i * ny;
        return Line(i, gx.N, gx.Periodic, j, ny, j, ny, xP, xM, p);
    }

    /// <summary>y part of the 2D operator at flat cell index.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="index">i * ny + j.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    /// <param name="p">Density.</param>
    /// <returns>(A_y p) at the cell.</returns>
    public static double ApplyY<TVec>(int index, Axis gx, Axis gy, TVec yP, TVec yM, TVec p) where TVec : struct, IVec
    {
        int ny = gy.N, i = index / ny, j = index - i * ny;
        return Line(j, ny, gy.Periodic, i * ny, 1, i * (ny + 1), 1, yP, yM, p);
    }

    /// <summary>Outflow rate of a cell on a line (the diagonal of -A): aM_i + aP_{i+1}.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="f">Index of the cell's left face.</param>
    /// <param name="fStride">Face stride.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <returns>The outflow rate.</returns>
    public static double Outflow<TVec>(int f, int fStride, TVec aP, TVec aM) where TVec : struct, IVec => aM[f] + aP[f + fStride];
}
