using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// Neal-type funnel on the plane, x horizontal, v vertical: v ~ N(0, sigmaV²), x | v ~ N(0, (a e^{b v})²).
/// Neal's funnel is sigmaV = 3, a = 1, b = ½; the built-in vp-funnel-2d uses sigmaV = 0.8, a = 0.2, b = 1.
/// </summary>
public sealed class Funnel2D : IDensity2D
{
    private const double LogSqrt2Pi = 0.91893853320467274178;
    private const int VPoints = 12;

    /// <summary>Creates the funnel.</summary>
    /// <param name="sigmaV">Standard deviation of v, &gt; 0.</param>
    /// <param name="a">Scale of x at v = 0, &gt; 0.</param>
    /// <param name="b">Rate at which log sd(x) grows with v (finite).</param>
    public Funnel2D(double sigmaV, double a, double b)
    {
        SigmaV = Guard.Positive(sigmaV, nameof(sigmaV));
        A = Guard.Positive(a, nameof(a));
        B = Guard.Finite(b, nameof(b));
    }

    /// <summary>Standard deviation of v.</summary>
    public double SigmaV { get; }

    /// <summary>Scale of x at v = 0.</summary>
    public double A { get; }

    /// <summary>Exponential rate in v of the x scale.</summary>
    public double B { get; }

    /// <inheritdoc />
    public double Density(double x, double v) => Math.Exp(LogDensity(x, v));

    /// <inheritdoc />
    public double LogDensity(double x, double v)
    {
        double logSx = Math.Log(A) + B * v, zx = x * Math.Exp(-logSx), zv = v / SigmaV;
        return -2 * LogSqrt2Pi - Math.Log(SigmaV) - logSx - 0.5 * (zx * zx + zv * zv);
    }

    /// <inheritdoc />
    public (double Sx, double Sy) Score(double x, double v)
    {
        double sx2 = A * A * Math.Exp(2 * B * v);
        return (-x / sx2, -v / (SigmaV * SigmaV) - B + B * x * x / sx2);
    }

    /// <inheritdoc />
    public double CellAverage(double xa, double xb, double va, double vb)
    {
        var (nodes, wts) = GaussLegendre.Rule(VPoints);
        double mid = 0.5 * (va + vb), half = 0.5 * (vb - va), acc = 0;
        for (int q = 0; q < nodes.Length; q++)
        {
            double vq = mid + half * nodes[q], zv = vq / SigmaV, sx = A * Math.Exp(B * vq);
            double phi = Math.Exp(-0.5 * zv * zv - LogSqrt2Pi) / SigmaV;
            acc += wts[q] * phi * SpecialFunctions.NormalInterval(xa / sx, xb / sx);
        }
        return acc * half / ((xb - xa) * (vb - va));
    }
}
