using FokkerPlanck.Backends;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;
using FokkerPlanck.Tests.Model.Plugins;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>
/// Processes and densities added in one file each (the test assembly's <see cref="CubicProcess"/> and
/// <see cref="NormalDensity"/>) are read from scenario files, checked against the schema their kinds bring, solved by the
/// grid solver and run by the CLI, with no edit elsewhere.
/// </summary>
public sealed class ScenarioKindTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-kinds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Cubic = """
        {"name": "cubic-relaxation", "process": {"kind": "cubic"},
         "initial": {"kind": "normal", "mean": 0.5, "sd": 0.8},
         "grid": {"lower": [-6.0], "upper": [6.0], "cells": [480]}, "time": {"end": 6.0, "snapshots": 2}, "solver": {"tolerance": 1e-7}}
        """;

    [Fact]
    public void APluginProcessRelaxesToItsStationaryDensityFromAPluginDensity()
    {
        var sc = ScenarioParser.Parse(Cubic);
        Assert.IsType<CubicProcess>(sc.Process);
        var sol = sc.Solve(new ManagedBackend());
        var g = sc.Grid1D!;
        var x = g.Centers();
        // t = 0: the normal density's exact cell averages (mass 1 to the tails' 3e-12, mean 0.5).
        Assert.Equal(1.0, sol.Masses[0], 9);
        Assert.Equal(0.5, sol.Densities[0].Select((p, i) => p * x[i]).Sum() * g.H, 9);
        // t = 6: the stationary density exp(-x⁴/4)/Z (σ² = 2), reached to within e^{-λ t} of the start, λ ≈ 1.37 the
        // spectral gap: 3e-4 of the initial L1 distance, plus the grid's O(h²) ≈ 1e-4 error.
        var stat = x.Select(v => Math.Exp(-Math.Pow(v, 4) / 4)).ToArray();
        double z = stat.Sum() * g.H;
        double l1 = sol.Densities[^1].Select((p, i) => Math.Abs(p - stat[i] / z)).Sum() * g.H;
        log.WriteLine($"L1 distance to exp(-x^4/4)/Z at t = 6: {l1:E2}");
        Assert.True(l1 < 1e-3, $"L1 distance to the stationary density {l1:E2}");
        // Negative control: the t = 0 density is far from it.
        double l1Start = sol.Densities[0].Select((p, i) => Math.Abs(p - stat[i] / z)).Sum() * g.H;
        Assert.True(l1Start > 0.1, $"start L1 {l1Start:E2}");
    }

    [Theory]
    [InlineData("\"sigma\": -1", "$.process.sigma")]
    [InlineData("\"sigma\": 1, \"theta\": 2", "$.process")]
    public void APluginKindsOwnRulesAreEnforced(string extra, string path)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Cubic.Replace("\"kind\": \"cubic\"", "\"kind\": \"cubic\", " + extra)));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void UnknownKindsListTheRegisteredOnesAndDuplicatesAreRefused()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Cubic.Replace("\"kind\": \"cubic\"", "\"kind\": \"quartic\"")));
        Assert.Contains("unknown process kind \"quartic\"", e.Message);
        Assert.Contains("cubic", e.Message);
        Assert.Throws<ArgumentException>(() => ProcessKinds.Registry.Register(ProcessKinds.Registry.All[0] with { Schema = "{}" }));
        Assert.Throws<ArgumentException>(() => DensityKinds.Registry.Register(new ScenarioKind<(FokkerPlanck.Model.IDensity1D?, FokkerPlanck.Model.IDensity2D?)>("x", (_, _) => (null, null))));
    }

    [Fact]
    public void TheCliSolvesAPluginScenarioAndTheParticleEngineRefusesItWithAMessage()
    {
        string path = Path.Combine(_dir, "cubic.json");
        File.WriteAllText(path, Cubic.Replace("480", "240"));
        var (code, stdout, stderr) = CliTests.Invoke("solve", path, "--backend", "managed", "--out", _dir, "-q");
        Assert.True(code == 0, stderr + stdout);
        Assert.True(File.Exists(Path.Combine(_dir, "solution.h5")));
        (code, _, stderr) = CliTests.Invoke("simulate", path, "--particles", "100", "--out", _dir, "-q");
        Assert.Equal(2, code);
        Assert.Contains("cubic", stderr);
    }
}
