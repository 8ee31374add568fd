using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FokkerPlanck.Backends;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// <c>simulate --reproducible</c> gives the same bytes on one machine whatever the thread count, the run and the JIT
/// tier: the real CLI as child processes, so that every run starts in tier-0 code and tiers up part-way (the Brownian
/// increments' vector log/sin/cos once differed in the last bit between tier-0 and optimised code), and runs with the
/// tiering forced by the runtime's environment variables.
/// </summary>
[Trait("Tier", "Full")]
[Collection(AloneCollection.Name)]
public sealed class ReproducibilityTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-repro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // ou-gmm-1d on a coarser grid with fewer snapshots, so that the grid solve of --field grid costs little.
    private const string Scenario = """
        {"name": "ou-gmm-1d-small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.4, 0.3], "means": [[-2.0], [0.5], [2.5]],
                     "covariances": [[[0.16]], [[0.25]], [[0.36]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [256], "boundary": "reflecting"},
         "time": {"start": 0.0, "end": 1.0, "snapshots": 3}, "solver": {"scheme": "implicit"}}
        """;

    // 2500 increment batches per step and 100 steps: the generator is called often enough, for long enough, that its
    // methods are promoted from tier 0 during the run.
    private const int Particles = 10_000, Steps = 100, Repetitions = 5;

    private static readonly string[] Knobs =
        ["DOTNET_TieredCompilation", "DOTNET_TC_QuickJit", "DOTNET_TC_QuickJitForLoops", "DOTNET_TieredPGO", "DOTNET_JITMinOpts", "DOTNET_ReadyToRun"];

    // Runtime settings: default tiering (tier 0, then optimised part-way), everything optimised from the start, no
    // quick JIT and no PGO, everything minimally optimised (tier-0 code throughout), and no precompiled framework code.
    private static readonly (string Name, Dictionary<string, string?> Env)[] Runtimes =
    [
        ("default", Knobs.ToDictionary(k => k, _ => (string?)null)),
        ("TieredCompilation=0", With(("DOTNET_TieredCompilation", "0"))),
        ("TC_QuickJit=0 TieredPGO=0", With(("DOTNET_TC_QuickJit", "0"), ("DOTNET_TieredPGO", "0"))),
        ("JITMinOpts=1", With(("DOTNET_JITMinOpts", "1"))),
        ("ReadyToRun=0", With(("DOTNET_ReadyToRun", "0"))),
    ];

    private static Dictionary<string, string?> With(params (string Name, string Value)[] set)
    {
        var env = Knobs.ToDictionary(k => k, _ => (string?)null);
        foreach (var (name, value) in set) env[name] = value;
        return env;
    }

    private sealed record RunSpec(string Dynamics, string Field, int Threads, string Runtime, int Repetition, Dictionary<string, string?> Env)
    {
        public string Config => $"{Dynamics}, {Field} fields";
        public string Label => $"{Config}, --threads {Threads}, {Runtime}, run {Repetition}";
    }

    [Fact]
    public async Task SimulateGivesTheSameBytesAtEveryThreadCountRunAndJitTier()
    {
        string scenario = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(scenario, Scenario);
        var specs = new List<RunSpec>();
        foreach (string dynamics in new[] { "forward-sde", "reverse-sde" })
            foreach (string field in new[] { "exact", "grid" })
            {
                foreach (int threads in new[] { 1, 2 })
                    for (int r = 0; r < Repetitions; r++) specs.Add(new(dynamics, field, threads, Runtimes[0].Name, r, Runtimes[0].Env));
                foreach (var (name, env) in Runtimes.Skip(1)) specs.Add(new(dynamics, field, 2, name, 0, env));
            }

        var clock = Stopwatch.StartNew();
        var hashes = new string[specs.Count];
        using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        await Task.WhenAll(specs.Select(async (spec, i) =>
        {
            await slots.WaitAsync();
            try { hashes[i] = await Simulate(scenario, spec, Path.Combine(_dir, i.ToString(CultureInfo.InvariantCulture))); }
            finally { slots.Release(); }
        }));
        log.WriteLine($"{specs.Count} runs of {Particles} particles × {Steps} steps in {clock.Elapsed.TotalSeconds:F1} s " +
                      $"(vector increments: {IncrementBatch.IsAccelerated})");

        var failures = new List<string>();
        foreach (var config in specs.Select((s, i) => (s, i)).GroupBy(x => x.s.Config))
        {
            var distinct = config.GroupBy(x => hashes[x.i]).OrderByDescending(g => g.Count()).ToList();
            log.WriteLine($"{config.Key}: {distinct[0].Key} ({distinct[0].Count()} of {config.Count()} runs)");
            foreach (var other in distinct.Skip(1))
                failures.Add($"{config.Key}: {other.Key} from {string.Join("; ", other.Select(x => x.s.Label))} " +
                             $"instead of {distinct[0].Key}");
        }
        foreach (var f in failures) log.WriteLine(f);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<string> Simulate(string scenario, RunSpec spec, string outDir)
    {
        string[] args =
        [
            "simulate", scenario, "--seed", "7", "--reproducible", "--dynamics", spec.Dynamics, "--field", spec.Field,
            "--particles", Particles.ToString(CultureInfo.InvariantCulture), "--steps", Steps.ToString(CultureInfo.InvariantCulture),
            "--threads", spec.Threads.ToString(CultureInfo.InvariantCulture), "--backend", "managed", "--quiet", "--out", outDir,
        ];
        // A run takes about 1 s alone and 5 s on 2 loaded cores; the limit only guards against a hang.
        var (code, _, err) = await CliProcess.RunAsync(args, spec.Env, TimeSpan.FromMinutes(15));
        Assert.True(code == 0, $"{spec.Label}: exit {code}: {err}");
        return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, "particles.h5"))));
    }
}
