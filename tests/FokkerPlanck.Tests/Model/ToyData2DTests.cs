using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Model;

/// <summary>The 2D toy data sets that are Gaussian mixtures ("eight-gaussians", "rings"): their geometry, the flatness of
/// a ring along its circle, their scenario kinds and their errors.</summary>
public class ToyData2DTests
{
    private static string Scenario(string initial) => """
        {"name": "toy", "process": {"kind": "vp"}, "initial": INITIAL,
         "grid": {"lower": [-6.0, -6.0], "upper": [6.0, 6.0], "cells": [48, 48]}, "time": {"end": 0.2, "snapshots": 2}}
        """.Replace("INITIAL", initial);

    [Fact]
    public void EightGaussiansAreTheLiteraturesDefaults()
    {
        var sc = ScenarioParser.Parse(Scenario("""{"kind": "eight-gaussians"}"""));
        var g = Assert.IsType<GaussianMixture2D>(sc.Initial2D);
        Assert.Equal(8, g.Weights.Count);
        Assert.All(g.Weights, w => Assert.Equal(0.125, w, 15));
        var means = g.Means.ToArray();
        for (int k = 0; k < 8; k++)
        {
            double a = 2 * Math.PI * k / 8;
            Assert.Equal(4 / Math.Sqrt(2) * Math.Cos(a), means[k].X, 12);
            Assert.Equal(4 / Math.Sqrt(2) * Math.Sin(a), means[k].Y, 12);
        }
        Assert.All(g.Covariances, c => { Assert.Equal(0.125, c.Sxx, 15); Assert.Equal(0.0, c.Sxy); Assert.Equal(0.125, c.Syy, 15); });
        // A mixture stays a mixture under the linear processes: the exact marginal exists.
        Assert.NotNull(ExactMarginal.Of(sc.Process, g, 0, 0.2));
    }

    /// <summary>Each ring carries 1/(number of rings) of the mass, and its density along the circle varies by less than
    /// 1e-6 relative (the component spacing ≤ sd makes the Poisson-summation ripple ≈ 2 e^{-2π²} ≈ 5e-9; the bound leaves
    /// room for the curvature). Negative control: with a spacing of 3 sd (far too few components) the ripple is visible.</summary>
    [Fact]
    public void RingsHaveEqualMassAndAreFlatAlongTheirCircles()
    {
        double[] radii = [1, 2.5, 4];
        const double sd = 0.08;
        var g = ToyData2D.Rings(radii, sd);
        var means = g.Means.ToArray();
        var w = g.Weights.ToArray();
        foreach (double r in radii)
        {
            double mass = means.Select((m, k) => Math.Abs(Math.Sqrt(m.X * m.X + m.Y * m.Y) - r) < 1e-9 ? w[k] : 0).Sum();
            Assert.Equal(1.0 / 3, mass, 12);
            var along = Enumerable.Range(0, 360).Select(i => g.Density(r * Math.Cos(i * Math.PI / 180), r * Math.Sin(i * Math.PI / 180))).ToArray();
            Assert.True(Ripple(along) < 1e-6, $"ring {r}: relative ripple {Ripple(along):E2}");
        }
        int few = (int)Math.Ceiling(2 * Math.PI * 2.5 / (3 * sd));
        var sparse = ToyData2D.Gaussians(few, 2.5, sd);
        var alongSparse = Enumerable.Range(0, 720).Select(i => sparse.Density(2.5 * Math.Cos(i * Math.PI / 360), 2.5 * Math.Sin(i * Math.PI / 360))).ToArray();
        Assert.True(Ripple(alongSparse) > 1e-2, $"sparse ring: relative ripple {Ripple(alongSparse):E2}");
    }

    private static double Ripple(double[] v) => (v.Max() - v.Min()) / v.Average();

    [Theory]
    [InlineData("""{"kind": "rings"}""", "$.initial")]
    [InlineData("""{"kind": "rings", "radii": []}""", "$.initial")]
    [InlineData("""{"kind": "rings", "radii": [1, -2]}""", "$.initial.radii")]
    [InlineData("""{"kind": "rings", "radii": [1, 1]}""", "$.initial.radii")]
    [InlineData("""{"kind": "rings", "radii": [40], "sd": 0.01}""", "$.initial.radii")]
    [InlineData("""{"kind": "eight-gaussians", "count": 0}""", "$.initial.count")]
    [InlineData("""{"kind": "eight-gaussians", "sd": 0}""", "$.initial.sd")]
    [InlineData("""{"kind": "eight-gaussians", "spread": 1}""", "$.initial")]
    public void BadToyDataNameTheirField(string initial, string path)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Scenario(initial)));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ToyDataAre2DOnly()
    {
        const string oneD = """
            {"name": "toy", "process": {"kind": "vp"}, "initial": {"kind": "eight-gaussians"},
             "grid": {"lower": [-6.0], "upper": [6.0], "cells": [48]}, "time": {"end": 0.2, "snapshots": 2}}
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(oneD));
        Assert.Contains("2D only", e.Message);
    }
}
