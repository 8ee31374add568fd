namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Solves (I - c A) x = rhs on one line, A the Scharfetter–Gummel operator of that line (an M-matrix, so the
/// Thomas algorithm needs no pivoting); the periodic (cyclic) case by Sherman–Morrison. Written here, not taken
/// from MathNet, because it must run inside kernels. rhs and x may be the same vector.
/// </summary>
public static class TridiagonalKernels
{
    /// <summary>Solve one line.</summary>
    /// <typeparam name="TVec">Element access.</typeparam>
    /// <param name="n">Cells in the line.</param>
    /// <param name="periodic">Cyclic system.</param>
    /// <param name="offset">Offset of cell 0.</param>
    /// <param name="stride">Cell stride.</param>
    /// <param name="fOffset">Offset of face 0.</param>
    /// <param name="fStride">Face stride.</param>
    /// <param name="c">Coefficient c ≥ 0 (dt/2 for Crank–Nicolson, dt for implicit Euler).</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="x">Solution.</param>
    /// <param name="w1">Scratch, same layout as x.</param>
    /// <param name="w2">Scratch (periodic only), same layout as x.</param>
    public static void SolveLine<TVec>(int n, bool periodic, int offset, int stride, int fOffset, int fStride, double c,
        TVec aP, TVec aM, TVec rhs, TVec x, TVec w1, TVec w2) where TVec : struct, IVec
    {
        double diag0 = 1.0 + c * (aM[fOffset] + aP[fOffset + fStride]);
        double gamma = -diag0;
        double beta = -c * aP[fOffset];                    // row 0, column n-1
        double alpha = -c * aM[fOffset + n * fStride];     // row n-1, column 0

        // Forward elimination; with periodic, the same factorisation also solves for u = (gamma, 0.., alpha).
        double prevC = 0.0, prevD = 0.0, prevU = 0.0;
        for (int i = 0; i < n; i++)
        {
            int f = fOffset + i * fStride, cell = offset + i * stride;
            double lower = i == 0 ? 0.0 : -c * aP[f];
            double upper = i == n - 1 ? 0.0 : -c * aM[f + fStride];
            double diag = 1.0 + c * (aM[f] + aP[f + fStride]);
            if (periodic)
            {
                if (i == 0) diag -= gamma;
                if (i == n - 1) diag -= alpha * beta / gamma;
            }
            double m = diag - lower * prevC;
            double cp = upper / m;
            double dp = (rhs[cell] - lower * prevD) / m;
            w1[cell] = cp;
            x[cell] = dp;
            prevC = cp; prevD = dp;
            if (periodic)
            {
                double u = i == 0 ? gamma : (i == n - 1 ? alpha : 0.0);
                double up = (u - lower * prevU) / m;
                w2[cell] = up;
                prevU = up;
            }
        }
        // Back substitution.
        for (int i = n - 2; i >= 0; i--)
        {
            int cell = offset + i * stride, next = cell + stride;
            x[cell] = x[cell] - w1[cell] * x[next];
            if (periodic) w2[cell] = w2[cell] - w1[cell] * w2[next];
        }
        if (periodic)
        {
            int last = offset + (n - 1) * stride;
            double factor = (x[offset] + beta * x[last] / gamma) / (1.0 + w2[offset] + beta * w2[last] / gamma);
            for (int i = 0; i < n; i++)
            {
                int cell = offset + i * stride;
                x[cell] = x[cell] - factor * w2[cell];
            }
        }
    }
}
