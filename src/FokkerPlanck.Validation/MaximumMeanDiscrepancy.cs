using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>Unbiased MMD² (Gaussian kernel, median-heuristic bandwidth) between m-point subsamples of the sample and an
/// independent grid sample.</summary>
public sealed class MaximumMeanDiscrepancy : ISampleDistance
{
    // The 2D reference subsample's seed offset: independent of the sliced-W1 sample drawn with the same seed.
    private const ulong Stream2D = 0x9E37;

    /// <inheritdoc />
    public string? NameFor(int dimension) => "MMD²";

    /// <inheritdoc />
    public double Measure(DistanceInputs d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Reference1D is { } r)
        {
            var refm = r.Sample(d.MmdPoints, d.Seed);
            var zeros = new double[d.MmdPoints];
            return d.Finite ? Mmd.Squared(d.X.Take(d.MmdPoints).ToArray(), zeros, refm, zeros, d.Bandwidth) : double.PositiveInfinity;
        }
        var (mx, my) = d.Reference2D!.Sample(d.MmdPoints, d.Seed + Stream2D);
        return d.Finite ? Mmd.Squared(d.X.Take(d.MmdPoints).ToArray(), d.Y!.Take(d.MmdPoints).ToArray(), mx, my, d.Bandwidth) : double.PositiveInfinity;
    }
}
