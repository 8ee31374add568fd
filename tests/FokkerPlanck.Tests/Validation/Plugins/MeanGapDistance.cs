using System.Runtime.CompilerServices;
using FokkerPlanck.Validation;

namespace FokkerPlanck.Tests.Validation.Plugins;

/// <summary>
/// The "where to add a metric" sample, in this one file with no edit anywhere else: |mean of the sample - mean of the
/// grid density| (1D), registered when the test assembly loads; the validation then reports it beside its noise floor.
/// </summary>
internal sealed class MeanGapDistance : ISampleDistance
{
    public string? NameFor(int dimension) => dimension == 1 ? "mean gap" : null;

    public double Measure(DistanceInputs d) => Math.Abs(d.X.Average() - d.Reference1D!.Mean);

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => SampleDistances.Register(new MeanGapDistance());
}
