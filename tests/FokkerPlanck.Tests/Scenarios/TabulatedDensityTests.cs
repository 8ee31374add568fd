using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>The "tabulated" density: a table of values on a rectangle, piecewise constant, with exact marginals under
/// every linear process (the same smoothed boxes as the checkerboard).</summary>
public sealed class TabulatedDensityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-table-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string initial)
    {
        string file = Path.Combine(_dir, "t.json");
        File.WriteAllText(file, "{\"name\": \"table\", \"process\": {\"kind\": \"ou\"}, \"initial\": " + initial +
            """, "grid": {"lower": [-4, -4], "upper": [4, 4], "cells": [32, 32]}, "time": {"end": 0.3, "snapshots": 3}}""");
        return file;
    }

    [Fact]
    public void InlineAndNpyTablesAreTheSameDensityAndSolveToTheirExactMarginal()
    {
        // A 3 × 2 table on [-1, 2] × [0, 1]: cells of 1 × 0.5.
        double[] v = [1, 2, 0, 3, 4, 0];
        NpyFile.Write(Path.Combine(_dir, "table.npy"), v, 3, 2);
        var a = ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "values": [[1, 2], [0, 3], [4, 0]]}"""));
        var t = Assert.IsType<PiecewiseConstant2D>(a.Initial2D);
        // Values normalised to masses: 10 in all; cell (2, 0) holds 4/10 on an area of 0.5.
        Assert.Equal(0.4 / 0.5, t.Density(1.5, 0.25), 1e-15);
        Assert.Equal(0.0, t.Density(0.5, 0.25));
        Assert.Equal(0.0, t.Density(3, 0.5));
        var b = ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "file": "table.npy"}"""));
        var u = Assert.IsType<PiecewiseConstant2D>(b.Initial2D);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) Assert.Equal(t.Weight(i, j), u.Weight(i, j));
        Assert.True(a.HasExactMarginal);
    }

    /// <summary>The grid from the table's exact cell averages against the exact marginal at t = 0.3 (OU). The table's
    /// edges are jumps at t = 0, so the L1 error is that of the scheme on discontinuous data: the check is that it
    /// converges (observed order between 32² and 64² cells above 0.8) and is exact at t = 0.</summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void TheTableSolvesTowardsItsExactMarginal()
    {
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "values": [[1, 2], [0, 3], [4, 0]]}"""));
        var t = (PiecewiseConstant2D)sc.Initial2D!;
        double[] L1(int cells)
        {
            var g = new FokkerPlanck.Grids.Grid1D(-4, 4, cells);
            var sol = FokkerPlanckSolver.Solve(sc.Process, new FokkerPlanck.Grids.Grid2D(g, g), t, sc.Times, new SolverOptions { Extrapolate = false }, TestCases.Managed);
            return TestCases.L1Errors(sol, sc.Process, t);
        }
        double[] c = L1(32), f = L1(64);
        double order = Math.Log2(c[^1] / f[^1]);
        Console.WriteLine($"tabulated 3 × 2 under OU to t = 0.3: L1 {c[^1]:E2} (32²), {f[^1]:E2} (64²), order {order:F2}");
        Assert.Equal(0, c[0], 1e-12);
        Assert.True(order > 0.8, $"order {order:F2}");
    }

    /// <summary>Sizes that would need more mixture components than allowed are refused before anything is allocated.</summary>
    [Theory]
    [InlineData("""{"kind": "two-moons", "sd": 1e-9}""", "$.initial.sd", "components")]
    [InlineData("""{"kind": "pinwheel", "arms": 2000000000}""", "$.initial.arms", "must be in [1, 333]")]
    [InlineData("""{"kind": "rings", "radii": [1, 2], "sd": 1e-9}""", "$.initial.radii", "components")]
    public void CurveDataTooFineForTheComponentLimitIsRefused(string initial, string path, string reason)
    {
        var (code, _, err) = CliTests.Invoke("solve", Scenario(initial), "--out", Path.Combine(_dir, "o"), "-q");
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(path + ":", err);
        Assert.Contains(reason, err);
    }

    [Theory]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1]}""", "$.initial.file", "file or values")]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "values": [[1, 2], [3]]}""", "$.initial.values[1]", "must have 2 entries")]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "values": [[0, 0], [0, 0]]}""", "$.initial.values", "all 0")]
    [InlineData("""{"kind": "tabulated", "lower": [2, 0], "upper": [-1, 1], "values": [[1]]}""", "$.initial.upper", "upper > lower")]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "file": "none.npy"}""", "$.initial.file", "does not exist")]
    [InlineData("""{"kind": "tabulated", "lower": [-1, 0], "upper": [2, 1], "file": "flat.npy"}""", "$.initial.file", "expected (nx, ny)")]
    public void BadTablesAreRefusedAtTheirPath(string initial, string path, string reason)
    {
        NpyFile.Write(Path.Combine(_dir, "flat.npy"), [1.0, 2.0], 2);
        var (code, _, err) = CliTests.Invoke("solve", Scenario(initial), "--out", Path.Combine(_dir, "o"), "-q");
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(path + ":", err);
        Assert.Contains(reason, err);
    }
}
