using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>Kullback–Leibler divergence of the binned sample from the binned reference.</summary>
public sealed class BinnedKullbackLeibler : ISampleDistance
{
    /// <inheritdoc />
    public string? NameFor(int dimension) => "KL (binned)";

    /// <inheritdoc />
    public double Measure(DistanceInputs d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return BinnedComparison.KullbackLeibler(d.Counts, d.Probabilities);
    }
}
