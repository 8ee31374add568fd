using FokkerPlanck.Numerics;
using Integrate = MathNet.Numerics.Integrate;

namespace FokkerPlanck.Model;

/// <summary>
/// Exact probability mass of a density outside an interval or rectangle, from the analytic density rather than from
/// any cell averages: CDF tails in 1D, and in 2D one adaptive Gauss–Kronrod integral over the standardized x-marginal
/// of the conditional-normal tail mass in y. The outside mass is computed directly (never as 1 − inside), so it keeps
/// its relative precision when it is tiny.
/// </summary>
public static class DomainMass
{
    // |z| beyond 12 standard deviations holds 3.6e-33 of a normal: far below any mass this is compared against.
    private const double ZCut = 12;

    // Relative accuracy asked of each Gauss–Kronrod integral: the results are compared with tolerances ≥ 1e-14
    // of the total mass, and each integral is itself a (small) part of that mass.
    private const double RelativeAccuracy = 1e-12;

    // Depth of the adaptive bisection: 2^20 pieces of the |z| ≤ 12 range are 2e-5 wide, finer than the breakpoint
    // ladder around any conditional step leaves unresolved.
    private const int MaxDepth = 20;

    // Offsets, in step widths, of the extra breakpoints around a conditional step (where the conditional mean crosses
    // an edge): the integrand changes over ±10 widths (Φ(-10) = 7.6e-24) and is flat beyond.
    private static readonly double[] StepLadder = [-10, -3, -1, 0, 1, 3, 10];

    /// <summary>P(X &lt; a) + P(X &gt; b) for a 1D density.</summary>
    /// <param name="density">Density.</param>
    /// <param name="a">Lower edge.</param>
    /// <param name="b">Upper edge.</param>
    /// <returns>The mass outside [a, b].</returns>
    public static double Outside(IDensity1D density, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(density);
        return density.Cdf(a) + Survival(density, b);
    }

    /// <summary>P(X &gt; x), accurate far in the upper tail for the mixtures (1 - F(x) elsewhere).</summary>
    /// <param name="density">Density.</param>
    /// <param name="x">Point.</param>
    /// <returns>The upper tail mass.</returns>
    public static double Survival(IDensity1D density, double x)
    {
        ArgumentNullException.ThrowIfNull(density);
        return density switch
        {
            // 1 - F(x) cancels to absolute round-off (1e-16); the mirrored density's CDF keeps relative precision.
            GaussianMixture1D g => new GaussianMixture1D(g.Weights, g.Means.Select(m => -m).ToArray(), g.Variances).Cdf(-x),
            LaplaceMixture1D l => new LaplaceMixture1D(l.Weights, l.Locations.Select(m => -m).ToArray(), l.Scales, l.GaussianVariance).Cdf(-x),
            _ => 1 - density.Cdf(x),
        };
    }

    /// <summary>Mass of a 2D density outside [xa, xb] × [ya, yb] (Gaussian mixtures and funnels).</summary>
    /// <param name="density">Density.</param>
    /// <param name="xa">Lower x edge.</param>
    /// <param name="xb">Upper x edge.</param>
    /// <param name="ya">Lower y edge.</param>
    /// <param name="yb">Upper y edge.</param>
    /// <returns>The mass outside the rectangle.</returns>
    public static double Outside(IDensity2D density, double xa, double xb, double ya, double yb) => density switch
    {
        GaussianMixture2D g => Enumerable.Range(0, g.Weights.Count).Sum(k => g.Weights[k] * ComponentOutside(g, k, xa, xb, ya, yb)),
        Funnel2D f => FunnelOutside(f, xa, xb, ya, yb),
        PiecewiseConstant2D c => Math.Max(0, 1 - c.CellAverage(xa, xb, ya, yb) * (xb - xa) * (yb - ya)),
        null => throw new ArgumentNullException(nameof(density)),
        _ => throw new ArgumentException($"no exact domain mass for {density.GetType().Name}", nameof(density)),
    };

