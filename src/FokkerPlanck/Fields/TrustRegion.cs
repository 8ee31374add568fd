namespace FokkerPlanck.Fields;

/// <summary>
/// Where the grid density is too small for its logarithm to be trusted. The weight of a cell is
/// w = smoothstep((log10(p / max p) - log10(Floor)) / BlendDecades): 0 below Floor · max p, 1 above
/// Floor · 10^BlendDecades · max p, C¹ in between. Fields are w · (grid value) + (1 - w) · (fallback), the fallback
/// being the field of the Gaussian with the snapshot's mean and covariance, so every field is continuous.
/// A cell (or sample) is "trusted" when w = 1.
/// </summary>
public sealed record TrustRegion
{
    /// <summary>Relative density floor (default 1e-12 of the snapshot's maximum).</summary>
    public double Floor { get; init; } = 1e-12;

    /// <summary>Width of the blend above the floor, in decades of density (default 1).</summary>
    public double BlendDecades { get; init; } = 1.0;

    /// <summary>The blend weight of a density value.</summary>
    /// <param name="p">Density.</param>
    /// <param name="max">Maximum of the snapshot.</param>
    /// <returns>w in [0, 1].</returns>
    public double Weight(double p, double max)
    {
        if (!(p > 0) || !(max > 0)) return 0.0;
        double u = (Math.Log10(p / max) - Math.Log10(Floor)) / BlendDecades;
        if (u <= 0) return 0.0;
        if (u >= 1) return 1.0;
        return u * u * (3 - 2 * u);
    }

    /// <summary>Throws when out of range.</summary>
    public void Validate()
    {
        if (!(Floor > 0 && Floor < 1)) throw new ArgumentOutOfRangeException(nameof(Floor), Floor, $"trust floor must be in (0, 1) (got {Floor})");
        if (!(BlendDecades > 0 && double.IsFinite(BlendDecades)))
            throw new ArgumentOutOfRangeException(nameof(BlendDecades), BlendDecades, $"blend must be > 0 (got {BlendDecades})");
    }
}
