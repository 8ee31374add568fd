using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>W1 between the sample and the grid density: through the CDFs in 1D; sliced (32 directions) against an
/// independent grid sample of equal size in 2D.</summary>
public sealed class WassersteinDistance : ISampleDistance
{
    /// <inheritdoc />
    public string? NameFor(int dimension) => dimension == 1 ? "W1" : "sliced W1";

    /// <inheritdoc />
    public double Measure(DistanceInputs d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Reference1D is { } r) return Wasserstein.ToCdf(d.X, r.Cdf, r.Grid.Lower, r.Grid.Upper);
        if (!d.Finite) return double.PositiveInfinity;
        var (rx, ry) = d.Reference2D!.Sample(d.X.Length, d.Seed);
        return Wasserstein.Sliced(d.X, d.Y!, rx, ry);
    }
}