    /// <summary>Mass of component k of a 2D Gaussian mixture (as a probability, weight not applied) outside the rectangle.</summary>
    /// <param name="g">Mixture.</param>
    /// <param name="k">Component index.</param>
    /// <param name="xa">Lower x edge.</param>
    /// <param name="xb">Upper x edge.</param>
    /// <param name="ya">Lower y edge.</param>
    /// <param name="yb">Upper y edge.</param>
    /// <returns>P(outside) under N(μ_k, S_k).</returns>
    public static double ComponentOutside(GaussianMixture2D g, int k, double xa, double xb, double ya, double yb)
    {
        ArgumentNullException.ThrowIfNull(g);
        var (mx, my) = g.Means.ElementAt(k);
        var (sxx, sxy, syy) = g.Covariances.ElementAt(k);
        double sx = Math.Sqrt(sxx), slope = sxy / sx, sc = Math.Sqrt(Math.Max(syy - sxy * sxy / sxx, 0));
        double za = (xa - mx) / sx, zb = (xb - mx) / sx;
        // x outside [xa, xb]: exact. x inside: y | x ~ N(my + slope z, sc²), tail mass below ya and above yb.
        double outside = SpecialFunctions.NormalCdf(za) + SpecialFunctions.NormalSurvival(zb);
        double lo = Math.Max(za, -ZCut), hi = Math.Min(zb, ZCut);
        if (!(hi > lo)) return outside;
        double Tails(double z)
        {
            double m = my + slope * z;
            return Phi(z) * (SpecialFunctions.NormalCdf((ya - m) / sc) + SpecialFunctions.NormalSurvival((yb - m) / sc));
        }
        var breaks = new List<double>();
        if (slope != 0)
        {
            double width = sc / Math.Abs(slope);
            foreach (double edge in new[] { ya, yb })
            {
                double zs = (edge - my) / slope;
                breaks.AddRange(StepLadder.Select(t => zs + t * width));
            }
        }
        return outside + Piecewise(Tails, lo, hi, breaks);
    }

    /// <summary>Two-sided tail P(|x| &gt; X) of the funnel's x-marginal.</summary>
    /// <param name="f">Funnel.</param>
    /// <param name="bound">X ≥ 0.</param>
    /// <returns>The tail mass.</returns>
    public static double FunnelXTails(Funnel2D f, double bound)
    {
        ArgumentNullException.ThrowIfNull(f);
        double Tail(double z) => Phi(z) * 2 * SpecialFunctions.NormalSurvival(bound / (f.A * Math.Exp(f.B * f.SigmaV * z)));
        return Piecewise(Tail, -ZCut, ZCut, [0]);
    }

    private static double FunnelOutside(Funnel2D f, double xa, double xb, double va, double vb)
    {
        double za = va / f.SigmaV, zb = vb / f.SigmaV;
        double outside = SpecialFunctions.NormalCdf(za) + SpecialFunctions.NormalSurvival(zb);
        double lo = Math.Max(za, -ZCut), hi = Math.Min(zb, ZCut);
        if (!(hi > lo)) return outside;
        double Tails(double z)
        {
            double sxv = f.A * Math.Exp(f.B * f.SigmaV * z);
            return Phi(z) * (SpecialFunctions.NormalCdf(xa / sxv) + SpecialFunctions.NormalSurvival(xb / sxv));
        }
        return outside + Piecewise(Tails, lo, hi, [0]);
    }

    // Σ of adaptive Gauss–Kronrod integrals over [lo, hi] split at the breakpoints inside it.
    private static double Piecewise(Func<double, double> f, double lo, double hi, IEnumerable<double> breaks)
    {
        var pts = breaks.Where(b => b > lo && b < hi).Append(lo).Append(hi).Distinct().Order().ToArray();
        double sum = 0;
        for (int i = 0; i + 1 < pts.Length; i++)
            sum += Integrate.GaussKronrod(f, pts[i], pts[i + 1], out _, out _, RelativeAccuracy, MaxDepth, 15);
        return sum;
    }

    private static double Phi(double z) => Math.Exp(-0.5 * z * z) / MathNet.Numerics.Constants.Sqrt2Pi;
}
