namespace FokkerPlanck.Kernels;

/// <summary>
/// A hyper-dual number V + A ε₁ + B ε₂ + AB ε₁ε₂ (ε₁² = ε₂² = 0): arithmetic on it carries two first derivatives and the
/// mixed second derivative exactly, so that a potential's gradient and Hessian (the drift −∇U and its Jacobian) come from
/// the user's expression without finite differences. Written here because it must run inside kernels (a readonly struct
/// of four doubles, static operators, no allocation). Every function is the chain rule f(a) = f(v) + f'(v) (A ε₁ + B ε₂)
/// + (f''(v) A B + f'(v) AB) ε₁ε₂ with f, f' and f'' written out.
/// </summary>
public readonly struct HyperDual
{
    /// <summary>Creates the number.</summary>
    /// <param name="v">Value.</param>
    /// <param name="a">ε₁ part.</param>
    /// <param name="b">ε₂ part.</param>
    /// <param name="ab">ε₁ε₂ part.</param>
    public HyperDual(double v, double a, double b, double ab) { V = v; A = a; B = b; AB = ab; }

    /// <summary>The value.</summary>
    public double V { get; }

    /// <summary>The derivative along the first direction.</summary>
    public double A { get; }

    /// <summary>The derivative along the second direction.</summary>
    public double B { get; }

    /// <summary>The mixed second derivative.</summary>
    public double AB { get; }

    /// <summary>A variable seeded in the given directions (1 or 0 each).</summary>
    /// <param name="x">The point.</param>
    /// <param name="a">Seed of the first direction.</param>
    /// <param name="b">Seed of the second direction.</param>
    /// <returns>x + a ε₁ + b ε₂.</returns>
    public static HyperDual Variable(double x, double a, double b) => new(x, a, b, 0.0);

    /// <summary>A constant.</summary>
    /// <param name="c">The constant.</param>
    public static implicit operator HyperDual(double c) => new(c, 0.0, 0.0, 0.0);

    /// <summary>Sum.</summary>
    /// <param name="x">Left.</param>
    /// <param name="y">Right.</param>
    /// <returns>x + y.</returns>
    public static HyperDual operator +(HyperDual x, HyperDual y) => new(x.V + y.V, x.A + y.A, x.B + y.B, x.AB + y.AB);

    /// <summary>Difference.</summary>
    /// <param name="x">Left.</param>
    /// <param name="y">Right.</param>
    /// <returns>x − y.</returns>
    public static HyperDual operator -(HyperDual x, HyperDual y) => new(x.V - y.V, x.A - y.A, x.B - y.B, x.AB - y.AB);

    /// <summary>Product.</summary>
    /// <param name="x">Left.</param>
    /// <param name="y">Right.</param>
    /// <returns>x y.</returns>
    public static HyperDual operator *(HyperDual x, HyperDual y) =>
        new(x.V * y.V, x.A * y.V + x.V * y.A, x.B * y.V + x.V * y.B, x.AB * y.V + x.A * y.B + x.B * y.A + x.V * y.AB);

    /// <summary>Quotient.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    /// <returns>x / y.</returns>
    public static HyperDual operator /(HyperDual x, HyperDual y)
    {
        double inv = 1.0 / y.V;
        return x * Chain(y, inv, -inv * inv, 2 * inv * inv * inv);
    }

    /// <summary>Negation.</summary>
    /// <param name="x">Operand.</param>
    /// <returns>−x.</returns>
    public static HyperDual operator -(HyperDual x) => new(-x.V, -x.A, -x.B, -x.AB);

    /// <summary>Identity.</summary>
    /// <param name="x">Operand.</param>
    /// <returns>x.</returns>
    public static HyperDual operator +(HyperDual x) => x;

    // f(x) from f(v), f'(v), f''(v). A constant argument stays constant (its derivative parts are 0, also where f' or f''
    // is infinite or NaN).
    private static HyperDual Chain(HyperDual x, double f, double f1, double f2) =>
        x.A == 0 && x.B == 0 && x.AB == 0 ? new(f, 0.0, 0.0, 0.0) : new(f, f1 * x.A, f1 * x.B, f2 * x.A * x.B + f1 * x.AB);

    /// <summary>sin.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>sin x.</returns>
    public static HyperDual Sin(HyperDual x)
    {
        double s = Math.Sin(x.V);
        return Chain(x, s, Math.Cos(x.V), -s);
    }

    /// <summary>cos.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>cos x.</returns>
    public static HyperDual Cos(HyperDual x)
    {
        double c = Math.Cos(x.V);
        return Chain(x, c, -Math.Sin(x.V), -c);
    }

    /// <summary>tan.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>tan x.</returns>
    public static HyperDual Tan(HyperDual x)
    {
        double t = Math.Tan(x.V), d = 1 + t * t;
        return Chain(x, t, d, 2 * t * d);
    }

    /// <summary>asin.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>asin x.</returns>
    public static HyperDual Asin(HyperDual x)
    {
        double r = 1 / Math.Sqrt(1 - x.V * x.V);
        return Chain(x, Math.Asin(x.V), r, x.V * r * r * r);
    }

    /// <summary>acos.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>acos x.</returns>
    public static HyperDual Acos(HyperDual x)
    {
        double r = 1 / Math.Sqrt(1 - x.V * x.V);
        return Chain(x, Math.Acos(x.V), -r, -x.V * r * r * r);
    }

    /// <summary>atan.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>atan x.</returns>
    public static HyperDual Atan(HyperDual x)
    {
        double r = 1 / (1 + x.V * x.V);
        return Chain(x, Math.Atan(x.V), r, -2 * x.V * r * r);
    }

    /// <summary>sinh.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>sinh x.</returns>
    public static HyperDual Sinh(HyperDual x)
    {
        double s = Math.Sinh(x.V);
        return Chain(x, s, Math.Cosh(x.V), s);
    }

    /// <summary>cosh.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>cosh x.</returns>
    public static HyperDual Cosh(HyperDual x)
    {
        double c = Math.Cosh(x.V);
        return Chain(x, c, Math.Sinh(x.V), c);
    }

    /// <summary>tanh.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>tanh x.</returns>
    public static HyperDual Tanh(HyperDual x)
    {
        double t = Math.Tanh(x.V), d = 1 - t * t;
        return Chain(x, t, d, -2 * t * d);
    }

    /// <summary>exp.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>e^x.</returns>
    public static HyperDual Exp(HyperDual x)
    {
        double e = Math.Exp(x.V);
        return Chain(x, e, e, e);
    }

    /// <summary>e^x − 1.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>expm1 x.</returns>
    public static HyperDual ExpM1(HyperDual x)
    {
        double e = Math.Exp(x.V);
        return Chain(x, KernelMath.ExpM1(x.V), e, e);
    }

    /// <summary>Natural logarithm.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>ln x.</returns>
    public static HyperDual Log(HyperDual x)
    {
        double r = 1 / x.V;
        return Chain(x, Math.Log(x.V), r, -r * r);
    }

    /// <summary>Square root.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>√x.</returns>
    public static HyperDual Sqrt(HyperDual x)
    {
        double s = Math.Sqrt(x.V);
        return Chain(x, s, 0.5 / s, -0.25 / (s * x.V));
    }

    /// <summary>Power.</summary>
    /// <param name="x">Base.</param>
    /// <param name="y">Exponent.</param>
    /// <returns>x^y.</returns>
    public static HyperDual Pow(HyperDual x, HyperDual y)
    {
        if (y.A == 0 && y.B == 0 && y.AB == 0)
        {
            // A constant exponent: b x^(b−1) and b (b−1) x^(b−2), which stay finite at x = 0 for integer b ≥ 2.
            double b = y.V;
            double f1 = b == 0 ? 0.0 : b * Math.Pow(x.V, b - 1), f2 = b == 0 || b == 1 ? 0.0 : b * (b - 1) * Math.Pow(x.V, b - 2);
            return Chain(x, Math.Pow(x.V, b), f1, f2);
        }
        return Exp(y * Log(x));
    }

    /// <summary>Absolute value (derivatives 0 at 0).</summary>
    /// <param name="x">Argument.</param>
    /// <returns>|x|.</returns>
    public static HyperDual Abs(HyperDual x) => x.V < 0 ? -x : x.V > 0 ? x : new(0.0, 0.0, 0.0, 0.0);

    /// <summary>Minimum (the smaller operand, with its derivatives).</summary>
    /// <param name="x">First.</param>
    /// <param name="y">Second.</param>
    /// <returns>min.</returns>
    public static HyperDual Min(HyperDual x, HyperDual y) => y.V < x.V ? y : x;

    /// <summary>Maximum.</summary>
    /// <param name="x">First.</param>
    /// <param name="y">Second.</param>
    /// <returns>max.</returns>
    public static HyperDual Max(HyperDual x, HyperDual y) => y.V > x.V ? y : x;
}
