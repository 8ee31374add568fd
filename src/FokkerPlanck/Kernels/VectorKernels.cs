namespace FokkerPlanck.Kernels;

/// <summary>Elementwise formulas shared by the backends (one operation order everywhere).</summary>
public static class VectorKernels
{
    /// <summary>a x + b y.</summary>
    /// <param name="a">Factor of x.</param>
    /// <param name="x">x.</param>
    /// <param name="b">Factor of y.</param>
    /// <param name="y">y.</param>
    /// <returns>The combination.</returns>
    public static double Combine(double a, double x, double b, double y) => a * x + b * y;

    /// <summary>(a x + b y) + c z.</summary>
    /// <param name="a">Factor of x.</param>
    /// <param name="x">x.</param>
    /// <param name="b">Factor of y.</param>
    /// <param name="y">y.</param>
    /// <param name="c">Factor of z.</param>
    /// <param name="z">z.</param>
    /// <returns>The combination.</returns>
    public static double Combine3(double a, double x, double b, double y, double c, double z) => a * x + b * y + c * z;
}
