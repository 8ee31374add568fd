using System.Runtime.Intrinsics;
using FokkerPlanck.Backends;

namespace FokkerPlanck.RandomNumbers;

/// <summary>
/// The logarithm and the sine and cosine of a full turn that <see cref="IncrementBatch"/> needs for Box–Muller, in
/// Vector256 lanes, built only from IEEE-exact operations (+, -, ×, ÷ and bit operations; no fused multiply-add, no
/// library call), so that the bits are the same whichever code runs them: tier-0 or optimised JIT code, or the
/// precompiled (ReadyToRun) scalar fallbacks of the Vector256 operators.
/// <para>
/// Written by hand because it must be deterministic: <see cref="Vector256.SinCos(Vector256{double})"/> is not. Called from
/// tier-0 code it runs System.Private.CoreLib's ReadyToRun-precompiled body, which takes a different path from the body
/// the JIT compiles into optimised callers, and about one sine or cosine in 3000 differs by one ulp; which one a
/// particle got depended on when the caller tiered up. The polynomials are fdlibm's (Sun Microsystems,
/// <c>__ieee754_log</c>, <c>__kernel_sin</c>, <c>__kernel_cos</c>; error below 1 ulp), evaluated in a fixed order.
/// </para>
/// </summary>
internal static class FixedMath256
{
    // fdlibm e_log.c: ln 2 split so that k·Ln2Hi is exact, and the minimax coefficients of log((1+s)/(1-s)) = 2s + s·R(s²).
    private const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
        Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;

    // fdlibm k_sin.c and k_cos.c: minimax polynomials on [-π/4, π/4].
    private const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
        S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
        C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;

    private const double Two52 = 4503599627370496.0;
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>Natural logarithm of positive, finite, normal lanes (fdlibm <c>__ieee754_log</c>, without its special cases).</summary>
    /// <param name="x">Positive normal numbers (the Box–Muller uniforms lie in [2⁻⁵³, 1)).</param>
    /// <returns>ln x per lane.</returns>
    public static Vector256<double> Log(Vector256<double> x)
    {
        // x = 2^k m with m in [√2/2, √2): adding 1 - 0x3fe6a09e (in the high word) to the bits carries into the exponent
        // exactly when the mantissa is at least that of √2/2, which is then put back on the mantissa bits.
        var bits = x.AsUInt64() + Vector256.Create(0x0009_5F62_0000_0000UL);
        var biased = bits >>> 52; // k + 1023, below 2048
        var m = ((bits & Vector256.Create(0x000F_FFFF_FFFF_FFFFUL)) + Vector256.Create(0x3FE6_A09E_0000_0000UL)).AsDouble();
        var k = (biased | Vector256.Create(0x4330_0000_0000_0000UL)).AsDouble() - Vector256.Create(Two52 + 1023.0); // exact
        var f = m - Vector256.Create(1.0); // exact (Sterbenz)
        var hfsq = Vector256.Create(0.5) * f * f;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (Vector256.Create(Lg2) + w * (Vector256.Create(Lg4) + w * Vector256.Create(Lg6)));
        var t2 = z * (Vector256.Create(Lg1) + w * (Vector256.Create(Lg3) + w * (Vector256.Create(Lg5) + w * Vector256.Create(Lg7))));
        var r = t2 + t1;
        return k * Vector256.Create(Ln2Hi) - ((hfsq - (s * (hfsq + r) + k * Vector256.Create(Ln2Lo))) - f);
    }

    /// <summary>sin 2πu and cos 2πu for u in [0, 1] (multiples of 2⁻⁵³, as the Box–Muller uniforms are). The reduction is
    /// done on u, where it is exact: u = n/4 + r with |r| ≤ 1/8, then the fdlibm kernels at x = 2πr.</summary>
    /// <param name="u">Turns.</param>
    /// <returns>(sin 2πu, cos 2πu) per lane.</returns>
    public static (Vector256<double> Sin, Vector256<double> Cos) SinCosTurns(Vector256<double> u)
    {
        // n = round(4u) by the 2⁵² trick (4u ≤ 4, and no tie: 4u is an odd multiple of 2⁻⁵¹); its bits are the low
        // bits of the sum. u - n/4 is exact (both are multiples of 2⁻⁵³ and the difference is at most 1/8).
        var shifted = u * Vector256.Create(4.0) + Vector256.Create(Two52);
        var nd = shifted - Vector256.Create(Two52);
        var n = shifted.AsUInt64();
        var r = u - nd * Vector256.Create(0.25);
        var x = r * Vector256.Create(TwoPi);
        var z = x * x;

        // __kernel_sin(x, 0, 0) and __kernel_cos(x, 0).
        var v = z * x;
        var ps = Vector256.Create(S2) + z * (Vector256.Create(S3) + z * (Vector256.Create(S4) + z * (Vector256.Create(S5) + z * Vector256.Create(S6))));
        var sin = x + v * (Vector256.Create(S1) + z * ps);
        var w = z * z;
        var pc = z * (Vector256.Create(C1) + z * (Vector256.Create(C2) + z * Vector256.Create(C3)))
                 + w * w * (Vector256.Create(C4) + z * (Vector256.Create(C5) + z * Vector256.Create(C6)));
        var hz = Vector256.Create(0.5) * z;
        var one = Vector256.Create(1.0);
        var c = one - hz;
        var cos = c + (((one - c) - hz) + z * pc);

        // sin(x + nπ/2), cos(x + nπ/2): odd n swaps them; sin is negated for n mod 4 in {2, 3}, cos for n mod 4 in {1, 2}.
        var odd = Vector256.Equals(n & Vector256.Create(1UL), Vector256.Create(1UL)).AsDouble();
        var sinSign = ((n & Vector256.Create(2UL)) << 62).AsDouble();
        var cosSign = (((n + Vector256.Create(1UL)) & Vector256.Create(2UL)) << 62).AsDouble();
        var sOut = Vector256.ConditionalSelect(odd, cos, sin) ^ sinSign;
        var cOut = Vector256.ConditionalSelect(odd, sin, cos) ^ cosSign;
        return (sOut, cOut);
    }
}
