using System.Text.Json;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>The shipped schema (docs/scenario.schema.json) against the parser and the built-in files.</summary>
public class ScenarioSchemaTests
{
    private static readonly string Root = FindRoot();

    internal static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "FokkerPlanck.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Every scenario file in examples/, validation/cases/ and validation/cases/fplanck/.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var dir in new[] { "examples", "validation/cases", "validation/cases/fplanck" })
            foreach (var f in Directory.GetFiles(Path.Combine(Root, dir), "*.json").Order()) data.Add(Path.GetRelativePath(Root, f));
        return data;
    }

    [Fact]
    public void ShippedSchemaIsTheEmbeddedOne() =>
        Assert.Equal(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")), ScenarioSchema.Text);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryScenarioFileMatchesTheSchemaAndRoundTrips(string relative)
    {
        string path = Path.Combine(Root, relative);
        using (var doc = JsonDocument.Parse(File.ReadAllText(path))) Assert.Empty(ScenarioSchema.Violations(doc.RootElement));
        var sc = ScenarioParser.ParseFile(path);
        string json = sc.ToJson();
        using (var resolved = JsonDocument.Parse(json)) Assert.Empty(ScenarioSchema.Violations(resolved.RootElement));
        var again = ScenarioParser.Parse(json, "resolved");
        Assert.Equal(json, again.ToJson());
        Assert.Equal(sc.Times, again.Times);
    }

    [Fact]
    public void EveryBuiltInScenarioIsAFileInExamples()
    {
        foreach (var name in BuiltInScenarios.Names)
        {
            string file = Path.Combine(Root, "examples", name + ".json");
            Assert.True(File.Exists(file), $"built-in '{name}' has no file {file}");
            Assert.Equal(BuiltInScenarios.Get(name).ToJson(), ScenarioParser.ParseFile(file).ToJson());
        }
    }

    private const string Valid = """
        {"process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]},
         "grid": {"lower": [-5], "upper": [5], "cells": [16]}, "time": {"end": 1}}
        """;

    // Structural rules the schema states by itself: each mutation must be refused by the schema and by the parser.
    [Theory]
    [InlineData("\"time\": {\"end\": 1}", "\"time\": {\"end\": 1, \"stop\": 2}", "$.time.stop")]
    [InlineData(", \"time\": {\"end\": 1}", "", "$")]
    [InlineData("\"end\": 1", "\"end\": \"soon\"", "$.time.end")]
    [InlineData("\"cells\": [16]", "\"cells\": [2]", "$.grid.cells[0]")]
    [InlineData("\"cells\": [16]", "\"cells\": [16], \"boundary\": \"sticky\"", "$.grid.boundary")]
    [InlineData("\"cells\": [16]", "\"cells\": [16], \"boundary\": {\"lower\": \"absorbing\"}", "$.grid.boundary")]
    [InlineData("\"cells\": [16]", "\"cells\": [16], \"boundary\": {\"lower\": \"absorbing\", \"upper\": \"reflecting\", \"side\": 1}", "$.grid.boundary")]
    [InlineData("\"cells\": [16]", "\"cells\": [16], \"boundary\": [{\"lower\": \"sticky\", \"upper\": \"reflecting\"}]", "$.grid.boundary")]
    [InlineData("\"cells\": [16]", "\"cells\": [16], \"boundary\": 3", "$.grid.boundary")]
    [InlineData("{\"kind\": \"ou\"}", "{\"kind\": \"ou\", \"betaMin\": 1}", "$.process.betaMin")]
    [InlineData("{\"kind\": \"ou\"}", "{\"kind\": \"langevin\"}", "$.process")]
    [InlineData("{\"kind\": \"ou\"}", "{\"kind\": \"ou\", \"theta\": -1}", "$.process.theta")]
    [InlineData("\"weights\": [1]", "\"weights\": [0]", "$.initial.weights[0]")]
    [InlineData("\"time\": {\"end\": 1}", "\"time\": {\"end\": 1, \"snapshots\": 1}", "$.time.snapshots")]
    [InlineData("\"time\": {\"end\": 1}", "\"time\": {\"end\": 1}, \"solver\": {\"cfl\": 2}", "$.solver.cfl")]
    [InlineData("\"time\": {\"end\": 1}", "\"time\": {\"end\": 1}, \"solver\": {\"extrapolate\": 1}", "$.solver.extrapolate")]
    public void SchemaAndParserRefuseTheSameStructuralErrors(string find, string replace, string pathPrefix)
    {
        Assert.Contains(find, Valid);
        string json = Valid.Replace(find, replace);
        using (var ok = JsonDocument.Parse(Valid)) Assert.Empty(ScenarioSchema.Violations(ok.RootElement));
        using var doc = JsonDocument.Parse(json);
        var v = ScenarioSchema.Violations(doc.RootElement);
        Assert.NotEmpty(v);
        Assert.Contains(v, x => x.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(json, "m.json"));
        Assert.StartsWith(pathPrefix, e.JsonPath, StringComparison.Ordinal);
        Assert.DoesNotContain("schema rule", e.Rule, StringComparison.Ordinal); // the parser's own check caught it first
    }

    [Fact]
    public void FlowMatchingForbidsInitialAndOthersRequireIt()
    {
        string fm = Valid.Replace("{\"kind\": \"ou\"}",
            "{\"kind\": \"flow-matching\", \"data\": {\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]}}");
        using (var d = JsonDocument.Parse(fm)) Assert.NotEmpty(ScenarioSchema.Violations(d.RootElement));
        string noInitial = Valid.Replace("\"initial\": {\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]},", "");
        using (var d = JsonDocument.Parse(noInitial)) Assert.NotEmpty(ScenarioSchema.Violations(d.RootElement));
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(fm));
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(noInitial));
    }

    [Theory]
    [InlineData("", "$")]
    [InlineData("/initial/covariances/1", "$.initial.covariances[1]")]
    [InlineData("/grid/a~1b/0", "$.grid.a/b[0]")]
    public void PointersBecomeJsonPaths(string pointer, string path) => Assert.Equal(path, ScenarioSchema.ToJsonPath(pointer));
}
