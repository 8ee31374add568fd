using FokkerPlanck.Cli;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>The initial-mass check through the real CLI: exit 2 with file, JSON path and fix above solver.tolerance,
/// a warning line (and file attribute) below it, before any time stepping (so also with --dry-run).</summary>
public sealed class InitialMassCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-mass-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario1D(double bound) => $$$"""
        {"name": "mass-1d", "process": {"kind": "ou"},
         "initial": {"kind": "gaussian-mixture", "weights": [1.0], "means": [[0.0]], "covariances": [[[1.0]]]},
         "grid": {"lower": [{{{-bound}}}], "upper": [{{{bound}}}], "cells": [64]}, "time": {"end": 0.05, "snapshots": 2},
         "solver": {"tolerance": 1e-6, "extrapolate": false}}
        """;

    private static string Scenario2D(string covariance, double bound = 8) => $$$"""
        {"name": "mass-2d", "process": {"kind": "ou"},
         "initial": {"kind": "gaussian-mixture", "weights": [0.5, 0.5], "means": [[-1.0, 0.5], [0.3, 0.1]],
                     "covariances": [[[0.5, 0.1], [0.1, 0.4]], {{{covariance}}}]},
         "grid": {"lower": [{{{-bound}}}, {{{-bound}}}], "upper": [{{{bound}}}, {{{bound}}}], "cells": [160, 160]},
         "time": {"end": 0.05, "snapshots": 2}}
        """;

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "mass.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static void AssertRefused((int Code, string Out, string Err) r, string path, params string[] texts)
    {
        Assert.Equal(ExitCodes.BadInput, r.Code);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains($"mass.json: {path}: ", r.Err, StringComparison.Ordinal);
        foreach (var t in texts) Assert.Contains(t, r.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("simulate")]
    public void MassOutsideA1DDomainAboveTheToleranceIsAnInputError(string command)
    {
        // N(0, 1) on [-4, 4]: 6.3e-5 outside; tails under 5e-8 each need |x| ≥ 5.4.
        string outDir = Path.Combine(_dir, "out");
        var r = CliTests.Invoke(command, Write(Scenario1D(4)), "--dry-run", "--out", outDir);
        AssertRefused(r, "$.grid", "6.3e-05 of the initial mass lies outside [-4, 4]", "widen grid.lower/upper to at least [-5.4]/[5.4]");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void MassOutsideA2DDomainAboveTheToleranceIsAnInputError()
    {
        var r = CliTests.Invoke("solve", Write(Scenario2D("[[0.3, 0.0], [0.0, 0.3]]", bound: 3)), "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "$.grid", "of the initial mass lies outside [-3, 3]×[-3, 3]", "above solver.tolerance 1e-08");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void MassOutsideA1DDomainBelowTheToleranceIsAWarningInTheOutputAndTheFile()
    {
        // N(0, 1) on [-6, 6]: 2.0e-9 outside, under solver.tolerance 1e-6.
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = CliTests.Invoke("solve", Write(Scenario1D(6)), "--backend", "managed", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("warning: $.grid: 2.0e-09 of the initial mass lies outside [-6, 6]", stdout, StringComparison.Ordinal);
        using var f = H5File.OpenRead(Path.Combine(outDir, "solution.h5"));
        Assert.Contains("$.grid: 2.0e-09 of the initial mass lies outside", f.Attribute("warnings").Read<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void MassOutsideA2DDomainBelowTheToleranceIsAWarningInADryRun()
    {
        var (code, stdout, stderr) = CliTests.Invoke("solve", Write(Scenario2D("[[0.3, 0.0], [0.0, 0.3]]", bound: 5.5)), "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.Contains("warning: $.grid: ", stdout, StringComparison.Ordinal);
        Assert.Contains("below solver.tolerance 1e-08", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunnelTooNarrowForTheCellsIsAnInputError()
    {
        const string funnel = """
            {"name": "thin-funnel", "process": {"kind": "vp"}, "initial": {"kind": "funnel", "sigmaV": 0.001, "a": 0.2, "b": 1.0},
             "grid": {"lower": [-20.0, -6.0], "upper": [20.0, 6.0], "cells": [400, 160]}, "time": {"end": 0.1, "snapshots": 2}}
            """;
        var r = CliTests.Invoke("solve", Write(funnel), "--dry-run");
        AssertRefused(r, "$.initial", "of the initial mass is not represented by the cell averages", "cells 0.1 × 0.075", "use more cells");
    }

    [Fact]
    public void AComponentOfVariance1eMinus10KeepsItsMassAndRuns()
    {
        // The case: this component started with 0.40 of its mass and the run reported an L1 error of 8.8e-17.
        var (code, stdout, stderr) = CliTests.Invoke("solve", Write(Scenario2D("[[1e-10, 0.0], [0.0, 1e-10]]")), "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("warning", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeGridAnnouncesTheMassCheckBeforeItRuns()
    {
        // 2·10⁷ cells: the check averages the density over every cell; a line says so first (a dry run is not silent).
        const string big = """
            {"name": "big", "process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[0.25]]]},
             "grid": {"lower": [-8], "upper": [8], "cells": [2e7]}, "time": {"end": 1, "snapshots": 2}}
            """;
        var (code, stdout, stderr) = CliTests.Invoke("solve", Write(big), "--dry-run", "--max-memory", "1000G");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.StartsWith("scenario big: checking the initial density's mass on the grid's 20000000 cells", lines[0], StringComparison.Ordinal);
        Assert.Contains("dry run: scenario and options are valid", stdout, StringComparison.Ordinal);
    }
}
