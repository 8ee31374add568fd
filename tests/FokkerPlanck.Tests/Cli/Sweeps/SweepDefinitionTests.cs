using System.Text.Json.Nodes;
using FokkerPlanck.Cli.Sweeps;
using FokkerPlanck.Tests.Scenarios;

namespace FokkerPlanck.Tests.Cli.Sweeps;

/// <summary>Sweep files: expansion into points (crossed and zipped axes, ranges, scenario fields, command lines) and every
/// rule a file can break, each refused with the file, the JSON path and the rule.</summary>
public sealed class SweepDefinitionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sweepdef-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SweepDefinition Parse(string json) => SweepDefinition.Parse(json, "test.json", _dir);

    private static string Body(string vary, string rest = "") =>
        $$"""{"command": "simulate", "scenario": "ou-gmm-1d", {{rest}} "vary": {{vary}}}""";

    [Fact]
    public void AxesAreCrossedAndZippedMembersMoveTogether()
    {
        var d = Parse(Body("""
            [{"field": "grid.cells[0]", "values": [64, 128]},
             {"zip": [{"option": "--steps", "values": [10, 20, 40]}, {"option": "--integrator", "values": ["euler-maruyama", "sra1", "sra1"]}]}]
            """));
        Assert.Equal(6, d.Count);
        Assert.Equal(["grid_cells_0", "steps", "integrator"], d.Parameters.Select(p => p.Name));
        var points = SweepPoint.All(d);
        // Row-major, the last axis fastest; the zipped pair together.
        Assert.Equal("grid_cells_0=64, steps=10, integrator=euler-maruyama", points[0].Label);
        Assert.Equal("grid_cells_0=64, steps=40, integrator=sra1", points[2].Label);
        Assert.Equal("grid_cells_0=128, steps=20, integrator=sra1", points[4].Label);
        var sc = JsonNode.Parse(points[4].ScenarioJson!)!;
        Assert.Equal(128, sc["grid"]!["cells"]![0]!.GetValue<int>());
        Assert.Equal(10.0, sc["grid"]!["upper"]![0]!.GetValue<double>()); // the rest of the scenario untouched
    }

    [Fact]
    public void RangesAndLogRangesIncludeBothEndsAndRoundWhenAsked()
    {
        var d = Parse(Body("""
            [{"option": "--steps", "logRange": {"from": 10, "to": 1000, "count": 3}, "integer": true},
             {"field": "process.theta", "name": "theta", "range": {"from": 0.5, "to": 2, "count": 4}}]
            """));
        Assert.Equal(["10", "100", "1000"], d.Axes[0].Parameters[0].Values.Select(SweepParameter.Text));
        Assert.Equal(["0.5", "1", "1.5", "2"], d.Axes[1].Parameters[0].Values.Select(SweepParameter.Text));
    }

    [Fact]
    public void EachPointWritesDownEverythingThatFixesItsResult()
    {
        File.WriteAllText(Path.Combine(_dir, "m.onnx"), "");
        var d = Parse(Body("""[{"option": "--particles", "values": [100, 200]}]""", """ "options": {"--dynamics": "pf-ode", "--field": "exact"}, """));
        var args = SweepPoint.All(d)[1].Args;
        Assert.Equal(["simulate", "scenario.json", "--dynamics", "pf-ode", "--field", "exact", "--particles", "200", "--backend", "managed",
            "--threads", "1", "--seed", "0", "--reproducible", "--out", "out"], args);
        // A given seed, backend or thread count is kept, not doubled.
        var e = Parse(Body("""[{"option": "--seed", "values": [1, 2]}]""", """ "options": {"--threads": 2, "--backend": "managed"}, """));
        var p = SweepPoint.All(e)[1];
        Assert.Equal(1, p.Args.Count(a => a == "--seed"));
        Assert.Equal("2", p.Args[p.Args.ToList().IndexOf("--seed") + 1]);
        Assert.Equal(2, p.Threads);
        // A model path becomes absolute (the point runs from its own folder, or on a cluster node).
        var j = SweepDefinition.Parse("""{"command": "judge", "scenario": "ou-gmm-1d", "options": {"--model": "m.onnx"}, "vary": [{"option": "--times", "values": [5, 7]}]}""", "j.json", _dir);
        Assert.Contains(Path.Combine(_dir, "m.onnx"), SweepPoint.All(j)[0].Args);
    }

    [Fact]
    public void TheSelfContainedFormParsesToTheSameSweep()
    {
        var d = Parse(Body("""[{"zip": [{"option": "--steps", "values": [10, 20]}, {"field": "time.end", "values": [0.5, 1.0]}]}]""", """ "report": ["ksD"], "slurm": {"throttle": 2}, """));
        string json = d.ToJson();
        var again = SweepDefinition.Parse(json, "again.json", "/elsewhere");
        Assert.Equal(json, again.ToJson());
        Assert.Equal(SweepPoint.All(d).Select(p => p.ToJson()), SweepPoint.All(again).Select(p => p.ToJson()));
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { """{"command": "solve", "scenario": "ou-gmm-1d"}""", "$", "required" },
        { """{"command": "plot", "scenario": "ou-gmm-1d", "vary": [{"option": "--steps", "values": [1]}]}""", "$.command", "enum" },
        { Body("""[{"option": "--steps"}]"""), "$.vary[0]", "" },
        { Body("""[{"option": "--stepz", "values": [1]}]"""), "$.vary[0].option", "no option --stepz" },
        { Body("""[{"option": "--out", "values": ["a"]}]"""), "$.vary[0].option", "set by the sweep" },
        { Body("""[{"option": "--steps", "values": [1]}]""", """ "options": {"--dry-run": true}, """), "$.options.--dry-run", "set by the sweep" },
        { Body("""[{"zip": [{"option": "--steps", "values": [1, 2]}, {"option": "--seed", "values": [1]}]}]"""), "$.vary[0].zip[1]", "equal lengths" },
        { Body("""[{"field": "grid.cellz[0]", "values": [1]}]"""), "$.vary[0].field", "no grid.cellz" },
        { Body("""[{"field": "grid.cells[3]", "values": [1]}]"""), "$.vary[0].field", "1 elements, no [3]" },
        { Body("""[{"option": "--steps", "values": [[1, 2]]}]"""), "$.vary[0].values", "numbers, strings or booleans" },
        { Body("""[{"option": "--steps", "values": [1]}, {"option": "--steps", "values": [2]}]"""), "$.vary[1]", "" },
        { Body("""[{"option": "--steps", "values": [1]}]""", """ "report": ["l1Error"], """), "$.report[0]", "reports no 'l1Error'" },
        { Body("""[{"option": "--steps", "logRange": {"from": 0, "to": 10, "count": 3}}]"""), "$.vary[0]", "" },
        { """{"command": "validate", "scenario": "ou-gmm-1d", "vary": [{"option": "--case", "values": ["ou-gmm-1d"]}]}""", "$.scenario", "validate runs its own cases" },
        { """{"command": "solve", "scenario": "no-such", "vary": [{"option": "--threads", "values": [1]}]}""", "$.scenario", "no built-in scenario" },
        { """{"command": "solve", "scenario": {"process": {"kind": "ou", "theta": -1}}, "vary": [{"option": "--threads", "values": [1]}]}""", "test.json ($.scenario)", "" },
        { "{\"command\": ", "", "not valid JSON" },
        { Body("""[{"option": "--steps", "values": [10, 20, 10]}]"""), "$.vary[0]", "appears twice" },
        { Body("""[{"option": "--steps", "logRange": {"from": 10, "to": 11, "count": 3}, "integer": true}]"""), "$.vary[0]", "appears twice" },
        { Body("""[{"option": "--steps", "values": [10]}]""", """ "report": ["steps"], """), "$.report[0]", "also a parameter's name" },
        { Body("""[{"option": "--seed", "name": "point", "values": [1]}]"""), "$.vary", "'point' is a column" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void ABadSweepFileIsRefusedWithItsPathAndRule(string json, string path, string rule)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Parse(json));
        Assert.Contains(path, e.Message);
        Assert.Contains(rule, e.Message);
    }

    [Fact]
    public void TheDefaultReportLeavesOutValuesNamedLikeAParameterAndBigIntegersKeepTheirDigits()
    {
        var d = Parse(Body("""[{"option": "--steps", "values": [10]}, {"option": "--seed", "values": [9007199254740993]}]"""));
        Assert.DoesNotContain("steps", d.Report);
        Assert.Contains("ksD", d.Report);
        Assert.Contains("9007199254740993", SweepPoint.All(d)[0].Args);
    }

    [Fact]
    public void ArrayRangesAreWrittenCompactly()
    {
        Assert.Equal("0-3,5,7-9", SlurmScript.Ranges([0, 1, 2, 3, 5, 7, 8, 9]));
        Assert.Equal("4", SlurmScript.Ranges([4]));
    }

    [Theory]
    [InlineData("convergence-ou-1d.json", 8)]
    [InlineData("sampler-steps-1d.json", 6)]
    public void TheExampleSweepsParse(string file, int points)
    {
        var d = SweepDefinition.ParseFile(Path.Combine(ScenarioSchemaTests.FindRoot(), "examples", "sweeps", file));
        Assert.Equal(points, d.Count);
    }
}
