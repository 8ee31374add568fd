namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Per-face Scharfetter–Gummel rates. Faces along an axis of n cells are numbered k = 0..n: face k lies between
/// cells k-1 and k. Boundary faces: reflecting → both rates 0; periodic → faces 0 and n are the same face (between
/// cell n-1 and cell 0) with the same rates, so mass is exact; absorbing → p = 0 on the edge itself: the SG flux over the half cell between the
/// last centre and the edge, J = (D/(h/2)) B(-f (h/2)/D) p, i.e. only an outflow rate, second-order accurate.
/// Each edge face follows its own side's kind (<see cref="Axis.Side"/>), so the two walls of an axis may differ.
/// A non-periodic drift on a periodic axis is averaged across the seam (see the code).
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
        RatePair r = Compute(k, g, 0, 1, new OneDrift<TDrift>(drift), aux, t, d, 0.0);
        aP[k] = r.Forward; aM[k] = r.Backward;
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
        int ny = gy.N, k = index / ny, j = index - k * ny;
        RatePair r = Compute(k, gx, j, ny, new XDrift<TDrift>(drift), aux, t, d, gy.Center(j));
        xP[index] = r.Forward; xM[index] = r.Backward;
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
        RatePair r = Compute(k, gy, i * n, 1, new YDrift<TDrift>(drift), aux, t, d, gx.Center(i));
        yP[index] = r.Forward; yM[index] = r.Backward;
    }

    /// <summary>Rates of 1D face k under a position-dependent diffusion D(x, t) (<see cref="IPointDiffusion"/>): the
    /// Itô flux J = f p − ∂x(D p) written for q = D p as J = (f/D) q − ∂x q and fitted by Scharfetter–Gummel with unit
    /// diffusion and the drift w = f/D at the face: forward rate B(−w h) D_L / h², backward B(w h) D_R / h². Exact for
    /// constant w on the face; zero drift gives D_i p_i equal in every cell at rest (p ∝ 1/D at the centres, exactly);
    /// a constant D gives the constant-diffusion rates.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift and diffusion functor.</typeparam>
    /// <param name="k">Face index 0..n.</param>
    /// <param name="g">Axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="drift">Drift and diffusion.</param>
    /// <param name="aux">Per-cell tabulated values.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    public static void DiffusingFace1D<TVec, TDrift>(int k, Axis g, double t, TDrift drift, TVec aux, TVec aP, TVec aM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift1D, IPointDiffusion
    {
        RatePair r = ComputeDiffusing(k, g, 0, 1, new OneDrift<TDrift>(drift), new OneDiffusion<TDrift>(drift), aux, t, 0.0);
        aP[k] = r.Forward; aM[k] = r.Backward;
    }

    /// <summary>Diffusing form of <see cref="FaceX"/> (see <see cref="DiffusingFace1D"/>).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift and diffusion functor.</typeparam>
    /// <param name="index">Flat face index.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="drift">Drift and diffusion.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    public static void DiffusingFaceX<TVec, TDrift>(int index, Axis gx, Axis gy, double t, TDrift drift, TVec aux, TVec xP, TVec xM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D, IPointDiffusion
    {
        int ny = gy.N, k = index / ny, j = index - k * ny;
        RatePair r = ComputeDiffusing(k, gx, j, ny, new XDrift<TDrift>(drift), new XDiffusion<TDrift>(drift), aux, t, gy.Center(j));
        xP[index] = r.Forward; xM[index] = r.Backward;
    }

    /// <summary>Diffusing form of <see cref="FaceY"/> (see <see cref="DiffusingFace1D"/>).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift and diffusion functor.</typeparam>
    /// <param name="index">Flat face index.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="drift">Drift and diffusion.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    public static void DiffusingFaceY<TVec, TDrift>(int index, Axis gx, Axis gy, double t, TDrift drift, TVec aux, TVec yP, TVec yM)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D, IPointDiffusion
    {
        int n = gy.N, i = index / (n + 1), k = index - i * (n + 1);
        RatePair r = ComputeDiffusing(k, gy, i * n, 1, new YDrift<TDrift>(drift), new YDiffusion<TDrift>(drift), aux, t, gx.Center(i));
        yP[index] = r.Forward; yM[index] = r.Backward;
    }

    // The diffusing rates of face k of a line (see DiffusingFace1D); absorbing edges as in Compute, over the half cell to
    // the edge, where q = 0.
    private static RatePair ComputeDiffusing<TVec, TDrift, TDiff>(int k, Axis g, int offset, int stride, TDrift drift, TDiff diff, TVec aux,
        double t, double other) where TVec : struct, IVec where TDrift : struct, ILineDrift where TDiff : struct, ILineDiffusion
    {
        int n = g.N;
        bool edge = k == 0 || k == n;
        int side = g.Side(k);
        if (edge && side == Axis.ReflectingBoundary) return new RatePair(0.0, 0.0);
        if (edge && side == Axis.AbsorbingBoundary)
        {
            var (xc, xe, ac, ae) = EdgeHalfCell(k, g, offset, stride, aux);
            double f = k == 0 ? drift.Face(xe, xc, other, ae, ac, t) : drift.Face(xc, xe, other, ac, ae, t);
            RatePair u = ScharfetterGummel.Rates(f / diff.At(0.5 * (xc + xe), other, t), 1.0, 0.5 * g.H);
            double dc = diff.At(xc, other, t);
            return k == 0 ? new RatePair(0.0, 0.5 * u.Backward * dc) : new RatePair(0.5 * u.Forward * dc, 0.0);
        }
        double xl, xr;
        if (edge) { xl = g.Center(n - 1); xr = g.Center(n); }
        else { xl = g.Center(k - 1); xr = g.Center(k); }
        double w = LineFace(k, g, offset, stride, drift, aux, t, other) / diff.At(0.5 * (xl + xr), other, t);
        RatePair r = ScharfetterGummel.Rates(w, 1.0, g.H);
        // The cells' own D: on a periodic seam the left cell is n - 1 and the right one 0.
        double dl = diff.At(edge ? g.Center(n - 1) : xl, other, t), dr = diff.At(edge ? g.Center(0) : xr, other, t);
        return new RatePair(r.Forward * dl, r.Backward * dr);
    }

    // The half cell between the last centre and the edge face k (0 or n) of an absorbing line: the centre, the edge, and the
    // log-type aux at the centre and extrapolated linearly to the edge.
    private static (double Xc, double Xe, double Ac, double Ae) EdgeHalfCell<TVec>(int k, Axis g, int offset, int stride, TVec aux)
        where TVec : struct, IVec
    {
        int n = g.N, c = k == 0 ? 0 : n - 1, c2 = k == 0 ? 1 : n - 2;
        double ac = aux[offset + c * stride];
        return (g.Center(c), k == 0 ? g.Lower : g.Lower + n * g.H, ac, 1.5 * ac - 0.5 * aux[offset + c2 * stride]);
    }

    // Face k of a line whose cells sit at offset + stride c; 'other' is the transverse coordinate (2D).
    private static RatePair Compute<TVec, TDrift>(int k, Axis g, int offset, int stride, TDrift drift, TVec aux, double t, double d,
        double other) where TVec : struct, IVec where TDrift : struct, ILineDrift
    {
        int n = g.N;
        bool edge = k == 0 || k == n;
        int side = g.Side(k);
        if (edge && side == Axis.ReflectingBoundary) return new RatePair(0.0, 0.0);
        if (edge && side == Axis.AbsorbingBoundary)
        {
            var (xc, xe, ac, ae) = EdgeHalfCell(k, g, offset, stride, aux);
            RatePair h = k == 0
                ? ScharfetterGummel.Rates(drift.Face(xe, xc, other, ae, ac, t), d, 0.5 * g.H)
                : ScharfetterGummel.Rates(drift.Face(xc, xe, other, ac, ae, t), d, 0.5 * g.H);
            return k == 0 ? new RatePair(0.0, 0.5 * h.Backward) : new RatePair(0.5 * h.Forward, 0.0);
        }
        return ScharfetterGummel.Rates(LineFace(k, g, offset, stride, drift, aux, t, other), d, g.H);
    }

    /// <summary>The drift the rates use at an interior or periodic-seam face k of a 1D grid (for field computations).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="k">Face index, 1..n-1 (0 or n only when periodic).</param>
    /// <param name="g">Axis.</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    public static double Drift1D<TVec, TDrift>(int k, Axis g, TDrift drift, TVec aux, double t)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift1D =>
        LineFace(k, g, 0, 1, new OneDrift<TDrift>(drift), aux, t, 0.0);

    /// <summary>The x-drift the rates use at x-face (k, j) of a 2D grid (interior or periodic seam).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="k">Face index along x.</param>
    /// <param name="j">Row index along y.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    public static double DriftX<TVec, TDrift>(int k, int j, Axis gx, Axis gy, TDrift drift, TVec aux, double t)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D =>
        LineFace(k, gx, j, gy.N, new XDrift<TDrift>(drift), aux, t, gy.Center(j));

    /// <summary>The y-drift the rates use at y-face (i, k) of a 2D grid (interior or periodic seam).</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="i">Column index along x.</param>
    /// <param name="k">Face index along y.</param>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="drift">Drift functor.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    public static double DriftY<TVec, TDrift>(int i, int k, Axis gx, Axis gy, TDrift drift, TVec aux, double t)
        where TVec : struct, IVec where TDrift : struct, IFaceDrift2D =>
        LineFace(k, gy, i * gy.N, 1, new YDrift<TDrift>(drift), aux, t, gx.Center(i));

    // Drift at an interior face, or at the periodic seam: the face between cell n-1 and cell 0. A drift that is not
    // itself periodic has two values there (at lower and at upper); their average keeps mirror symmetry, and both
    // faces get the same rates.
    private static double LineFace<TVec, TDrift>(int k, Axis g, int offset, int stride, TDrift drift, TVec aux, double t, double other)
        where TVec : struct, IVec where TDrift : struct, ILineDrift
    {
        int n = g.N;
        if (k == 0 || k == n)
        {
            double a0 = aux[offset], an = aux[offset + (n - 1) * stride];
            return 0.5 * (drift.Face(g.Center(-1), g.Center(0), other, an, a0, t) + drift.Face(g.Center(n - 1), g.Center(n), other, an, a0, t));
        }
        return drift.Face(g.Center(k - 1), g.Center(k), other, aux[offset + (k - 1) * stride], aux[offset + k * stride], t);
    }

    private interface ILineDiffusion
    {
        double At(double x, double other, double t);
    }

    private readonly struct OneDiffusion<TDrift>(TDrift drift) : ILineDiffusion where TDrift : struct, IPointDiffusion
    {
        private readonly TDrift _d = drift;

        public double At(double x, double other, double t) => _d.Diffusion(x, 0.0, t, out _, out _);
    }

    private readonly struct XDiffusion<TDrift>(TDrift drift) : ILineDiffusion where TDrift : struct, IPointDiffusion
    {
        private readonly TDrift _d = drift;

        public double At(double x, double other, double t) => _d.Diffusion(x, other, t, out _, out _);
    }

    private readonly struct YDiffusion<TDrift>(TDrift drift) : ILineDiffusion where TDrift : struct, IPointDiffusion
    {
        private readonly TDrift _d = drift;

        public double At(double x, double other, double t) => _d.Diffusion(other, x, t, out _, out _);
    }

    private interface ILineDrift
    {
        double Face(double xl, double xr, double other, double auxL, double auxR, double t);
    }

    private readonly struct OneDrift<TDrift>(TDrift drift) : ILineDrift where TDrift : struct, IFaceDrift1D
    {
        private readonly TDrift _d = drift;

        public double Face(double xl, double xr, double other, double auxL, double auxR, double t) => _d.Face(xl, xr, auxL, auxR, t);
    }

    private readonly struct XDrift<TDrift>(TDrift drift) : ILineDrift where TDrift : struct, IFaceDrift2D
    {
        private readonly TDrift _d = drift;

        public double Face(double xl, double xr, double other, double auxL, double auxR, double t) => _d.FaceX(xl, xr, other, auxL, auxR, t);
    }

    private readonly struct YDrift<TDrift>(TDrift drift) : ILineDrift where TDrift : struct, IFaceDrift2D
    {
        private readonly TDrift _d = drift;

        public double Face(double xl, double xr, double other, double auxL, double auxR, double t) => _d.FaceY(other, xl, xr, auxL, auxR, t);
    }
}
