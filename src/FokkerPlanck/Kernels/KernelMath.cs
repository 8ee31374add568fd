namespace FokkerPlanck.Kernels;

/// <summary>Scalar helpers that kernels need and that System.Math lacks in a form ILGPU compiles (no double.ExpM1).
/// Written here because they must run inside kernels.</summary>
public static class KernelMath
{
    /// <summary>e^x - 1 with full relative precision near 0: Taylor series to x^17 for |x| &lt; ½ (truncation below
    /// 1e-21 relative), exp(x) - 1 otherwise.</summary>
    public static double ExpM1(double x)
    {
        if (!(Math.Abs(x) < 0.5)) return Math.Exp(x) - 1.0;
        double term = x, sum = x;
        for (int k = 2; k <= 17; k++)
        {
            term *= x / k;
            sum += term;
        }
        return sum;
    }
}
