using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>Total variation on the equal-mass bins.</summary>
public sealed class BinnedTotalVariation : ISampleDistance
{
    /// <inheritdoc />
    public string? NameFor(int dimension) => "TV (binned)";

    /// <inheritdoc />
    public double Measure(DistanceInputs d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return BinnedComparison.TotalVariation(d.Counts, d.Probabilities);
    }
}
