using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>The managed backend's Vector256 paths, each in the same operation order as the scalar kernel it replaces, so
/// that both give the same bits.</summary>
internal static class ManagedSimd
{
    /// <summary>Columns per band of <see cref="SolveColumns"/>: two cache lines of each array per row, four independent
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
    // one row alone waits on the divider's latency; four rows side by side share it. Lanes are gathered from and
    // scattered to the four rows (each row is read sequentially, so the prefetcher still streams it).
    internal static void SolveRows(int ny, bool periodic, int i0, double c, double[] aP, double[] aM, double[] rhs,
        double[] x, double[] w1, double[] w2)
    {
        int o0 = i0 * ny, o1 = o0 + ny, o2 = o1 + ny, o3 = o2 + ny;
        int q0 = i0 * (ny + 1), q1 = q0 + ny + 1, q2 = q1 + ny + 1, q3 = q2 + ny + 1;
        if (i0 < 0 || (long)q3 + ny >= Math.Min(aP.Length, aM.Length) + 0L || (long)o3 + ny > Math.Min(Math.Min(rhs.Length, x.Length), Math.Min(w1.Length, w2.Length)))
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
        for (int k = 0; k < ny; k++)
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
        for (int k = ny - 2; k >= 0; k--)
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
        if (!periodic) return;
        var factor = (Cell(ref rx, 0) + beta * Cell(ref rx, ny - 1) / gamma) / (one + Cell(ref r2, 0) + beta * Cell(ref r2, ny - 1) / gamma);
        for (int k = 0; k < ny; k++) Put(ref rx, k, Cell(ref rx, k) - factor * Cell(ref r2, k));
    }

    // The cyclic system's corner terms of columns j..j+3 (TridiagonalKernels.SolveLine's gamma, beta, alpha).
    private static (Vector256<double> Gamma, Vector256<double> Beta, Vector256<double> Alpha) Corners(ref double rp, ref double rm, int j, int n, int ny,
        Vector256<double> one, Vector256<double> vc, Vector256<double> nc)
    {
        var diag0 = one + vc * (Vector256.LoadUnsafe(ref rm, (nuint)j) + Vector256.LoadUnsafe(ref rp, (nuint)(j + ny)));
        return (-diag0, nc * Vector256.LoadUnsafe(ref rp, (nuint)j), nc * Vector256.LoadUnsafe(ref rm, (nuint)(j + n * ny)));
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
