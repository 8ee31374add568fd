using FokkerPlanck.Fields;
using FokkerPlanck.IO;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using PureHDF;

namespace FokkerPlanck.Tests.Cli;

/// <summary>'simulate' with the user's inputs: --start points, --fields from a stored solution.h5, and .npy output.</summary>
public sealed class SimulateInputsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-siminputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Small(int snapshots) => $$$"""
        {"name": "small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [256]},
         "time": {"end": 0.5, "snapshots": {{{snapshots}}}}, "solver": {"tolerance": 1e-6}}
        """;

    private string Scenario(int snapshots = 5)
    {
        string path = Path.Combine(_dir, $"small{snapshots}.json");
        File.WriteAllText(path, Small(snapshots));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliTests.Invoke(args);

    [Fact]
    public void StartPointsAreTheFirstSnapshotAndSetTheParticleCount()
    {
        string start = Path.Combine(_dir, "start.csv");
        File.WriteAllText(start, "x\n-1.25\n0.0\n3.5\n0.75\n");
        string outDir = Path.Combine(_dir, "s");
        var (code, stdout, err) = Run("simulate", Scenario(), "--dynamics", "forward-sde", "--field", "exact", "--start", start, "--steps", "8", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("starting from start.csv (4 rows)", stdout, StringComparison.Ordinal);
        using var f = H5File.OpenRead(Path.Combine(outDir, "particles.h5"));
        var pos = f.Dataset("positions").Read<double[,]>();
        Assert.Equal(4, pos.GetLength(1));
        Assert.Equal([-1.25, 0.0, 3.5, 0.75], Enumerable.Range(0, 4).Select(i => pos[0, i]));
        Assert.Equal(4L, f.Attribute("particles").Read<long>());
    }

    [Fact]
    public void AParticleCountThatContradictsTheStartFileIsRefused()
    {
        string start = Path.Combine(_dir, "start.npy");
        NpyFile.Write(start, [0.5, 1.5], 2);
        string outDir = Path.Combine(_dir, "bad");
        var (code, _, err) = Run("simulate", Scenario(), "--start", start, "--particles", "10", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--particles 10 differs from the 2 points of --start", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void StoredFieldsGiveTheSameParticlesAsTheInMemoryRunOnThem()
    {
        string solved = Path.Combine(_dir, "solved"), outDir = Path.Combine(_dir, "p");
        Assert.Equal(0, Run("solve", Scenario(), "--out", solved, "-q").Code);
        string h5 = Path.Combine(solved, "solution.h5");
        var (code, stdout, err) = Run("simulate", "--fields", h5, "--particles", "500", "--steps", "40", "--seed", "5", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("fields from the stored solution: 5 snapshots", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("solving", stdout, StringComparison.Ordinal);
        var stored = SolutionReader.Read(h5);
        var fields = GridFields.FromSolution(stored.Solution, stored.Scenario.Process);
        var r = ParticleSimulator.Simulate(stored.Scenario.ToParticleProblem(fields), new ParticleOptions
        {
            Dynamics = Dynamics.Parse("reverse-sde"), Field = FieldKind.Grid, Particles = 500, Steps = 40, Seed = 5,
        });
        using var f = H5File.OpenRead(Path.Combine(outDir, "particles.h5"));
        var pos = f.Dataset("positions").Read<double[,]>();
        for (int s = 0; s < r.Times.Length; s++)
            for (int i = 0; i < 500; i++) Assert.Equal(r.X[s][i], pos[s, i]);
    }

    [Fact]
    public void StoredFieldsWithTooFewSnapshotsCarryAWarning()
    {
        string solved = Path.Combine(_dir, "solved3");
        Assert.Equal(0, Run("solve", Scenario(3), "--out", solved, "-q").Code);
        var (code, stdout, err) = Run("simulate", "--fields", Path.Combine(solved, "solution.h5"), "--particles", "100", "--steps", "10",
            "--out", Path.Combine(_dir, "p3"));
        Assert.True(code == 0, err);
        Assert.Contains("warning: with 3 snapshots (fewer than 5) the time-interpolation error of the stored fields cannot be estimated", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsAndToleranceOrExactFieldsAreRefusedTogether()
    {
        string solved = Path.Combine(_dir, "solved");
        Assert.Equal(0, Run("solve", Scenario(), "--out", solved, "-q").Code);
        string h5 = Path.Combine(solved, "solution.h5");
        var (code, _, err) = Run("simulate", "--fields", h5, "--tolerance", "1e-4", "--out", Path.Combine(_dir, "a"));
        Assert.Equal(2, code);
        Assert.Contains("give one of them", err, StringComparison.Ordinal);
        (code, _, err) = Run("simulate", "--fields", h5, "--field", "exact", "--out", Path.Combine(_dir, "b"));
        Assert.Equal(2, code);
        Assert.Contains("--fields gives grid fields", err, StringComparison.Ordinal);
    }

    [Fact]
    public void NpyOutputHasTheHdf5NamesShapesAndValues()
    {
        string a = Path.Combine(_dir, "h"), b = Path.Combine(_dir, "n");
        string[] args = ["simulate", Scenario(), "--field", "exact", "--particles", "64", "--steps", "8", "--trajectories", "3", "--seed", "2", "--reproducible", "-q"];
        Assert.Equal(0, Run([.. args, "--out", a]).Code);
        Assert.Equal(0, Run([.. args, "--out", b, "--format", "npy"]).Code);
        using var f = H5File.OpenRead(Path.Combine(a, "particles.h5"));
        foreach (string name in new[] { "t", "positions", "trajectoryTimes", "trajectories" })
        {
            var ds = f.Dataset(name);
            var (v, shape) = NpyFile.Read(Path.Combine(b, "particles", name + ".npy"));
            Assert.Equal(ds.Space.Dimensions.Select(d => (int)d), shape);
            Assert.Equal(ds.Read<double[]>(), v);
        }
        Assert.True(File.Exists(Path.Combine(b, "particles", "attributes.json")));
    }
}
