using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>time.snapshots as a count, a list or a geometric spacing, and the errors each form gives.</summary>
public class SnapshotTimesTests
{
    private static string Scenario(string snapshots) =>
        "{\"process\": {\"kind\": \"ou\"}, \"initial\": {\"kind\": \"gaussian-mixture\", \"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]}, " +
        "\"grid\": {\"lower\": [-5], \"upper\": [5], \"cells\": [64]}, \"time\": {\"start\": 0, \"end\": 2, \"snapshots\": " + snapshots + "}}";

    [Fact]
    public void ACountGivesEqualSpacingEndingExactlyOnTheEnd()
    {
        var sc = ScenarioParser.Parse(Scenario("5"));
        Assert.Equal([0.0, 0.5, 1.0, 1.5, 2.0], sc.Times);
        Assert.Equal(5, sc.Snapshots);
    }

    [Fact]
    public void AListIsTakenAsGivenAndRoundTrips()
    {
        var sc = ScenarioParser.Parse(Scenario("[0, 0.01, 0.1, 1, 2]"));
        Assert.Equal([0.0, 0.01, 0.1, 1.0, 2.0], sc.Times);
        var again = ScenarioParser.Parse(sc.ToJson());
        Assert.Equal(sc.Times, again.Times);
        Assert.Equal(sc.ToJson(), again.ToJson());
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    public void AGeometricSpacingStartsWithTheSmallestIntervalAtItsEnd(string toward)
    {
        var sc = ScenarioParser.Parse(Scenario($"{{\"count\": 6, \"spacing\": \"geometric\", \"toward\": \"{toward}\", \"smallest\": 0.002}}"));
        var t = sc.Times;
        Assert.Equal(6, t.Length);
        Assert.Equal(0.0, t[0]);
        Assert.Equal(2.0, t[^1]);
        var gaps = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
        if (toward == "end") gaps = gaps.Reverse().ToArray();
        Assert.Equal(0.002, gaps[0], 1e-15);
        // Offsets from the dense end are geometric: 0.002, 0.002 q, …, 2 with q = (2 / 0.002)^(1/4).
        double q = Math.Pow(1000, 0.25), off = 0.002;
        var offsets = toward == "start" ? t.Skip(1).Select(v => v - 0).ToArray() : t.Reverse().Skip(1).Select(v => 2 - v).ToArray();
        for (int k = 0; k < offsets.Length; k++, off *= q) Assert.Equal(off, offsets[k], 1e-12 * Math.Max(1, off));
        Assert.Equal(sc.ToJson(), ScenarioParser.Parse(sc.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("[0, 1, 1, 2]", "$.time.snapshots[2]", "increase strictly")]
    [InlineData("[0.1, 1, 2]", "$.time.snapshots[0]", "time.start")]
    [InlineData("[0, 1, 1.5]", "$.time.snapshots[2]", "time.end")]
    [InlineData("[0]", "$.time.snapshots", "≥ 2")]
    [InlineData("[0, \"1\", 2]", "$.time.snapshots[1]", "must be a number")]
    [InlineData("1", "$.time.snapshots", "≥ 2")]
    [InlineData("\"many\"", "$.time.snapshots", "a count, a list")]
    [InlineData("{\"count\": 5, \"spacing\": \"log\", \"smallest\": 0.1}", "$.time.snapshots.spacing", "geometric")]
    [InlineData("{\"count\": 5, \"spacing\": \"geometric\", \"smallest\": 2}", "$.time.snapshots.smallest", "< time.end - time.start")]
    [InlineData("{\"count\": 5, \"spacing\": \"geometric\", \"smallest\": 0.1, \"toward\": \"middle\"}", "$.time.snapshots.toward", "start or end")]
    [InlineData("{\"count\": 2, \"spacing\": \"geometric\", \"smallest\": 0.1}", "$.time.snapshots.count", "≥ 3")]
    [InlineData("{\"count\": 5, \"spacing\": \"geometric\", \"smallest\": 0.1, \"extra\": 1}", "$.time.snapshots.extra", "unknown field")]
    [InlineData("{\"count\": 5, \"spacing\": \"geometric\"}", "$.time.snapshots.smallest", "required")]
    public void BadSnapshotsNameThePathAndTheRule(string snapshots, string path, string rule)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Scenario(snapshots), "bad.json"));
        Assert.Contains(path, e.Message);
        Assert.Contains(rule, e.Message);
        Assert.StartsWith("bad.json: ", e.Message);
    }
}
