using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Statistics;

namespace FokkerPlanck.Tests.Model;

/// <summary>The checkerboard: its exact density, score, cell averages and marginals under the linear processes, against
/// quadrature, finite differences and an independent Monte Carlo of the forward process.</summary>
public class PiecewiseConstant2DTests
{
    private static readonly PiecewiseConstant2D Board = PiecewiseConstant2D.Checkerboard();

    [Fact]
    public void TheBoardIsUniformOnItsFilledSquares()
    {
        Assert.Equal(8, Enumerable.Range(0, 16).Count(k => Board.Weight(k / 4, k % 4) > 0));
        Assert.Equal(1.0 / 8, Board.Density(-1.5, -1.5)); // square (0, 0): filled
        Assert.Equal(0.0, Board.Density(-0.5, -1.5));     // square (1, 0): empty
        Assert.Equal(0.0, Board.Density(3, 0));           // off the board
        Assert.Equal(1.0, Board.CellAverage(-2, 2, -2, 2) * 16, 1e-15);
        Assert.Equal(0.5 / 8, Board.CellAverage(-1.5, -0.5, -2, -1), 1e-15); // half of the cell on a filled square
        Assert.Equal(0.0, DomainMass.Outside(Board, -2, 2, -2, 2), 1e-15);
    }

    [Fact]
    public void CellAveragesScoresAndMarginalsMatchQuadratureAndDifferences()
    {
        var e = (PiecewiseConstant2D)Board.Evolve(0.8, 0.05);
        // Cell average against 32-point Gauss–Legendre in each direction on cells across square edges.
        foreach (var (xa, ya) in new[] { (-1.0, -1.0), (-0.45, 0.3), (1.55, 1.55), (2.3, -0.2) })
        {
            double xb = xa + 0.17, yb = ya + 0.11;
            double q = GaussLegendre.Average(x => GaussLegendre.Average(y => e.Density(x, y), ya, yb, 32), xa, xb, 32);
            Assert.Equal(q, e.CellAverage(xa, xb, ya, yb), 1e-12 * (1 + q));
        }
        // Score against central differences of log p.
        foreach (var (x, y) in new[] { (-1.2, 0.4), (0.05, -0.6), (1.9, 1.7) })
        {
            const double h = 1e-5;
            double dx = (e.LogDensity(x + h, y) - e.LogDensity(x - h, y)) / (2 * h);
            double dy = (e.LogDensity(x, y + h) - e.LogDensity(x, y - h)) / (2 * h);
            var (sx, sy) = e.Score(x, y);
            Assert.Equal(dx, sx, 1e-6 * (1 + Math.Abs(dx)));
            Assert.Equal(dy, sy, 1e-6 * (1 + Math.Abs(dy)));
        }
        // Marginal below x against the cell average of the strip below x.
        Assert.Equal(e.CellAverage(-10, 0.3, -10, 10) * 10.3 * 20, e.MarginalBelow(0, 0.3), 1e-12);
        // Composition of maps.
        var twice = (PiecewiseConstant2D)((PiecewiseConstant2D)Board.Evolve(0.9, 0.02)).Evolve(0.7, 0.03);
        var once = Board.Evolve(0.63, 0.49 * 0.02 + 0.03);
        Assert.Equal(once.Density(0.2, -0.4), twice.Density(0.2, -0.4), 1e-14);
    }

