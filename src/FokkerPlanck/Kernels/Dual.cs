namespace FokkerPlanck.Kernels;

/// <summary>
/// A forward-mode dual number V + D ε (ε² = 0): arithmetic on it carries one exact derivative along with the value. The
/// code compiled from a scenario's expressions evaluates on it, so that a schedule's a = m'/m and g² = v' - 2 a v come
/// from the user's α and σ exactly, without finite differences. Written here because it must run inside kernels (a
/// readonly struct of two doubles, static operators, no allocation); the value part is computed by the same operations a
/// plain double evaluation would do, so it has the same bits.
/// </summary>
public readonly struct Dual
{
    /// <summary>Creates V + D ε.</summary>
    /// <param name="value">The value.</param>
    /// <param name="derivative">The derivative.</param>
    public Dual(double value, double derivative) { V = value; D = derivative; }

    /// <summary>The value.</summary>
    public double V { get; }

    /// <summary>The derivative.</summary>
    public double D { get; }

    /// <summary>The independent variable at x (derivative 1).</summary>
    /// <param name="x">The point.</param>
    /// <returns>x + ε.</returns>
    public static Dual Variable(double x) => new(x, 1.0);

    /// <summary>A constant (derivative 0).</summary>
    /// <param name="c">The constant.</param>
    public static implicit operator Dual(double c) => new(c, 0.0);

    /// <summary>Sum.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a + b.</returns>
    public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, a.D + b.D);

    /// <summary>Difference.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a - b.</returns>
    public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, a.D - b.D);

    /// <summary>Product.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a b.</returns>
    public static Dual operator *(Dual a, Dual b) => new(a.V * b.V, a.D * b.V + a.V * b.D);

    /// <summary>Quotient.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    /// <returns>a / b.</returns>
    public static Dual operator /(Dual a, Dual b) => new(a.V / b.V, (a.D * b.V - a.V * b.D) / (b.V * b.V));

    /// <summary>Negation.</summary>
    /// <param name="a">Operand.</param>
    /// <returns>-a.</returns>
    public static Dual operator -(Dual a) => new(-a.V, -a.D);

    /// <summary>Identity.</summary>
    /// <param name="a">Operand.</param>
    /// <returns>a.</returns>
    public static Dual operator +(Dual a) => a;

    /// <summary>sin.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>sin a.</returns>
    public static Dual Sin(Dual a) => new(Math.Sin(a.V), Math.Cos(a.V) * a.D);

    /// <summary>cos.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>cos a.</returns>
    public static Dual Cos(Dual a) => new(Math.Cos(a.V), -Math.Sin(a.V) * a.D);

    /// <summary>tan.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>tan a.</returns>
    public static Dual Tan(Dual a)
    {
        double v = Math.Tan(a.V);
        return new(v, (1 + v * v) * a.D);
    }

    /// <summary>asin.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>asin a.</returns>
    public static Dual Asin(Dual a) => new(Math.Asin(a.V), a.D / Math.Sqrt(1 - a.V * a.V));

    /// <summary>acos.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>acos a.</returns>
    public static Dual Acos(Dual a) => new(Math.Acos(a.V), -a.D / Math.Sqrt(1 - a.V * a.V));

    /// <summary>atan.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>atan a.</returns>
    public static Dual Atan(Dual a) => new(Math.Atan(a.V), a.D / (1 + a.V * a.V));

    /// <summary>sinh.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>sinh a.</returns>
    public static Dual Sinh(Dual a) => new(Math.Sinh(a.V), Math.Cosh(a.V) * a.D);

    /// <summary>cosh.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>cosh a.</returns>
    public static Dual Cosh(Dual a) => new(Math.Cosh(a.V), Math.Sinh(a.V) * a.D);

    /// <summary>tanh.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>tanh a.</returns>
    public static Dual Tanh(Dual a)
    {
        double v = Math.Tanh(a.V);
        return new(v, (1 - v * v) * a.D);
    }

    /// <summary>exp.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>e^a.</returns>
    public static Dual Exp(Dual a)
    {
        double v = Math.Exp(a.V);
        return new(v, v * a.D);
    }

    /// <summary>e^a - 1, accurate near 0.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>e^a - 1.</returns>
    public static Dual ExpM1(Dual a) => new(KernelMath.ExpM1(a.V), Math.Exp(a.V) * a.D);

    /// <summary>Natural logarithm.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>ln a.</returns>
    public static Dual Log(Dual a) => new(Math.Log(a.V), a.D / a.V);

    /// <summary>Square root.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>√a.</returns>
    public static Dual Sqrt(Dual a)
    {
        double v = Math.Sqrt(a.V);
        // A constant argument has derivative 0, also at 0 (where 0.5 · 0 / 0 would be NaN).
        return new(v, a.D == 0 ? 0.0 : 0.5 * a.D / v);
    }

    /// <summary>a^b.</summary>
    /// <param name="a">Base.</param>
    /// <param name="b">Exponent.</param>
    /// <returns>a^b (derivative b a^{b-1} a' + a^b ln a · b', each term only where its factor a' or b' is not 0).</returns>
    public static Dual Pow(Dual a, Dual b)
    {
        double v = Math.Pow(a.V, b.V);
        double d = b.V == 0 || a.D == 0 ? 0.0 : b.V * Math.Pow(a.V, b.V - 1) * a.D;
        if (b.D != 0) d += v * Math.Log(a.V) * b.D;
        return new(v, d);
    }

    /// <summary>|a| (derivative sign(a) a'; 0 at 0).</summary>
    /// <param name="a">Argument.</param>
    /// <returns>|a|.</returns>
    public static Dual Abs(Dual a) => a.V < 0 ? -a : a.V > 0 ? a : new(0.0, 0.0);

    /// <summary>The smaller of two (its derivative).</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>min(a, b).</returns>
    public static Dual Min(Dual a, Dual b) => b.V < a.V ? b : a;

    /// <summary>The larger of two (its derivative).</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>max(a, b).</returns>
    public static Dual Max(Dual a, Dual b) => b.V > a.V ? b : a;
}
