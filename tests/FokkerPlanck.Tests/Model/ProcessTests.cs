using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Model;

public class ProcessTests
{
    public static TheoryData<LinearProcess> Linear => new() { new OuProcess(0.7, 1.3), new OuProcess(0.0, 1.3), new VpProcess(0.1, 20), new VeProcess(0.01, 5) };

    [Theory]
    [MemberData(nameof(Linear))]
    public void MarginalMomentsSolveTheirOdes(LinearProcess p)
    {
        // d m/dt = a(t) m and d v/dt = 2 a(t) v + g(t)², checked by central differences.
        double[] x = [1.0];
        Span<double> f = stackalloc double[1];
        foreach (double t in new[] { 0.1, 0.5, 0.9 })
        {
            double h = 1e-6;
            p.Drift(x, t, f);
            double a = f[0];
            double dm = (p.MeanFactor(t + h) - p.MeanFactor(t - h)) / (2 * h);
            double dv = (p.AddedVariance(t + h) - p.AddedVariance(t - h)) / (2 * h);
            Assert.Equal(a * p.MeanFactor(t), dm, 1e-6 * (1 + Math.Abs(dm)));
            Assert.Equal(2 * a * p.AddedVariance(t) + p.G(t) * p.G(t), dv, 1e-5 * (1 + Math.Abs(dv)));
        }
        Assert.Equal(1.0, p.MeanFactor(0));
        Assert.Equal(0.0, p.AddedVariance(0));
        var (m, v) = p.Transition(0.3, 0.8);
        Assert.Equal(p.MeanFactor(0.8) / p.MeanFactor(0.3), m, 1e-14);
        Assert.Equal(p.AddedVariance(0.8), m * m * p.AddedVariance(0.3) + v, 1e-12);
    }

    [Fact]
    public void DefaultsFollowTheConventions()
    {
        var ou = new OuProcess();
        Assert.Equal(1.0, ou.Theta);
        Assert.Equal(Math.Sqrt(2), ou.Sigma);
        Assert.Equal(1.0, ou.AddedVariance(50), 1e-12); // stationary N(0, 1)
        var vp = new VpProcess();
        Assert.Equal((0.1, 20.0), (vp.BetaMin, vp.BetaMax));
        Assert.Equal(Math.Sqrt(vp.Beta(0.5)), vp.G(0.5));
        var ve = new VeProcess(0.01, 5);
        Assert.Equal(25.0 - 1e-4, ve.AddedVariance(1), 1e-10);
    }

    // Every parameter rule at the library level: an ArgumentException naming the parameter and the value.
    public static TheoryData<string, string, Action> BadInputs => new()
    {
        { "sigma", "-1", () => _ = new OuProcess(1, -1) },
        { "sigma", "0", () => _ = new OuProcess(1, 0) },
        { "theta", "NaN", () => _ = new OuProcess(double.NaN, 1) },
        { "betaMax", "1", () => _ = new VpProcess(2, 1) },
        { "betaMin", "-∞", () => _ = new VpProcess(double.NegativeInfinity, 1) },
        { "sigmaMax", "0.01", () => _ = new VeProcess(0.01, 0.01) },
        { "weights[1]", "0", () => _ = new GaussianMixture1D([1.0, 0.0], [0.0, 1.0], [1.0, 1.0]) },
        { "weights[0]", "-0.5", () => _ = new LaplaceMixture1D([-0.5], [0.0], [1.0]) },
        { "variances[0]", "-1", () => _ = new GaussianMixture1D([1.0], [0.0], [-1.0]) },
        { "means[0]", "∞", () => _ = new GaussianMixture1D([1.0], [double.PositiveInfinity], [1.0]) },
        { "covariances", "[[1, 0.5], [0.4, 1]]", () => _ = new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[1.0, 0.5], [0.4, 1.0]]]) },
        { "covariances", "determinant -3", () => _ = new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[1.0, 2.0], [2.0, 1.0]]]) },
        { "scales[0]", "0", () => _ = new LaplaceMixture1D([1.0], [0.0], [0.0]) },
        { "sigmaV", "-3", () => _ = new Funnel2D(-3, 1, 0.5) },
        { "cells", "2", () => _ = new FokkerPlanck.Grids.Grid1D(0, 1, 2) },
        { "upper", "-1", () => _ = new FokkerPlanck.Grids.Grid1D(0, -1, 10) },
        { "lower", "NaN", () => _ = new FokkerPlanck.Grids.Grid1D(double.NaN, 1, 10) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputNamesParameterAndValue(string param, string value, Action make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(param.Split('[')[0] == param ? param : param, e.ParamName);
        Assert.Contains(value.Replace("∞", "Infinity").Replace("-Infinity", "-Infinity"), e.Message.Replace("∞", "Infinity"));
    }
}