    [Fact]
    public void ExactMarginalsAgreeWithAnIndependentMonteCarloOfTheForwardProcess()
    {
        // OU (theta 1, sigma 1) from the board to t = 0.3: X_t = m X_0 + sqrt(v) Z. Monte Carlo: board samples drawn here
        // from System.Random (not the tool's sampler), pushed through the transition. Three tests at FWER 1e-3
        // (Bonferroni, each at 1e-3 / 3): KS on the x and y marginals (exact CDF MarginalBelow) and a χ² over 12 × 12
        // cells with the exact cell probabilities. Negative control: the samples shifted by 0.1 in x are rejected.
        var ou = new OuProcess(1.0, 1.0);
        var (m, v) = ou.Transition(0, 0.3);
        var exact = (PiecewiseConstant2D)Board.Evolve(m, v);
        var rng = new Random(20261203);
        const int n = 40_000;
        var x = new double[n]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            int a, b;
            do { a = rng.Next(4); b = rng.Next(4); } while ((a + b) % 2 != 0);
            double x0 = -2 + a + rng.NextDouble(), y0 = -2 + b + rng.NextDouble();
            x[i] = m * x0 + Math.Sqrt(v) * Normal(rng);
            y[i] = m * y0 + Math.Sqrt(v) * Normal(rng);
        }
        const double alpha = 1e-3 / 3;
        var (p1, p2, p3) = Tests(exact, x, y);
        Assert.True(Math.Min(p1, Math.Min(p2, p3)) > alpha, $"p = {p1:E2}, {p2:E2}, {p3:E2}");
        var (c1, _, c3) = Tests(exact, x.Select(u => u + 0.1).ToArray(), y);
        Assert.True(c1 < alpha && c3 < alpha, $"shifted: p = {c1:E2}, {c3:E2}");
    }

    /// <summary>
    /// The tool's particle-start sampler for table densities (checkerboard, image, tabulated) draws their law: KS on the x
    /// and y marginals against the exact CDFs and a χ² over 12 × 12 cells with the exact cell probabilities, FWER 1e-3
    /// (Bonferroni over the three), for the board and for an uneven 3 × 5 table; negative controls: the board's samples
    /// shifted by 0.1 in x, and the table's samples drawn from the table with its values reversed, are rejected.
    /// </summary>
    [Fact]
    public void TheSamplerDrawsTheTablesLaw()
    {
        const double alpha = 1e-3 / 3;
        var (bx, by) = DensitySampler.Sample(Board, 40_000, 11);
        var (p1, p2, p3) = Tests(Board, bx, by);
        Assert.True(Math.Min(p1, Math.Min(p2, p3)) > alpha, $"board: p = {p1:E2}, {p2:E2}, {p3:E2}");
        var (c1, _, c3) = Tests(Board, bx.Select(u => u + 0.1).ToArray(), by);
        Assert.True(c1 < alpha && c3 < alpha, $"shifted board: p = {c1:E2}, {c3:E2}");

        double[,] values = { { 1, 2, 0, 4, 1 }, { 0.5, 3, 1, 0, 2 }, { 2, 1, 5, 1, 0.25 } }, reversed = new double[3, 5];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) reversed[i, j] = values[2 - i, 4 - j];
        var table = new PiecewiseConstant2D(-1, 2, 0, 2.5, values);
        var (tx, ty) = DensitySampler.Sample(table, 40_000, 12);
        (p1, p2, p3) = Tests(table, tx, ty);
        Assert.True(Math.Min(p1, Math.Min(p2, p3)) > alpha, $"table: p = {p1:E2}, {p2:E2}, {p3:E2}");
        var (rx, ry) = DensitySampler.Sample(new PiecewiseConstant2D(-1, 2, 0, 2.5, reversed), 40_000, 12);
        (c1, var c2, c3) = Tests(table, rx, ry);
        Assert.True(Math.Min(c1, Math.Min(c2, c3)) < alpha, $"reversed table: p = {c1:E2}, {c2:E2}, {c3:E2}");
    }

    private static (double Px, double Py, double PChi) Tests(PiecewiseConstant2D e, double[] x, double[] y) =>
        MarginalTests2D.Run(x, y, u => e.MarginalBelow(0, u), u => e.MarginalBelow(1, u),
            (xa, xb, ya, yb) => e.CellAverage(xa, xb, ya, yb) * (xb - xa) * (yb - ya));

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void TheScenarioKindSolvesAndMatchesTheExactCellAverages()
    {
        var sc = ScenarioParser.Parse("""
            {"name": "board", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.0}, "initial": {"kind": "checkerboard"},
             "grid": {"lower": [-4.5, -4.5], "upper": [4.5, 4.5], "cells": [72, 72]}, "time": {"end": 0.3, "snapshots": 2},
             "solver": {"tolerance": 1e-6}}
            """, "board");
        Assert.IsType<PiecewiseConstant2D>(sc.Initial2D);
        Assert.True(sc.HasExactMarginal);
        var sol = sc.Solve(TestCases.Managed);
        double l1 = TestCases.L1Errors(sol, sc.Process, sc.Initial2D!)[^1];
        Assert.True(l1 < 1e-3, $"L1 {l1:E2}");
        // Particle starts: the tool's sampler puts every start on a filled square.
        var (px, py) = DensitySampler.Sample(Board, 2000, 5);
        for (int i = 0; i < px.Length; i++) Assert.True(Board.Density(px[i], py[i]) > 0, $"({px[i]}, {py[i]})");
    }
}
