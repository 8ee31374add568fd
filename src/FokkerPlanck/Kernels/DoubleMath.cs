namespace FokkerPlanck.Kernels;

/// <summary>The functions of <see cref="Dual"/> on plain doubles, computing exactly what <see cref="Dual"/> computes for the
/// value (same operations, same bits): the value-only form of a compiled expression, which skips the derivative work.</summary>
public static class DoubleMath
{
    /// <summary>sin.</summary><param name="a">Argument.</param><returns>sin a.</returns>
    public static double Sin(double a) => Math.Sin(a);

    /// <summary>cos.</summary><param name="a">Argument.</param><returns>cos a.</returns>
    public static double Cos(double a) => Math.Cos(a);

    /// <summary>tan.</summary><param name="a">Argument.</param><returns>tan a.</returns>
    public static double Tan(double a) => Math.Tan(a);

    /// <summary>asin.</summary><param name="a">Argument.</param><returns>asin a.</returns>
    public static double Asin(double a) => Math.Asin(a);

    /// <summary>acos.</summary><param name="a">Argument.</param><returns>acos a.</returns>
    public static double Acos(double a) => Math.Acos(a);

    /// <summary>atan.</summary><param name="a">Argument.</param><returns>atan a.</returns>
    public static double Atan(double a) => Math.Atan(a);

    /// <summary>sinh.</summary><param name="a">Argument.</param><returns>sinh a.</returns>
    public static double Sinh(double a) => Math.Sinh(a);

    /// <summary>cosh.</summary><param name="a">Argument.</param><returns>cosh a.</returns>
    public static double Cosh(double a) => Math.Cosh(a);

    /// <summary>tanh.</summary><param name="a">Argument.</param><returns>tanh a.</returns>
    public static double Tanh(double a) => Math.Tanh(a);

    /// <summary>exp.</summary><param name="a">Argument.</param><returns>e^a.</returns>
    public static double Exp(double a) => Math.Exp(a);

    /// <summary>e^a - 1.</summary><param name="a">Argument.</param><returns>e^a - 1.</returns>
    public static double ExpM1(double a) => KernelMath.ExpM1(a);

    /// <summary>ln.</summary><param name="a">Argument.</param><returns>ln a.</returns>
    public static double Log(double a) => Math.Log(a);

    /// <summary>√.</summary><param name="a">Argument.</param><returns>√a.</returns>
    public static double Sqrt(double a) => Math.Sqrt(a);

    /// <summary>a^b.</summary><param name="a">Base.</param><param name="b">Exponent.</param><returns>a^b.</returns>
    public static double Pow(double a, double b) => Math.Pow(a, b);

    /// <summary>|a| as <see cref="Dual.Abs"/> computes it.</summary><param name="a">Argument.</param><returns>|a|.</returns>
    public static double Abs(double a) => a < 0 ? -a : a > 0 ? a : 0.0;

    /// <summary>min as <see cref="Dual.Min"/> picks it.</summary><param name="a">First.</param><param name="b">Second.</param><returns>min.</returns>
    public static double Min(double a, double b) => b < a ? b : a;

    /// <summary>max as <see cref="Dual.Max"/> picks it.</summary><param name="a">First.</param><param name="b">Second.</param><returns>max.</returns>
    public static double Max(double a, double b) => b > a ? b : a;
}
