using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>Shared validation of mixture weights.</summary>
internal static class MixtureChecks
{
    public static void Weights(IReadOnlyList<double> weights, out double[] normalised)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("weights must have at least one entry", nameof(weights));
        for (int k = 0; k < weights.Count; k++) Guard.Positive(weights[k], $"weights[{k}]");
        double sum = weights.Sum();
        normalised = weights.Select(w => w / sum).ToArray();
    }
}
