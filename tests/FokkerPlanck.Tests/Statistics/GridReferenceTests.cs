using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Tests.Statistics;

public class GridReferenceTests
{
    [Fact]
    public void OneDimensionalReferenceIsTheCellUniformLaw()
    {
        var g = new Grid1D(-8, 8, 400);
        var r = new GridReference1D(g, CellAverages.Of(g, TestCases.Mixture3));
        var m = TestCases.Mixture3;
        // CDF at cell edges equals the exact CDF up to the quadrature of the cell averages; quantile inverts the CDF.
        foreach (double x in new[] { -3.0, -1.0, 0.4, 2.0 })
            Assert.Equal(m.Cdf(x), r.Cdf(x), 6);
        foreach (double u in new[] { 0.001, 0.3, 0.5, 0.97 })
            Assert.Equal(u, r.Cdf(r.Quantile(u)), 12);
        double exactMean = 0.3 * -2 + 0.4 * 0.5 + 0.3 * 2.5;
        Assert.Equal(exactMean, r.Mean, 6);
        var e = r.EqualMassEdges(20);
        Assert.All(r.BinProbabilities(e), p => Assert.Equal(0.05, p, 12));
        Assert.Equal(0, r.Cdf(-100)); Assert.Equal(1, r.Cdf(100));
        Assert.Throws<ArgumentException>(() => new GridReference1D(g, new double[400]));
        Assert.Throws<ArgumentException>(() => new GridReference1D(g, new double[3]));
    }

    [Fact]
    public void TwoDimensionalRectanglesAndMarginalsAreConsistent()
    {
        var g = new Grid2D(new Grid1D(-6, 6, 96), new Grid1D(-5, 7, 80));
        var d = new GaussianMixture2D([0.6, 0.4], [[-1.5, 0.5], [1.5, -1.0]], [[[0.5, 0.2], [0.2, 0.25]], [[0.3, -0.1], [-0.1, 0.6]]]);
        var r = new GridReference2D(g, CellAverages.Of(g, d));
        Assert.Equal(1, r.Probability(-6, 6, -5, 7), 12);
        // P(X ≤ x) from the joint CDF equals the x-marginal's CDF, also between cell edges.
        var mx = r.MarginalX();
        foreach (double x in new[] { -2.03, 0.0, 1.37 })
            Assert.Equal(mx.Cdf(x), r.Cdf(x, 100), 12);
        // Additivity over a split rectangle.
        Assert.Equal(r.Probability(-1, 1, -1, 1), r.Probability(-1, 0.33, -1, 1) + r.Probability(0.33, 1, -1, 1), 14);
        Assert.Equal(0.6 * -1.5 + 0.4 * 1.5, r.Mean.X, 4);
        Assert.Equal(0.6 * 0.5 + 0.4 * -1.0, r.Mean.Y, 4);
    }
}
