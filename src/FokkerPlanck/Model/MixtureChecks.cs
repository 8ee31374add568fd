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
        if (double.IsFinite(sum))
        {
            normalised = weights.Select(w => w / sum).ToArray();
            return;
        }
        // Weights near the double range (1e308) overflow the sum: scale by the largest first.
        double max = weights.Max();
        double scaled = weights.Sum(w => w / max);
        normalised = weights.Select(w => w / max / scaled).ToArray();
    }
}
