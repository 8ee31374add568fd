using FokkerPlanck.Model;

namespace FokkerPlanck.Discretization.Kernels;

/// <summary>
/// Per-face Scharfetter–Gummel rates. Faces along an axis of n cells are numbered k = 0..n: face k lies between
/// cells k-1 and k. Boundary faces: reflecting → both rates 0; absorbing → only the outflow rate (the ghost
/// outside holds p = 0); periodic → face n repeats face 0 (between cell n-1 and cell 0), so mass is exact.
/// </summary>
public static class FaceRateKernels
{
    /// <summary>Rates of 1D face k.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="k">Face index 0..n.</param>
    /// <param name="g">Axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="d">Diffusion coefficient ½ g(t)².</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell tabulated values (length n).</param>
    /// <param name="aP">Forward rates (length n + 1).</param>
    /// <param name="aM">Backward rates (length n + 1).</param>
    public static void Face1D<TVec, TDrift>(int k, Axis g, double t, double d, TDrift drift, TVec aux, TVec aP, TVec aM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift1D
    {
        int n = g.N;
        if (g.Boundary == 0 && (k == 0 || k == n)) { aP[k] = 0.0; aM[k] = 0.0; return; }
        int kk = g.Periodic && k == n ? 0 : k;
        double al, ar;
        NeighbourAux(kk, n, g.Periodic, aux, 0, 1, out al, out ar);
        double xl = g.Center(kk - 1), xr = g.Center(kk);
        RatePair r = ScharfetterGummel.Rates(drift.Face(xl, xr, al, ar, t), d, g.H);
        double fwd = r.Forward, bwd = r.Backward;
        if (g.Boundary == 2) { if (k == 0) fwd = 0.0; if (k == n) bwd = 0.0; }
        aP[k] = fwd; aM[k] = bwd;
    }

    /// <summary>Rates of the 2D x-face (k, j), stored at k * ny + j, k = 0..nx.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="index">Flat face index.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="d">Diffusion coefficient.</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell values (nx * ny).</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    public static void FaceX<TVec, TDrift>(int index, Axis gx, Axis gy, double t, double d, TDrift drift, TVec aux, TVec xP, TVec xM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D
    {
        int ny = gy.N, n = gx.N, k = index / ny, j = index - k * ny;
        if (gx.Boundary == 0 && (k == 0 || k == n)) { xP[index] = 0.0; xM[index] = 0.0; return; }
        int kk = gx.Periodic && k == n ? 0 : k;
        double al, ar;
        NeighbourAux(kk, n, gx.Periodic, aux, j, ny, out al, out ar);
        RatePair r = ScharfetterGummel.Rates(drift.FaceX(gx.Center(kk - 1), gx.Center(kk), gy.Center(j), al, ar, t), d, gx.H);
        double fwd = r.Forward, bwd = r.Backward;
        if (gx.Boundary == 2) { if (k == 0) fwd = 0.0; if (k == n) bwd = 0.0; }
        xP[index] = fwd; xM[index] = bwd;
    }

    /// <summary>Rates of the 2D y-face (i, k), stored at i * (ny + 1) + k, k = 0..ny.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="index">Flat face index.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="d">Diffusion coefficient.</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell values (nx * ny).</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    public static void FaceY<TVec, TDrift>(int index, Axis gx, Axis gy, double t, double d, TDrift drift, TVec aux, TVec yP, TVec yM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D
    {
        int n = gy.N, i = index / (n + 1), k = index - i * (n + 1);
        if (gy.Boundary == 0 && (k == 0 || k == n)) { yP[index] = 0.0; yM[index] = 0.0; return; }
        int kk = gy.Periodic && k == n ? 0 : k;
        double al, ar;
        NeighbourAux(kk, n, gy.Periodic, aux, i * n, 1, out al, out ar);
        RatePair r = ScharfetterGummel.Rates(drift.FaceY(gx.Center(i), gy.Center(kk - 1), gy.Center(kk), al, ar, t), d, gy.H);
        double fwd = r.Forward, bwd = r.Backward;
        if (gy.Boundary == 2) { if (k == 0) fwd = 0.0; if (k == n) bwd = 0.0; }
        yP[index] = fwd; yM[index] = bwd;
    }

    // aux of the two cells beside face kk along a line (cells at offset + stride * c); outside the grid:
    // the periodic image, else linear extrapolation.
    private static void NeighbourAux<TVec>(int kk, int n, bool periodic, TVec aux, int offset, int stride, out double al, out double ar)
        where TVec : struct, IVec
    {
        if (kk == 0)
        {
            ar = aux[offset];
            al = periodic ? aux[offset + (n - 1) * stride] : 2.0 * aux[offset] - aux[offset + stride];
        }
        else if (kk == n)
        {
            al = aux[offset + (n - 1) * stride];
            ar = 2.0 * al - aux[offset + (n - 2) * stride];
        }
        else
        {
            al = aux[offset + (kk - 1) * stride];
            ar = aux[offset + kk * stride];
        }
    }
}
