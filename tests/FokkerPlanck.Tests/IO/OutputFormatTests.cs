using System.Globalization;
using FokkerPlanck.Backends;
using FokkerPlanck.IO;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.IO;

/// <summary>Output formats are chosen by name from the registry: the built-ins, and the test assembly's one-file
/// <c>moments</c> sample (<see cref="Plugins.MomentsFormat"/>) through the real CLI.</summary>
public sealed class OutputFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        {"name": "small", "process": {"kind": "ou"},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-8.0], "upper": [8.0], "cells": [128]}, "time": {"end": 0.4, "snapshots": 3}, "solver": {"tolerance": 1e-6}}
        """;

    private static double[] Numbers(string line) => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void TheRegistryListsTheBuiltInsFirstAndRefusesDuplicatesAndUnknownNames()
    {
        Assert.Equal(["h5", "csv"], OutputFormats.Names.Take(2));
        Assert.Contains("moments", OutputFormats.Names);
        Assert.IsType<CsvFormat>(OutputFormats.Parse(" CSV "));
        Assert.Throws<ArgumentException>(() => OutputFormats.Register(new CsvFormat()));
        var e = Assert.Throws<ArgumentException>(() => OutputFormats.Parse("parquet"));
        Assert.Contains("moments", e.Message);
        Assert.Null(new Hdf5Format().Refuses(2));
        Assert.NotNull(new CsvFormat().Refuses(2));
    }

    [Fact]
    public void TheOneFileSampleFormatIsWrittenBySolveAndSimulate()
    {
        string scenario = Path.Combine(_dir, "small.json");
        File.WriteAllText(scenario, Small);
        var (code, stdout, stderr) = CliTests.Invoke("solve", scenario, "--format", "moments", "--backend", "managed", "--out", _dir, "-q");
        Assert.True(code == 0, stderr + stdout);
        var sol = ScenarioParser.Parse(Small).Solve(new ManagedBackend());
        var lines = File.ReadAllLines(Path.Combine(_dir, "solution.moments.txt"));
        Assert.Equal(sol.Times.Length, lines.Length);
        for (int k = 0; k < lines.Length; k++)
        {
            var v = Numbers(lines[k]);
            Assert.Equal(sol.Times[k], v[0]);
            Assert.Equal(sol.Masses[k], v[1], 12);
        }
        // The mixture's mean is 0.3·(-2) + 0.7·1.5 = 0.45 at t = 0, shrinking as e^{-t} under OU.
        Assert.Equal(0.45, Numbers(lines[0])[2], 3);
        Assert.Equal(0.45 * Math.Exp(-0.4), Numbers(lines[^1])[2], 3);

        (code, stdout, stderr) = CliTests.Invoke("simulate", scenario, "--format", "moments", "--particles", "200", "--steps", "10", "--field", "exact",
            "--seed", "5", "--out", _dir, "-q");
        Assert.True(code == 0, stderr + stdout);
        var p = File.ReadAllLines(Path.Combine(_dir, "particles.moments.txt"));
        Assert.Equal(3, p.Length);
        Assert.All(p, l => Assert.Equal(200, Numbers(l)[1]));

        (code, _, stderr) = CliTests.Invoke("solve", "ou-gmm-2d", "--format", "moments", "--out", _dir, "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("--format moments: the moments sample writes 1D results only", stderr);
    }
}
