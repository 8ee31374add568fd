using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>The managed backend's Vector256 paths, each in the same operation order as the scalar kernel it replaces, so
/// that both give the same bits.</summary>
internal static class ManagedSimd
{
    /// <summary>Columns per band of <see cref="SolveColumns"/>: four cache lines of each array per row, eight independent
    /// Vector256 chains to hide the divisions' latency.</summary>
    internal const int ColumnBand = 32;

    // TridiagonalKernels.SolveLine for the columns j0..j0+width-1 (width a multiple of 4, at most ColumnBand; cells and x
    // faces both at i·ny + j), lane by lane in the scalar kernel's operation order (same bits). The band is swept row by
    // row, so every row's loads are contiguous; the carried values of row i-1 are read back from w1, x, w2 (stored
    // doubles, so the same bits as registers).
    internal static void SolveColumns(int n, bool periodic, int j0, int width, int ny, double c, double[] aP, double[] aM, double[] rhs,
        double[] x, double[] w1, double[] w2)
    {
        ref double rp = ref MemoryMarshal.GetArrayDataReference(aP), rm = ref MemoryMarshal.GetArrayDataReference(aM);
        ref double rr = ref MemoryMarshal.GetArrayDataReference(rhs), rx = ref MemoryMarshal.GetArrayDataReference(x);
        ref double r1 = ref MemoryMarshal.GetArrayDataReference(w1), r2 = ref MemoryMarshal.GetArrayDataReference(w2);
        if ((long)(n + 1) * ny > aP.Length || (long)(n + 1) * ny > aM.Length || (long)n * ny > Math.Min(Math.Min(rhs.Length, x.Length), Math.Min(w1.Length, w2.Length))
            || j0 < 0 || width % 4 != 0 || width > ColumnBand || j0 + width > ny)
            throw new ArgumentOutOfRangeException(nameof(width), width, "the column band does not fit the arrays");
        var one = Vector256.Create(1.0); var vc = Vector256.Create(c); var nc = Vector256.Create(-c);
        for (int i = 0; i < n; i++)
        {
            for (int j = j0; j < j0 + width; j += 4)
            {
                nuint f = (nuint)(j + i * ny), up = f + (nuint)ny;
                var lower = i == 0 ? Vector256<double>.Zero : nc * Vector256.LoadUnsafe(ref rp, f);
                var upper = i == n - 1 ? Vector256<double>.Zero : nc * Vector256.LoadUnsafe(ref rm, up);
                var diag = one + vc * (Vector256.LoadUnsafe(ref rm, f) + Vector256.LoadUnsafe(ref rp, up));
                Vector256<double> gamma = default, alpha = default, beta = default;
                if (periodic && (i == 0 || i == n - 1))
                {
                    (gamma, beta, alpha) = Corners(ref rp, ref rm, j, n, ny, one, vc, nc);
                    if (i == 0) diag -= gamma;
                    if (i == n - 1) diag -= alpha * beta / gamma;
                }
                var prevC = i == 0 ? Vector256<double>.Zero : Vector256.LoadUnsafe(ref r1, f - (nuint)ny);
                var prevD = i == 0 ? Vector256<double>.Zero : Vector256.LoadUnsafe(ref rx, f - (nuint)ny);
                var m = diag - lower * prevC;
                var cp = upper / m;
                var dp = (Vector256.LoadUnsafe(ref rr, f) - lower * prevD) / m;
                cp.StoreUnsafe(ref r1, f);
                dp.StoreUnsafe(ref rx, f);
                if (periodic)
                {
                    var prevU = i == 0 ? Vector256<double>.Zero : Vector256.LoadUnsafe(ref r2, f - (nuint)ny);
                    var u = i == 0 ? gamma : (i == n - 1 ? alpha : Vector256<double>.Zero);
                    ((u - lower * prevU) / m).StoreUnsafe(ref r2, f);
                }
            }
        }
        for (int i = n - 2; i >= 0; i--)
        {
            for (int j = j0; j < j0 + width; j += 4)
            {
                nuint cell = (nuint)(j + i * ny), next = cell + (nuint)ny;
                var w = Vector256.LoadUnsafe(ref r1, cell);
                (Vector256.LoadUnsafe(ref rx, cell) - w * Vector256.LoadUnsafe(ref rx, next)).StoreUnsafe(ref rx, cell);
                if (periodic) (Vector256.LoadUnsafe(ref r2, cell) - w * Vector256.LoadUnsafe(ref r2, next)).StoreUnsafe(ref r2, cell);
            }
        }
        if (!periodic) return;
        for (int j = j0; j < j0 + width; j += 4)
        {
            var (gamma, beta, _) = Corners(ref rp, ref rm, j, n, ny, one, vc, nc);
            nuint first = (nuint)j, last = (nuint)(j + (n - 1) * ny);
            var factor = (Vector256.LoadUnsafe(ref rx, first) + beta * Vector256.LoadUnsafe(ref rx, last) / gamma)
                / (one + Vector256.LoadUnsafe(ref r2, first) + beta * Vector256.LoadUnsafe(ref r2, last) / gamma);
            for (int i = 0; i < n; i++)
            {
                nuint cell = (nuint)(j + i * ny);
                (Vector256.LoadUnsafe(ref rx, cell) - factor * Vector256.LoadUnsafe(ref r2, cell)).StoreUnsafe(ref rx, cell);
            }
        }
    }

