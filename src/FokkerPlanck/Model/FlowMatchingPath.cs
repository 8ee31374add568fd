using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// Flow-matching Gaussian probability path with Gaussian-mixture data (docs/conventions.md):
/// t runs from 0 (noise N(0, I)) to 1 (data), p_t(x | z) = N(alpha_t z, beta_t² I) with alpha_t = t, beta_t = 1 - t.
/// The marginal p_t is the data mixture evolved by (m, v) = (t, (1 - t)²); the marginal velocity is
/// u_t(x) = E[u_t(x | z) | X_t = x] = (E[z | x] - x) / (1 - t), finite for t &lt; 1.
/// </summary>
public sealed class FlowMatchingPath
{
    /// <summary>1D data.</summary>
    /// <param name="data">Data density (a Gaussian mixture).</param>
    public FlowMatchingPath(GaussianMixture1D data) { Data1D = data ?? throw new ArgumentNullException(nameof(data)); }

    /// <summary>2D data.</summary>
    /// <param name="data">Data density (a Gaussian mixture).</param>
    public FlowMatchingPath(GaussianMixture2D data) { Data2D = data ?? throw new ArgumentNullException(nameof(data)); }

    /// <summary>1D data, or null.</summary>
    public GaussianMixture1D? Data1D { get; }

    /// <summary>2D data, or null.</summary>
    public GaussianMixture2D? Data2D { get; }

    /// <summary>Exact marginal p_t in 1D.</summary>
    /// <param name="t">Time in [0, 1].</param>
    /// <returns>The mixture at t.</returns>
    public GaussianMixture1D Marginal1D(double t) => Data1D!.Evolve(t, (1 - t) * (1 - t));

    /// <summary>Exact marginal p_t in 2D.</summary>
    /// <param name="t">Time in [0, 1].</param>
    /// <returns>The mixture at t.</returns>
    public GaussianMixture2D Marginal2D(double t) => Data2D!.Evolve(t, (1 - t) * (1 - t));

    /// <summary>Marginal velocity u_t(x) in 1D.</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time in [0, 1).</param>
    /// <returns>u_t(x).</returns>
    public double Velocity(double x, double t)
    {
        var d = Data1D!;
        int n = d.Weights.Count;
        Span<double> logr = stackalloc double[n];
        Span<double> ez = stackalloc double[n];
        double b2 = (1 - t) * (1 - t);
        for (int k = 0; k < n; k++)
        {
            double mu = d.Means[k], s2 = d.Variances[k], c = t * t * s2 + b2, r = x - t * mu;
            logr[k] = Math.Log(d.Weights[k]) - 0.5 * Math.Log(c) - 0.5 * r * r / c;
            ez[k] = mu + t * s2 * r / c;
        }
        double lse = SpecialFunctions.LogSumExp(logr), e = 0;
        for (int k = 0; k < n; k++) e += Math.Exp(logr[k] - lse) * ez[k];
        return (e - x) / (1 - t);
    }

    /// <summary>Marginal velocity in 2D.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time in [0, 1).</param>
    /// <returns>(u_x, u_y).</returns>
    public (double X, double Y) Velocity(double x, double y, double t)
    {
        var d = Data2D!;
        var means = d.Means.ToArray();
        var covs = d.Covariances.ToArray();
        int n = means.Length;
        var logr = new double[n]; var ex = new double[n]; var ey = new double[n];
        double b2 = (1 - t) * (1 - t);
        for (int k = 0; k < n; k++)
        {
            var (mx, my) = means[k];
            var (a, b, c) = covs[k];
            // C = t² S + β² I; E[z | x] = μ + t S C⁻¹ (x - t μ).
            double ca = t * t * a + b2, cb = t * t * b, cc = t * t * c + b2, det = ca * cc - cb * cb;
            double rx = x - t * mx, ry = y - t * my;
            double qx = (cc * rx - cb * ry) / det, qy = (-cb * rx + ca * ry) / det;
            logr[k] = Math.Log(d.Weights[k]) - 0.5 * Math.Log(det) - 0.5 * (rx * qx + ry * qy);
            ex[k] = mx + t * (a * qx + b * qy);
            ey[k] = my + t * (b * qx + c * qy);
        }
        double lse = SpecialFunctions.LogSumExp(logr), sx = 0, sy = 0;
        for (int k = 0; k < n; k++) { double r = Math.Exp(logr[k] - lse); sx += r * ex[k]; sy += r * ey[k]; }
        return ((sx - x) / (1 - t), (sy - y) / (1 - t));
    }
}
