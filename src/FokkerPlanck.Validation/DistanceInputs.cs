using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>What a distance metric gets for one sample at one time: the sample, the grid reference, the equal-mass bins
/// the tests already counted, and a seed for any independent reference sample it needs.</summary>
/// <param name="X">Sample, x.</param>
/// <param name="Y">Sample, y (2D), else null.</param>
/// <param name="Reference1D">The 1D grid reference, else null.</param>
/// <param name="Reference2D">The 2D grid reference, else null.</param>
/// <param name="Counts">Sample counts in the equal-mass bins (2D: the product bins, i·b + j).</param>
/// <param name="Probabilities">The reference's probabilities of those bins.</param>
/// <param name="Seed">Seed for independent reference samples.</param>
/// <param name="MmdPoints">Points per MMD subsample.</param>
/// <param name="Bandwidth">MMD kernel bandwidth (median heuristic on a reference sample).</param>
public sealed record DistanceInputs(double[] X, double[]? Y, GridReference1D? Reference1D, GridReference2D? Reference2D, long[] Counts,
    double[] Probabilities, ulong Seed, int MmdPoints, double Bandwidth)
{
    /// <summary>1 or 2.</summary>
    public int Dimension => Y is null ? 1 : 2;

    /// <summary>Whether every sample coordinate is finite (a distance of a sample that is not is +∞).</summary>
    public bool Finite => X.All(double.IsFinite) && (Y is null || Y.All(double.IsFinite));
}
