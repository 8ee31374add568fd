using System.Runtime.Intrinsics;
using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.RandomNumbers;

/// <summary>The hand-written vector log and sin/cos of the Box–Muller increments against <see cref="Math"/>.</summary>
public class FixedMath256Tests(ITestOutputHelper log)
{
    // Uniforms as Philox.Uniform makes them, (k + ½) 2⁻⁵²: random ones, both ends, and the quadrant edges 1/8, 3/8, ...
    // where the reduction u - n/4 changes n.
    private static List<double> Uniforms()
    {
        var rng = new Random(20260);
        var u = new List<double>();
        for (int i = 0; i < 200_000; i++) u.Add(((ulong)rng.NextInt64(1L << 52) + 0.5) / 4503599627370496.0);
        foreach (ulong k in new ulong[] { 0, 1, 2, (1UL << 52) - 1, (1UL << 52) - 2, 1UL << 51, (1UL << 51) - 1 })
            u.Add((k + 0.5) / 4503599627370496.0);
        for (long q = 1; q < 8; q += 2)
            for (long d = -3; d <= 2; d++) u.Add(((q << 49) + d + 0.5) / 4503599627370496.0);
        while (u.Count % 4 != 0) u.Add(0.5 / 4503599627370496.0);
        return u;
    }

    private static double Ulps(double got, double want) => Math.Abs(got - want) / Math.Max(Math.BitIncrement(Math.Abs(want)) - Math.Abs(want), double.Epsilon);

    [Fact]
    public void LogIsWithinAnUlpOrTwoOfMathLog()
    {
        var u = Uniforms();
        double worst = 0;
        for (int i = 0; i < u.Count; i += 4)
        {
            var v = FixedMath256.Log(Vector256.Create(u[i], u[i + 1], u[i + 2], u[i + 3]));
            for (int k = 0; k < 4; k++)
            {
                double e = Ulps(v[k], Math.Log(u[i + k]));
                worst = Math.Max(worst, e);
                Assert.True(e <= 2, $"log {u[i + k]:R}: {v[k]:R} vs {Math.Log(u[i + k]):R}");
            }
        }
        log.WriteLine($"worst log error {worst:F2} ulp");
    }

    [Fact]
    public void SinCosOfTurnsIsWithinRoundingOfMath()
    {
        // Math.Sin(2π u) sees 2πu rounded (up to 2⁻⁵³·2π ≈ 7e-16 off), the vector path reduces u exactly: compare
        // absolutely at 2e-16 (a wrong quadrant or sign is O(1)), and against the exactly reduced angle in ulps.
        var u = Uniforms();
        double worstAbs = 0;
        for (int i = 0; i < u.Count; i += 4)
        {
            var (s, c) = FixedMath256.SinCosTurns(Vector256.Create(u[i], u[i + 1], u[i + 2], u[i + 3]));
            for (int k = 0; k < 4; k++)
            {
                double x = u[i + k], n = Math.Round(4 * x), a = 2 * Math.PI * (x - n / 4);
                double ws = n % 2 == 0 ? Math.Sin(a) : Math.Cos(a), wc = n % 2 == 0 ? Math.Cos(a) : -Math.Sin(a);
                if (n % 4 >= 2) { ws = -ws; wc = -wc; }
                double ds = Math.Abs(s[k] - Math.Sin(2 * Math.PI * x)), dc = Math.Abs(c[k] - Math.Cos(2 * Math.PI * x));
                worstAbs = Math.Max(worstAbs, Math.Max(ds, dc));
                Assert.True(ds <= 1e-15 && dc <= 1e-15, $"u {x:R}: ({s[k]:R}, {c[k]:R}) vs Math ({Math.Sin(2 * Math.PI * x):R}, {Math.Cos(2 * Math.PI * x):R})");
                Assert.True(Ulps(s[k], ws) <= 2 && Ulps(c[k], wc) <= 2, $"u {x:R}: ({s[k]:R}, {c[k]:R}) vs reduced ({ws:R}, {wc:R})");
            }
        }
        log.WriteLine($"worst |Δ| against Math.Sin/Cos(2πu): {worstAbs:E2}");
    }
}
