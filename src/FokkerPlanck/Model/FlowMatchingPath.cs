using FokkerPlanck.Kernels;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// Flow-matching Gaussian probability path with Gaussian-mixture data (docs/conventions.md):
/// t runs from 0 (noise N(0, I)) to 1 (data), p_t(x | z) = N(alpha_t z, sigma_t² I), by default alpha_t = t,
/// sigma_t = 1 - t (<see cref="RectifiedFlowPath"/>), or any affine path (<see cref="IFlowPath"/>). The marginal p_t is the
/// data mixture evolved by (m, v) = (alpha_t, sigma_t²); the marginal velocity is
/// u_t(x) = E[u_t(x | z) | X_t = x] = A x + B E[z | x], A = sigma'/sigma, B = alpha' - alpha A (by default
/// (E[z | x] - x) / (1 - t), finite for t &lt; 1).
/// </summary>
public sealed class FlowMatchingPath
{
    /// <summary>1D data.</summary>
    /// <param name="data">Data density (a Gaussian mixture).</param>
    public FlowMatchingPath(GaussianMixture1D data) : this(data, null) { }

    /// <summary>A 1D mixture along a path given by <paramref name="path"/> (null: the built-in α = t, σ = 1 − t).</summary>
    /// <param name="data">The data at t = 1.</param>
    /// <param name="path">The path functor.</param>
    /// <param name="description">How the path was given (for the recorded scenario), or null.</param>
    public FlowMatchingPath(GaussianMixture1D data, IFlowPath? path, string? description = null)
    {
        Data1D = data ?? throw new ArgumentNullException(nameof(data));
        (Path, _box, Description) = Box(path, description);
    }

    /// <summary>2D data.</summary>
    /// <param name="data">Data density (a Gaussian mixture).</param>
    public FlowMatchingPath(GaussianMixture2D data) : this(data, null) { }

    /// <summary>A 2D mixture along a path given by <paramref name="path"/> (null: the built-in one).</summary>
    /// <param name="data">The data at t = 1.</param>
    /// <param name="path">The path functor.</param>
    /// <param name="description">How the path was given, or null.</param>
    public FlowMatchingPath(GaussianMixture2D data, IFlowPath? path, string? description = null)
    {
        Data2D = data ?? throw new ArgumentNullException(nameof(data));
        (Path, _box, Description) = Box(path, description);
    }

    /// <summary>The path functor (<see cref="RectifiedFlowPath"/> unless the scenario gave alpha and sigma).</summary>
    public IFlowPath Path { get; }

    /// <summary>How the path was given ("alpha = …, sigma = …"), or "rectified (alpha = t, sigma = 1 - t)".</summary>
    public string Description { get; }

    /// <summary>Hands <paramref name="user"/> the path as its struct type (for kernels).</summary>
    /// <typeparam name="TResult">What the user returns.</typeparam>
    /// <param name="user">The user.</param>
    /// <returns>Its result.</returns>
    public TResult UsePath<TResult>(IFlowPathUser<TResult> user) => _box.Use(user);

    private readonly PathBox _box;

    private static (IFlowPath, PathBox, string) Box(IFlowPath? path, string? description)
    {
        path ??= default(RectifiedFlowPath);
        if (!path.GetType().IsValueType) throw new ArgumentException("the path must be a struct (it runs in kernels)", nameof(path));
        var box = (PathBox)Activator.CreateInstance(typeof(PathBox<>).MakeGenericType(path.GetType()), path)!;
        return (path, box, description ?? "rectified (alpha = t, sigma = 1 - t)");
    }

    private abstract class PathBox
    {
        public abstract TResult Use<TResult>(IFlowPathUser<TResult> user);
    }

    private sealed class PathBox<TPath>(TPath path) : PathBox where TPath : struct, IFlowPath
    {
        public override TResult Use<TResult>(IFlowPathUser<TResult> user) => user.Use(path);
    }

    /// <summary>1D data, or null.</summary>
    public GaussianMixture1D? Data1D { get; }

    /// <summary>2D data, or null.</summary>
    public GaussianMixture2D? Data2D { get; }

    /// <summary>Exact marginal p_t in 1D.</summary>
    /// <param name="t">Time in [0, 1].</param>
    /// <returns>The mixture at t.</returns>
    public GaussianMixture1D Marginal1D(double t) => Data1D!.Evolve(Path.Alpha(t), Path.Variance(t));

    /// <summary>Exact marginal p_t in 2D.</summary>
    /// <param name="t">Time in [0, 1].</param>
    /// <returns>The mixture at t.</returns>
    public GaussianMixture2D Marginal2D(double t) => Data2D!.Evolve(Path.Alpha(t), Path.Variance(t));

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
        double b2 = Path.Variance(t), al = Path.Alpha(t);
        for (int k = 0; k < n; k++)
        {
            double mu = d.Means[k], s2 = d.Variances[k], c = al * al * s2 + b2, r = x - al * mu;
            logr[k] = Math.Log(d.Weights[k]) - 0.5 * Math.Log(c) - 0.5 * r * r / c;
            ez[k] = mu + al * s2 * r / c;
        }
        double lse = SpecialFunctions.LogSumExp(logr), e = 0;
        for (int k = 0; k < n; k++) e += Math.Exp(logr[k] - lse) * ez[k];
        return Path.Velocity(t, x, e);
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
        double b2 = Path.Variance(t), al = Path.Alpha(t);
        for (int k = 0; k < n; k++)
        {
            var (mx, my) = means[k];
            var (a, b, c) = covs[k];
            // C = α² S + σ² I; E[z | x] = μ + α S C⁻¹ (x - α μ).
            double ca = al * al * a + b2, cb = al * al * b, cc = al * al * c + b2, det = ca * cc - cb * cb;
            double rx = x - al * mx, ry = y - al * my;
            double qx = (cc * rx - cb * ry) / det, qy = (-cb * rx + ca * ry) / det;
            logr[k] = Math.Log(d.Weights[k]) - 0.5 * Math.Log(det) - 0.5 * (rx * qx + ry * qy);
            ex[k] = mx + al * (a * qx + b * qy);
            ey[k] = my + al * (b * qx + c * qy);
        }
        double lse = SpecialFunctions.LogSumExp(logr), sx = 0, sy = 0;
        for (int k = 0; k < n; k++) { double r = Math.Exp(logr[k] - lse); sx += r * ex[k]; sy += r * ey[k]; }
        return (Path.Velocity(t, x, sx), Path.Velocity(t, y, sy));
    }
}
