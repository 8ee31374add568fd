using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Statistics;
using FokkerPlanck.Validation;

namespace FokkerPlanck.Tests.Validation;

/// <summary>The validation's distances come from the <see cref="SampleDistances"/> registry: the built-ins in their
/// order, and the test assembly's one-file <c>mean gap</c> sample (<see cref="Plugins.MeanGapDistance"/>), which is then
/// reported with a noise floor and separates a shifted sample from the reference.</summary>
public class SampleDistanceTests
{
    private static readonly Grid1D Grid = new(-8, 8, 320);

    private static GridReference1D Reference => new(Grid, CellAverages.Of(Grid, TestCases.Mixture3));

    [Fact]
    public void EveryRegisteredDistanceIsReportedInRegistrationOrder()
    {
        const int n = 2000;
        var cmp = SampleComparison.For(Reference, n, 500);
        var (x, _) = cmp.Draw(1);
        var ev = cmp.Evaluate(x, null, 2);
        Assert.Equal(["W1", "TV (binned)", "KL (binned)", "MMD²", "mean gap"], ev.Distances.Keys);
        Assert.Throws<ArgumentException>(() => SampleDistances.Register(new Plugins.MeanGapDistance()));
    }

    /// <summary>
    /// Noise floor of the mean gap over R = 40 reference samples of n = 2000: mean ≈ σ √(2/π) / √n and sd ≈ 0.6 σ/√n
    /// with σ = 1.93 the mixture's sd. A sample shifted by 0.2 (≈ 4.6 σ/√n) must lie above floor mean + 4 floor sd
    /// (≈ 4 σ/√n); the reference's own sample (the control) must lie below floor mean + 4 floor sd.
    /// </summary>
    [Fact]
    public void TheSampleDistanceHasANoiseFloorAndSeparatesAShiftedSample()
    {
        const int n = 2000;
        var cmp = SampleComparison.For(Reference, n, 500);
        var floor = cmp.Floors(40, 100);
        double limit = floor.Mean["mean gap"] + 4 * floor.Sd["mean gap"];
        var (x, _) = cmp.Draw(7);
        Assert.True(cmp.Evaluate(x, null, 8).Distances["mean gap"] < limit);
        var shifted = x.Select(v => v + 0.2).ToArray();
        Assert.True(cmp.Evaluate(shifted, null, 8).Distances["mean gap"] > limit);
    }
}
