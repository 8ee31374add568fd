using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Overdamped Langevin dynamics towards a target π: f = ½ sigma² ∇ log π, g = sigma; π is stationary.</summary>
public sealed class LangevinProcess : Process
{
    /// <summary>Creates the process for a 1D target.</summary>
    /// <param name="target">Target density.</param>
    /// <param name="sigma">Noise amplitude, &gt; 0.</param>
    public LangevinProcess(IDensity1D target, double sigma)
    {
        Target1D = target ?? throw new ArgumentNullException(nameof(target));
        Sigma = Guard.Positive(sigma, nameof(sigma));
    }

    /// <summary>Creates the process for a 2D target.</summary>
    /// <param name="target">Target density.</param>
    /// <param name="sigma">Noise amplitude, &gt; 0.</param>
    public LangevinProcess(IDensity2D target, double sigma)
    {
        Target2D = target ?? throw new ArgumentNullException(nameof(target));
        Sigma = Guard.Positive(sigma, nameof(sigma));
    }

    /// <summary>1D target, or null.</summary>
    public IDensity1D? Target1D { get; }

    /// <summary>2D target, or null.</summary>
    public IDensity2D? Target2D { get; }

    /// <summary>Noise amplitude.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override string Kind => "langevin";

    /// <inheritdoc />
    public override bool IsTimeHomogeneous => true;

    /// <summary>The kernel functor: SG face drifts from differences of log π at cell centres, so that the
    /// discrete stationary state is exactly the normalised Gibbs density π(x_i).</summary>
    public GradientDrift FaceDrift => new(0.5 * Sigma * Sigma);

    /// <inheritdoc />
    /// <remarks>The per-cell values are log π at the cell centres.</remarks>
    public override TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Dimension == 1 && Target1D is { } t1) return user.Use1D(FaceDrift, t1.LogDensity);
        if (user.Dimension == 2 && Target2D is { } t2) return user.Use2D(FaceDrift, t2.LogDensity);
        throw new ArgumentException($"process '{Kind}' has no {user.Dimension}D form here (its target is {(Target1D is null ? 2 : 1)}D)", "process");
    }

    /// <inheritdoc />
    public override double G(double t) => Sigma;

    /// <inheritdoc />
    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f)
    {
        double c = 0.5 * Sigma * Sigma;
        if (Target1D is not null) { f[0] = c * Target1D.Score(x[0]); return; }
        var (sx, sy) = Target2D!.Score(x[0], x[1]);
        f[0] = c * sx; f[1] = c * sy;
    }
}
