using FokkerPlanck.Cli;

namespace FokkerPlanck.Tests.Cli;

/// <summary>
/// The failure cases of the "never silently wrong" issue through the real CLI entry point: each ends quickly with exit 3
/// (numerical failure) or 2 (input refused), one "error:" line on stderr and no output directory.
/// </summary>
public sealed class FailureExitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-fail-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(string process, string grid, string time, string solver) => $$"""
        {"name": "f", "process": {{process}},
         "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.0]], "covariances": [[[0.3]]]},
         "grid": {{grid}}, "time": {{time}}, "solver": {{solver}}}
        """;

    private const string Ou = """{"kind": "ou", "theta": 1.0, "sigma": 1.0}""";
    private const string Grid = """{"lower": [-6.0], "upper": [6.0], "cells": [32], "boundary": "reflecting"}""";
    private const string Short = """{"end": 0.05, "snapshots": 3}""";
    private const string Plain = """{"extrapolate": false}""";

    public static TheoryData<string, string, int, string> Cases => new()
    {
        // sigma 1e200: D = ½σ² overflows; used to loop forever at full CPU.
        { "sigma", Scenario("""{"kind": "ou", "theta": 1.0, "sigma": 1e200}""", Grid, Short, Plain), ExitCodes.NumericalFailure, "rate is not finite" },
        // time.end 1e300 on a reflecting domain: used to write an all-zero density and NaN scores with exit 0.
        { "long", Scenario(Ou, Grid, """{"end": 1e300, "snapshots": 3}""", Plain), ExitCodes.NumericalFailure, "mass drifted" },
        // A fixed step needing 1e12 steps: refused before the run instead of running for days.
        { "steps", Scenario(Ou, Grid, """{"end": 1.0, "snapshots": 3}""", """{"fixedStep": 1e-12, "extrapolate": false}"""), ExitCodes.NumericalFailure, "steps, more than the budget" },
        // Grid [0, 1e-300] with a fixed step: used to write NaN densities with exit 0. The initial density has no
        // representable mass on cells of 3e-302 (cell averages underflow): refused as input.
        { "tiny", Scenario(Ou, """{"lower": [0.0], "upper": [1e-300], "cells": [32]}""", Short, """{"fixedStep": 0.01, "extrapolate": false}"""), ExitCodes.BadInput, "$.grid" },
        // Explicit scheme with a stiff process on a long span: the step budget ends it.
        { "explicit", Scenario("""{"kind": "ou", "theta": 1.0, "sigma": 1e150}""", Grid, Short, """{"scheme": "explicit", "extrapolate": false}"""), ExitCodes.NumericalFailure, "step size collapsed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SolveStopsWithOneLineAndNoFile(string name, string json, int exit, string text)
    {
        string file = Path.Combine(_dir, name + ".json"), outDir = Path.Combine(_dir, "out");
        File.WriteAllText(file, json);
        // A hang guard, not a speed limit: each case stops within a second when it works.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var (code, _, err) = CliTests.Invoke(limit.Token, "solve", file, "--out", outDir, "-q", "--backend", "managed");
        Assert.True(code == exit, $"exit {code}: {err}");
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.Contains(text, err);
        Assert.False(Directory.Exists(outDir), "no output directory may be created");
    }

    [Fact]
    public void SimulateWithExplodingParticlesStopsWithExitThree()
    {
        // lambda = 1e6 with exact fields: the SDE overflows within a few steps; used to write NaN particles with exit 0.
        string outDir = Path.Combine(_dir, "sim");
        var (code, _, err) = CliTests.Invoke("simulate", "ou-gmm-1d", "--dynamics", "lambda=1e6", "--field", "exact", "-n", "1000",
            "--out", outDir, "-q", "--backend", "managed");
        Assert.True(code == ExitCodes.NumericalFailure, $"exit {code}: {err}");
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("particle position became", err);
        Assert.Contains("(particle ", err);
        Assert.False(Directory.Exists(outDir));
    }
}
