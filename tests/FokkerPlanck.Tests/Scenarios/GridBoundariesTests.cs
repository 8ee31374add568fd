using System.Text.Json.Nodes;
using FokkerPlanck.Grids;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary><c>grid.boundary</c> per axis and per side: every written form reads to the same grids, resolves to its
/// shortest form, and the forms that mean nothing (periodic on one side, an entry count that is not the axis count) are
/// refused with their JSON path.</summary>
public sealed class GridBoundariesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-bound-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(int dim, string boundary)
    {
        string axes = dim == 1 ? "\"lower\": [-5], \"upper\": [5], \"cells\": [16]" : "\"lower\": [-5, -4], \"upper\": [5, 4], \"cells\": [16, 12]";
        string initial = dim == 1
            ? "{\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]}"
            : "{\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 0], [0, 1]]]}";
        return $"{{\"process\": {{\"kind\": \"ou\"}}, \"initial\": {initial}, \"grid\": {{{axes}, \"boundary\": {boundary}}}, \"time\": {{\"end\": 1}}}}";
    }

    [Theory]
    [InlineData(1, "\"absorbing\"", "absorbing", "absorbing", null, null, "\"absorbing\"")]
    [InlineData(1, "{\"lower\": \"absorbing\", \"upper\": \"reflecting\"}", "absorbing", "reflecting", null, null, "[{\"lower\":\"absorbing\",\"upper\":\"reflecting\"}]")]
    [InlineData(1, "[{\"lower\": \"reflecting\", \"upper\": \"absorbing\"}]", "reflecting", "absorbing", null, null, "[{\"lower\":\"reflecting\",\"upper\":\"absorbing\"}]")]
    [InlineData(1, "[\"periodic\"]", "periodic", "periodic", null, null, "\"periodic\"")]
    [InlineData(2, "[\"periodic\", \"reflecting\"]", "periodic", "periodic", "reflecting", "reflecting", "[\"periodic\",\"reflecting\"]")]
    [InlineData(2, "[\"periodic\", {\"lower\": \"absorbing\", \"upper\": \"reflecting\"}]", "periodic", "periodic", "absorbing", "reflecting",
        "[\"periodic\",{\"lower\":\"absorbing\",\"upper\":\"reflecting\"}]")]
    [InlineData(2, "{\"lower\": \"absorbing\", \"upper\": \"reflecting\"}", "absorbing", "reflecting", "absorbing", "reflecting",
        "[{\"lower\":\"absorbing\",\"upper\":\"reflecting\"},{\"lower\":\"absorbing\",\"upper\":\"reflecting\"}]")]
    [InlineData(2, "[\"reflecting\", \"reflecting\"]", "reflecting", "reflecting", "reflecting", "reflecting", "\"reflecting\"")]
    public void EveryFormReadsAndResolves(int dim, string boundary, string xl, string xu, string? yl, string? yu, string resolved)
    {
        var sc = ScenarioParser.Parse(Scenario(dim, boundary), "b.json");
        var x = sc.Grid1D ?? sc.Grid2D!.X;
        Assert.Equal((xl, xu), (Grid1D.Name(x.LowerBoundary), Grid1D.Name(x.UpperBoundary)));
        if (dim == 2) Assert.Equal((yl, yu), (Grid1D.Name(sc.Grid2D!.Y.LowerBoundary), Grid1D.Name(sc.Grid2D.Y.UpperBoundary)));
        var json = JsonNode.Parse(sc.ToJson())!;
        Assert.Equal(resolved, json["grid"]!["boundary"]!.ToJsonString());
        Assert.Equal(sc.ToJson(), ScenarioParser.Parse(sc.ToJson(), "again").ToJson());
    }

    [Theory]
    [InlineData(1, "{\"lower\": \"periodic\", \"upper\": \"reflecting\"}", "$.grid.boundary", "periodic applies to both sides of an axis")]
    [InlineData(2, "[\"reflecting\", {\"lower\": \"absorbing\", \"upper\": \"periodic\"}]", "$.grid.boundary[1]", "periodic applies to both sides of an axis")]
    [InlineData(1, "[\"periodic\", \"reflecting\"]", "$.grid.boundary", "must have one entry per axis (1)")]
    [InlineData(2, "[\"periodic\"]", "$.grid.boundary", "must have one entry per axis (2)")]
    [InlineData(2, "[\"periodic\", {\"upper\": \"reflecting\"}]", "$.grid.boundary[1].lower", "required field is missing")]
    [InlineData(2, "[\"periodic\", {\"lower\": \"wall\", \"upper\": \"reflecting\"}]", "$.grid.boundary[1].lower", "must be reflecting, periodic or absorbing (got \"wall\")")]
    [InlineData(1, "{\"lower\": \"absorbing\", \"upper\": \"reflecting\", \"left\": \"absorbing\"}", "$.grid.boundary.left", "unknown field 'left'")]
    [InlineData(1, "true", "$.grid.boundary", "must be reflecting, periodic or absorbing, an object")]
    public void MeaninglessFormsAreRefusedWithTheirPath(int dim, string boundary, string path, string reason)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Scenario(dim, boundary), "b.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(reason, e.Rule, StringComparison.Ordinal);
        string file = Path.Combine(_dir, "b.json");
        File.WriteAllText(file, Scenario(dim, boundary));
        CliRefusal.Check(file, Path.Combine(_dir, "out"), path, reason);
    }

    [Fact]
    public void AGridRefusesPeriodicOnOneSide()
    {
        var e = Assert.Throws<ArgumentException>(() => new Grid1D(0, 1, 8, Boundary.Periodic, Boundary.Absorbing));
        Assert.Contains("periodic on both sides", e.Message, StringComparison.Ordinal);
        var g = new Grid1D(0, 1, 8, Boundary.Absorbing, Boundary.Reflecting);
        Assert.Equal("lower absorbing, upper reflecting", g.BoundaryName);
        Assert.True(g.Absorbing && !g.Reflecting && !g.Periodic);
        Assert.Equal((FokkerPlanck.Kernels.Axis.AbsorbingBoundary, FokkerPlanck.Kernels.Axis.ReflectingBoundary), (g.ToAxis().LowerSide, g.ToAxis().UpperSide));
        Assert.Equal(g.BoundaryName, g.Scaled(2).BoundaryName);
        var cyl = new Grid2D(new Grid1D(0, 1, 8, Boundary.Periodic), g);
        Assert.Equal("x periodic; y lower absorbing, upper reflecting", cyl.BoundaryName);
        Assert.True(cyl.Absorbing && !cyl.Periodic && !cyl.Reflecting);
    }
}
