using FokkerPlanck.Cli;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>'simulate' through the real CLI entry point and its determinism.</summary>
public sealed class SimulateCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        {"name": "small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [256]},
         "time": {"end": 0.5, "snapshots": 5}, "solver": {"tolerance": 1e-6}}
        """;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliTests.Invoke(args);

    private string Scenario()
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, Small);
        return path;
    }

    [Fact]
    public void SameSeedGivesIdenticalBytesForOneAndTwoThreads()
    {
        string s = Scenario();
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        string[] common = ["simulate", s, "--dynamics", "lambda=0.5", "--particles", "5000", "--steps", "40", "--trajectories", "4", "--reproducible", "-q"];
        Assert.Equal(0, Run([.. common, "--seed", "7", "--threads", "1", "--out", a]).Code);
        Assert.Equal(0, Run([.. common, "--seed", "7", "--threads", "2", "--out", b]).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "particles.h5")), File.ReadAllBytes(Path.Combine(b, "particles.h5")));
        // A different seed gives different positions (the check can fail).
        string c = Path.Combine(_dir, "c");
        Assert.Equal(0, Run([.. common, "--seed", "8", "--out", c]).Code);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "particles.h5")), File.ReadAllBytes(Path.Combine(c, "particles.h5")));
    }

    [Theory]
    [InlineData("forward-sde", "exact", "euler-maruyama")]
    [InlineData("pf-ode", "grid", "dopri5")]
    public void FileMatchesTheInMemoryRunBitForBit(string dynamics, string field, string integrator)
    {
        string s = Scenario(), outDir = Path.Combine(_dir, "o");
        var (code, stdout, _) = Run("simulate", s, "--dynamics", dynamics, "--field", field, "--integrator", integrator, "--particles", "300",
            "--steps", "8", "--seed", "3", "--trajectories", "2", "--out", outDir);
        Assert.Equal(0, code);
        Assert.Contains("wrote", stdout);
        var sc = ScenarioParser.Parse(Small, "small");
        // The CLI's fields: at the times FieldTimeline chooses for the default --field-tolerance.
        var fields = field == "grid" ? sc.SolveFields().Fields : null;
        var r = ParticleSimulator.Simulate(sc.ToParticleProblem(fields), new ParticleOptions
        {
            Dynamics = Dynamics.Parse(dynamics), Field = field == "grid" ? FieldKind.Grid : FieldKind.Exact, Integrator = Integrators.Parse(integrator),
            Particles = 300, Steps = 8, Seed = 3, Trajectories = 2,
        });
        using var f = H5File.OpenRead(Path.Combine(outDir, "particles.h5"));
        Assert.Equal(r.Times, f.Dataset("t").Read<double[]>());
        var pos = f.Dataset("positions").Read<double[,]>();
        Assert.Equal(r.Times.Length, pos.GetLength(0));
        for (int k = 0; k < r.Times.Length; k++) for (int i = 0; i < 300; i++) Assert.Equal(r.X[k][i], pos[k, i]);
        var traj = f.Dataset("trajectories").Read<double[,]>();
        Assert.Equal(9, traj.GetLength(0));
        Assert.Equal(r.TrajectoryX[^1][1], traj[8, 1]);
        Assert.Equal(integrator, f.Attribute("integrator").Read<string>());
        Assert.Equal(3L, f.Attribute("seed").Read<long>());
        Assert.Equal(r.FieldEvaluations, f.Attribute("fieldEvaluations").Read<long>());
        if (dynamics == "pf-ode") Assert.True(r.Times[0] > r.Times[^1], "reverse dynamics run from time.end to time.start");
    }

    [Fact]
    public void TwoDimensionalPositionsHaveALastAxisOfTwo()
    {
        string outDir = Path.Combine(_dir, "o2");
        Assert.Equal(0, Run("simulate", "ou-gmm-2d", "--field", "exact", "--particles", "50", "--steps", "10", "-q", "--out", outDir).Code);
        using var f = H5File.OpenRead(Path.Combine(outDir, "particles.h5"));
        var pos = f.Dataset("positions").Read<double[,,]>();
        Assert.Equal(new[] { 6, 50, 2 }, new[] { pos.GetLength(0), pos.GetLength(1), pos.GetLength(2) });
    }

    [Theory]
    [InlineData("--particles", "0", "particles must be ≥ 1")]
    [InlineData("--dynamics", "lambda=-1", "lambda must be ≥ 0")]
    [InlineData("--dynamics", "sideways", "--dynamics must be")]
    [InlineData("--integrator", "rk4", "is for the PF-ODE")]
    [InlineData("--integrator", "leapfrog", "--integrator must be one of")]
    [InlineData("--steps", "2", "snapshot intervals")]
    [InlineData("--field", "exact", "--field exact needs")]
    public void BadOptionsExitWithTwoAndWriteNothing(string option, string value, string message)
    {
        string outDir = Path.Combine(_dir, "bad");
        string scenario = option == "--field" ? "ou-laplace-1d" : Scenario();
        var (code, stdout, stderr) = Run("simulate", scenario, option, value, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(outDir));
    }
}
