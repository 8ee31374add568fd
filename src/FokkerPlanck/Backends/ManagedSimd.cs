using System.Runtime.Intrinsics;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>The managed backend's Vector256 paths, each in the same operation order as the scalar kernel it replaces, so
/// that both give the same bits.</summary>
internal static class ManagedSimd
{
    // TridiagonalKernels.SolveLine for the four columns j..j+3 (cells and x faces both at i·ny + j), lane by lane.
    internal static void SolveColumns4(int n, bool periodic, int j, int ny, double c, double[] aP, double[] aM, double[] rhs,
        double[] x, double[] w1, double[] w2)
    {
        static Vector256<double> L(double[] a, int k) => Vector256.Create(a.AsSpan(k, 4));
        var one = Vector256.Create(1.0); var vc = Vector256.Create(c); var nc = Vector256.Create(-c);
        var diag0 = one + vc * (L(aM, j) + L(aP, j + ny));
        var gamma = -diag0;
        var beta = nc * L(aP, j);
        var alpha = nc * L(aM, j + n * ny);
        var prevC = Vector256<double>.Zero; var prevD = Vector256<double>.Zero; var prevU = Vector256<double>.Zero;
        for (int i = 0; i < n; i++)
        {
            int f = j + i * ny;
            var lower = i == 0 ? Vector256<double>.Zero : nc * L(aP, f);
            var upper = i == n - 1 ? Vector256<double>.Zero : nc * L(aM, f + ny);
            var diag = one + vc * (L(aM, f) + L(aP, f + ny));
            if (periodic)
            {
                if (i == 0) diag -= gamma;
                if (i == n - 1) diag -= alpha * beta / gamma;
            }
            var m = diag - lower * prevC;
            var cp = upper / m;
            var dp = (L(rhs, f) - lower * prevD) / m;
            cp.CopyTo(w1.AsSpan(f, 4));
            dp.CopyTo(x.AsSpan(f, 4));
            prevC = cp; prevD = dp;
            if (periodic)
            {
                var u = i == 0 ? gamma : (i == n - 1 ? alpha : Vector256<double>.Zero);
                var up = (u - lower * prevU) / m;
                up.CopyTo(w2.AsSpan(f, 4));
                prevU = up;
            }
        }
        for (int i = n - 2; i >= 0; i--)
        {
            int cell = j + i * ny, next = cell + ny;
            (L(x, cell) - L(w1, cell) * L(x, next)).CopyTo(x.AsSpan(cell, 4));
            if (periodic) (L(w2, cell) - L(w1, cell) * L(w2, next)).CopyTo(w2.AsSpan(cell, 4));
        }
        if (periodic)
        {
            int last = j + (n - 1) * ny;
            var factor = (L(x, j) + beta * L(x, last) / gamma) / (one + L(w2, j) + beta * L(w2, last) / gamma);
            for (int i = 0; i < n; i++)
            {
                int cell = j + i * ny;
                (L(x, cell) - factor * L(w2, cell)).CopyTo(x.AsSpan(cell, 4));
            }
        }
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
