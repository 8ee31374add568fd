using System.Text.Json;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>Scenario numbers in every JSON form, comments anywhere, weights near the double range, and weights that
/// do not sum to 1 (normalised, noted and recorded).</summary>
public sealed class ScenarioNumberFormTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-numbers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(string weights = "[1]", string cells = "[64]", string means = "[[0]]", string covs = "[[[1]]]") => """
        {"name": "c", "process": {"kind": "ou" /* a comment inside an object */},
         // a comment between fields
         "initial": {"kind": "gaussian-mixture", "weights": WEIGHTS, "means": MEANS, "covariances": COVS},
         "grid": {"lower": [-8], "upper": [8], "cells": CELLS}, "time": {"end": 1}}
        """.Replace("WEIGHTS", weights).Replace("CELLS", cells).Replace("MEANS", means).Replace("COVS", covs);

    [Fact]
    public void CommentsAnywhereAreSkippedByTheParserAndTheSchemaAlike() =>
        Assert.Equal(64, ScenarioParser.Parse(Scenario()).Grid1D!.Cells);

    [Theory]
    [InlineData("[1e3]", 1000)]
    [InlineData("[64.0]", 64)]
    [InlineData("[6.4e1]", 64)]
    public void WholeNumbersAreReadInEveryJsonForm(string cells, int expected) =>
        Assert.Equal(expected, ScenarioParser.Parse(Scenario(cells: cells)).Grid1D!.Cells);

    [Theory]
    [InlineData("[64.5]", "$.grid.cells[0]: must be a whole number (got 64.5)")]
    [InlineData("[1e10]", "$.grid.cells[0]: must be ≤ 2147483647 (got 1e10)")]
    public void OtherNumbersNameTheirPathAndRule(string cells, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Scenario(cells: cells)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void WeightsNearTheDoubleRangeAreNormalisedWithoutOverflow()
    {
        var sc = ScenarioParser.Parse(Scenario(weights: "[1e308, 1e308]", means: "[[0], [1]]", covs: "[[[1]], [[1]]]"));
        var g = Assert.IsType<GaussianMixture1D>(sc.Initial1D);
        Assert.Equal([0.5, 0.5], g.Weights);
    }

    [Fact]
    public void WeightsThatDoNotSumToOneAreNormalisedNotedAndRecorded()
    {
        var sc = ScenarioParser.Parse(Scenario(weights: "[2, 6]", means: "[[0], [1]]", covs: "[[[1]], [[1]]]"));
        Assert.Equal([0.25, 0.75], Assert.IsType<GaussianMixture1D>(sc.Initial1D).Weights);
        var note = Assert.Single(sc.Notes);
        Assert.Contains("$.initial.weights: weights summed to 8; normalised to 1", note);
        using var doc = JsonDocument.Parse(sc.ToJson());
        Assert.Equal([0.25, 0.75], doc.RootElement.GetProperty("initial").GetProperty("weights").EnumerateArray().Select(v => v.GetDouble()));
        // Weights that sum to 1 are kept as written, with no note.
        Assert.Empty(ScenarioParser.Parse(Scenario(weights: "[0.3, 0.7]", means: "[[0], [1]]", covs: "[[[1]], [[1]]]")).Notes);
    }

    [Fact]
    public void TheCliPrintsTheNote()
    {
        string path = Path.Combine(_dir, "w.json");
        File.WriteAllText(path, Scenario(weights: "[2, 6]", means: "[[0], [1]]", covs: "[[[1]], [[1]]]"));
        var (code, stdout, stderr) = CliTests.Invoke("solve", path, "--dry-run", "--out", _dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("note: " + path + ": $.initial.weights: weights summed to 8", stdout);
    }

    [Fact]
    public void A2DGridLargerThanAnArrayIsRefusedWithItsPath()
    {
        const string big = """
            {"name": "big", "process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0, 0]],
             "covariances": [[[1, 0], [0, 1]]]}, "grid": {"lower": [-8, -8], "upper": [8, 8], "cells": [65536, 65537]}, "time": {"end": 1}}
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(big));
        Assert.Contains("$.grid.cells: 65536 × 65537 cells exceed the largest array", e.Message);
    }
}