    /// <summary>Rows per call of <see cref="SolveRows"/>.</summary>
    internal const int RowGroup = 4;

    // TridiagonalKernels.SolveLine for the rows i0..i0+3 (cells at i·ny + j, y faces at i·(ny + 1) + j), one row per
    // Vector256 lane in the scalar kernel's operation order (same bits). A row is one dependent chain of divisions, so
    // one row alone waits on the divider's latency; four rows side by side share it. Non-periodic rows move through
    // 4×4 tiles transposed in registers (AVX); the periodic case and the columns past the last tile gather and scatter
    // lane by lane. Each row is read sequentially, so the prefetcher streams it.
    internal static void SolveRows(int ny, bool periodic, int i0, double c, double[] aP, double[] aM, double[] rhs,
        double[] x, double[] w1, double[] w2)
    {
        int o0 = i0 * ny, o1 = o0 + ny, o2 = o1 + ny, o3 = o2 + ny;
        int q0 = i0 * (ny + 1), q1 = q0 + ny + 1, q2 = q1 + ny + 1, q3 = q2 + ny + 1;
        if (i0 < 0 || (long)q3 + ny >= Math.Min(aP.Length, aM.Length) || (long)o3 + ny > Math.Min(Math.Min(rhs.Length, x.Length), Math.Min(w1.Length, w2.Length)))
            throw new ArgumentOutOfRangeException(nameof(i0), i0, "the row group does not fit the arrays");
        ref double rp = ref MemoryMarshal.GetArrayDataReference(aP), rm = ref MemoryMarshal.GetArrayDataReference(aM);
        ref double rr = ref MemoryMarshal.GetArrayDataReference(rhs), rx = ref MemoryMarshal.GetArrayDataReference(x);
        ref double r1 = ref MemoryMarshal.GetArrayDataReference(w1), r2 = ref MemoryMarshal.GetArrayDataReference(w2);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        Vector256<double> Face(ref double a, int k) =>
            Vector256.Create(Unsafe.Add(ref a, q0 + k), Unsafe.Add(ref a, q1 + k), Unsafe.Add(ref a, q2 + k), Unsafe.Add(ref a, q3 + k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        Vector256<double> Cell(ref double a, int k) =>
            Vector256.Create(Unsafe.Add(ref a, o0 + k), Unsafe.Add(ref a, o1 + k), Unsafe.Add(ref a, o2 + k), Unsafe.Add(ref a, o3 + k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Put(ref double a, int k, Vector256<double> v)
        {
            Unsafe.Add(ref a, o0 + k) = v.GetElement(0); Unsafe.Add(ref a, o1 + k) = v.GetElement(1);
            Unsafe.Add(ref a, o2 + k) = v.GetElement(2); Unsafe.Add(ref a, o3 + k) = v.GetElement(3);
        }
        var one = Vector256.Create(1.0); var vc = Vector256.Create(c); var nc = Vector256.Create(-c);
        var diag0 = one + vc * (Face(ref rm, 0) + Face(ref rp, 1));
        var gamma = -diag0;
        var beta = nc * Face(ref rp, 0);
        var alpha = nc * Face(ref rm, ny);
        var prevC = Vector256<double>.Zero; var prevD = Vector256<double>.Zero; var prevU = Vector256<double>.Zero;
        var aPf = Face(ref rp, 0); var aMf = Face(ref rm, 0);
        int k = 0;
        if (!periodic && Avx.IsSupported)
        {
            // Tiles of four columns: each array's 4×4 tile loaded row by row and transposed in registers (instead of
            // sixteen scalar loads), the four columns stepped in order, the results transposed back and stored.
            for (; k + 4 <= ny; k += 4)
            {
                var (p0, p1, p2, p3) = Tile(ref rp, q0 + k + 1, q1 + k + 1, q2 + k + 1, q3 + k + 1); // faces k+1..k+4
                var (m0, m1, m2, m3) = Tile(ref rm, q0 + k + 1, q1 + k + 1, q2 + k + 1, q3 + k + 1);
                var (b0, b1, b2, b3) = Tile(ref rr, o0 + k, o1 + k, o2 + k, o3 + k);
                Forward(k == 0, k == ny - 1, aPf, aMf, p0, m0, b0, one, vc, nc, ref prevC, ref prevD);
                var (c0, d0) = (prevC, prevD);
                Forward(false, k + 1 == ny - 1, p0, m0, p1, m1, b1, one, vc, nc, ref prevC, ref prevD);
                var (c1, d1) = (prevC, prevD);
                Forward(false, k + 2 == ny - 1, p1, m1, p2, m2, b2, one, vc, nc, ref prevC, ref prevD);
                var (c2, d2) = (prevC, prevD);
                Forward(false, k + 3 == ny - 1, p2, m2, p3, m3, b3, one, vc, nc, ref prevC, ref prevD);
                aPf = p3; aMf = m3;
                StoreTile(ref r1, o0 + k, o1 + k, o2 + k, o3 + k, c0, c1, c2, prevC);
                StoreTile(ref rx, o0 + k, o1 + k, o2 + k, o3 + k, d0, d1, d2, prevD);
            }
        }
        for (; k < ny; k++)
        {
            var aPn = Face(ref rp, k + 1); var aMn = Face(ref rm, k + 1);
            var lower = k == 0 ? Vector256<double>.Zero : nc * aPf;
            var upper = k == ny - 1 ? Vector256<double>.Zero : nc * aMn;
            var diag = one + vc * (aMf + aPn);
            if (periodic)
            {
                if (k == 0) diag -= gamma;
                if (k == ny - 1) diag -= alpha * beta / gamma;
            }
            var m = diag - lower * prevC;
            var cp = upper / m;
            var dp = (Cell(ref rr, k) - lower * prevD) / m;
            Put(ref r1, k, cp);
            Put(ref rx, k, dp);
            prevC = cp; prevD = dp;
            if (periodic)
            {
                var u = k == 0 ? gamma : (k == ny - 1 ? alpha : Vector256<double>.Zero);
                var upv = (u - lower * prevU) / m;
                Put(ref r2, k, upv);
                prevU = upv;
            }
            aPf = aPn; aMf = aMn;
        }
        var xn = prevD; var un = prevU;
        // Back substitution: cells ny-2 down to the last tile boundary by gathers, then whole tiles (non-periodic).
        int tiles = !periodic && Avx.IsSupported ? (ny - 1) / 4 * 4 : 0;
        for (k = ny - 2; k >= tiles; k--)
        {
            var w = Cell(ref r1, k);
            xn = Cell(ref rx, k) - w * xn;
            Put(ref rx, k, xn);
            if (periodic)
            {
                un = Cell(ref r2, k) - w * un;
                Put(ref r2, k, un);
            }
        }
        for (k = tiles - 4; k >= 0; k -= 4)
        {
            var (w0, w1v, w2v, w3) = Tile(ref r1, o0 + k, o1 + k, o2 + k, o3 + k);
            var (x0, x1, x2, x3) = Tile(ref rx, o0 + k, o1 + k, o2 + k, o3 + k);
            x3 -= w3 * xn;
            x2 -= w2v * x3;
            x1 -= w1v * x2;
            x0 -= w0 * x1;
            xn = x0;
            StoreTile(ref rx, o0 + k, o1 + k, o2 + k, o3 + k, x0, x1, x2, x3);
        }
        if (!periodic) return;
        var factor = (Cell(ref rx, 0) + beta * Cell(ref rx, ny - 1) / gamma) / (one + Cell(ref r2, 0) + beta * Cell(ref r2, ny - 1) / gamma);
        for (k = 0; k < ny; k++) Put(ref rx, k, Cell(ref rx, k) - factor * Cell(ref r2, k));
    }

    // One forward-elimination step of TridiagonalKernels.SolveLine (non-periodic), in its operation order: face values
    // of the cell's lower (f) and upper (n) faces, the right-hand side; carries c' and d'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward(bool first, bool last, Vector256<double> aPf, Vector256<double> aMf, Vector256<double> aPn, Vector256<double> aMn,
        Vector256<double> rhs, Vector256<double> one, Vector256<double> vc, Vector256<double> nc, ref Vector256<double> prevC, ref Vector256<double> prevD)
    {
        var lower = first ? Vector256<double>.Zero : nc * aPf;
        var upper = last ? Vector256<double>.Zero : nc * aMn;
        var diag = one + vc * (aMf + aPn);
        var m = diag - lower * prevC;
        prevC = upper / m;
        prevD = (rhs - lower * prevD) / m;
    }

    // Four doubles at each of four offsets, transposed: element t of result r is a[offset_t + r].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>) Tile(ref double a, int s0, int s1, int s2, int s3)
    {
        var v0 = Vector256.LoadUnsafe(ref a, (nuint)s0); var v1 = Vector256.LoadUnsafe(ref a, (nuint)s1);
        var v2 = Vector256.LoadUnsafe(ref a, (nuint)s2); var v3 = Vector256.LoadUnsafe(ref a, (nuint)s3);
        return Transpose(v0, v1, v2, v3);
    }

    // The inverse of Tile: column vectors c0..c3 written back as four doubles at each offset.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreTile(ref double a, int s0, int s1, int s2, int s3, Vector256<double> c0, Vector256<double> c1, Vector256<double> c2, Vector256<double> c3)
    {
        var (v0, v1, v2, v3) = Transpose(c0, c1, c2, c3);
        v0.StoreUnsafe(ref a, (nuint)s0); v1.StoreUnsafe(ref a, (nuint)s1);
        v2.StoreUnsafe(ref a, (nuint)s2); v3.StoreUnsafe(ref a, (nuint)s3);
    }

    // 4×4 transpose of doubles (AVX unpack and 128-bit lane permute; moves values, so no rounding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>) Transpose(Vector256<double> r0, Vector256<double> r1,
        Vector256<double> r2, Vector256<double> r3)
    {
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        return (Avx.Permute2x128(t0, t2, 0x20), Avx.Permute2x128(t1, t3, 0x20), Avx.Permute2x128(t0, t2, 0x31), Avx.Permute2x128(t1, t3, 0x31));
    }

    // The cyclic system's corner terms of columns j..j+3 (TridiagonalKernels.SolveLine's gamma, beta, alpha).
    private static (Vector256<double> Gamma, Vector256<double> Beta, Vector256<double> Alpha) Corners(ref double rp, ref double rm, int j, int n, int ny,
        Vector256<double> one, Vector256<double> vc, Vector256<double> nc)
    {
        var diag0 = one + vc * (Vector256.LoadUnsafe(ref rm, (nuint)j) + Vector256.LoadUnsafe(ref rp, (nuint)(j + ny)));
        return (-diag0, nc * Vector256.LoadUnsafe(ref rp, (nuint)j), nc * Vector256.LoadUnsafe(ref rm, (nuint)(j + n * ny)));
    }

    // r = a·x + b·y elementwise (r may be x or y), Vector256 where available: VectorKernels.Combine's operations, so its
    // bits.
    internal static void CombineRow(double a, ReadOnlySpan<double> x, double b, ReadOnlySpan<double> y, Span<double> r)
    {
        if (x.Length < r.Length || y.Length < r.Length) throw new ArgumentException("x and y must be as long as r", nameof(r));
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a); var vb = Vector256.Create(b);
            ref double rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y), rr = ref MemoryMarshal.GetReference(r);
            for (; k <= r.Length - 4; k += 4)
                (va * Vector256.LoadUnsafe(ref rx, (nuint)k) + vb * Vector256.LoadUnsafe(ref ry, (nuint)k)).StoreUnsafe(ref rr, (nuint)k);
        }
        for (; k < r.Length; k++) r[k] = VectorKernels.Combine(a, x[k], b, y[k]);
    }

    // r = (aPi pl - (aMi + aPn) pc) + aMn pr, or r += that; Vector256 where available, same order as the scalar kernel.
    internal static void StencilRow(ReadOnlySpan<double> aPi, ReadOnlySpan<double> pl, ReadOnlySpan<double> aMi, ReadOnlySpan<double> aPn,
        ReadOnlySpan<double> pc, ReadOnlySpan<double> aMn, ReadOnlySpan<double> pr, Span<double> r, bool accumulate)
    {
        int n = r.Length, k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= n - 4; k += 4)
            {
                var v = Vector256.Create(aPi.Slice(k, 4)) * Vector256.Create(pl.Slice(k, 4))
                        - (Vector256.Create(aMi.Slice(k, 4)) + Vector256.Create(aPn.Slice(k, 4))) * Vector256.Create(pc.Slice(k, 4))
                        + Vector256.Create(aMn.Slice(k, 4)) * Vector256.Create(pr.Slice(k, 4));
                if (accumulate) v = Vector256.Create(r.Slice(k, 4)) + v;
                v.CopyTo(r.Slice(k, 4));
            }
        }
        for (; k < n; k++)
        {
            double v = StencilKernels.Formula(aPi[k], pl[k], aMi[k], aPn[k], pc[k], aMn[k], pr[k]);
            r[k] = accumulate ? r[k] + v : v;
        }
    }
}
