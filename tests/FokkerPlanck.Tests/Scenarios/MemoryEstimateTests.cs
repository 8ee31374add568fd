using FokkerPlanck.Backends;
using FokkerPlanck.Fields;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Scenarios;

public class MemoryEstimateTests
{
    // Solves, derives the fields and writes the file (what 'solve' does); returns the bytes of the arrays the finished run
    // keeps: the density snapshots and every field array, counted from their lengths.
    private static long Retained(Scenario sc)
    {
        var sol = sc.Solve(new ManagedBackend());
        var f = GridFields.FromSolution(sol, sc.Process);
        string dir = Directory.CreateTempSubdirectory("fp-mem-").FullName;
        FokkerPlanck.IO.SolutionFile.Write(Path.Combine(dir, "s.h5"), sol, sc.ToJson(), f);
        Directory.Delete(dir, true);
        double[][]?[] all = [sol.Densities, f.Score, f.ScoreY, f.Velocity, f.VelocityY, f.Weight, f.FaceVelocity, f.FaceVelocityY, f.FaceDrift, f.FaceDriftY];
        return all.Where(a => a is not null).Sum(a => a!.Sum(x => 8L * x.Length));
    }

    private const string OneD = """
        {"process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]},
         "grid": {"lower": [-6], "upper": [6], "cells": [200]}, "time": {"end": 0.2, "snapshots": 5}, "solver": {"tolerance": 1e-5}}
        """;

    private const string TwoD = """
        {"process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0, 0]], "covariances": [[[1, 0], [0, 1]]]},
         "grid": {"lower": [-6, -6], "upper": [6, 6], "cells": [40, 30]}, "time": {"end": 0.2, "snapshots": 4}, "solver": {"tolerance": 1e-5}}
        """;

    [Theory]
    [InlineData(OneD)]
    [InlineData(TwoD)]
    public void EstimateLiesBetweenWhatTheRunKeepsAndWhatItAllocates(string json)
    {
        // Peak live memory lies between the arrays the finished run keeps and everything it allocated: the estimate must too.
        var sc = ScenarioParser.Parse(json);
        long est = MemoryEstimate.Solve(sc).Bytes;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long kept = Retained(sc);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(est >= kept && est <= allocated, $"estimate {est}, kept {kept}, allocated {allocated}");
    }

    [Fact]
    public void ParticlesAndTrajectoriesAreCounted()
    {
        var sc = BuiltInScenarios.Get("ou-gmm-1d");
        long none = MemoryEstimate.Simulate(sc, 1000, 100, 0, gridFields: false).Bytes;
        long more = MemoryEstimate.Simulate(sc, 2000, 100, 0, gridFields: false).Bytes;
        long traj = MemoryEstimate.Simulate(sc, 1000, 100, 10, gridFields: false).Bytes;
        long grid = MemoryEstimate.Simulate(sc, 1000, 100, 0, gridFields: true).Bytes;
        Assert.Equal(2 * none, more);
        Assert.Equal(none + 8L * 2 * 101 * 10, traj);
        Assert.Equal(none + MemoryEstimate.Solve(sc).Bytes, grid);
        // 11 snapshots × 1000 particles stored and written, plus 6 state vectors.
        Assert.Equal(8L * (2 * 11 + 6) * 1000, none);
    }

    [Fact]
    public void TimeSummedScoreWindowsAreCountedFromAsManyParticlesAsCells()
    {
        var sc = BuiltInScenarios.Get("ou-gmm-1d"); // 2048 cells
        long Extra(int particles) => MemoryEstimate.Simulate(sc, particles, 100, 0, gridFields: true).Bytes
            - MemoryEstimate.Simulate(sc, particles, 100, 0, gridFields: false).Bytes - MemoryEstimate.Solve(sc).Bytes;
        Assert.Equal(0, Extra(2047));
        // Three stages (RK4) of one (score, weight) pair per cell.
        Assert.Equal(8L * 3 * 2048 * 2, Extra(2048));
    }

    [Fact]
    public void HugeGridsAreRefusedOrEstimatedWithoutWrapping()
    {
        // 2D beyond one array: refused by the parser, with the path, before any estimate.
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("""
            {"process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0, 0]], "covariances": [[[1, 0], [0, 1]]]},
             "grid": {"lower": [-6, -6], "upper": [6, 6], "cells": [2147483647, 2147483647]}, "time": {"end": 1, "snapshots": 100000}}
            """));
        Assert.Contains("$.grid.cells", e.Message);
        // The largest 1D grid with 100000 snapshots: petabytes (8 bytes × 2.1e9 cells × 1e5 snapshots alone is 1.7e15),
        // not a wrapped small or negative number.
        var sc = ScenarioParser.Parse("""
            {"process": {"kind": "ou"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]},
             "grid": {"lower": [-6], "upper": [6], "cells": [2147483000]}, "time": {"end": 1, "snapshots": 100000}}
            """);
        long bytes = MemoryEstimate.Solve(sc).Bytes;
        Assert.True(bytes >= 1.7e15, $"{bytes}");
    }

    [Theory]
    [InlineData("1000", 1000L)]
    [InlineData("8G", 8L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5k", 1536L)]
    [InlineData("2TB", 2L << 40)]
    public void SizesParse(string text, long bytes) => Assert.Equal(bytes, MemoryEstimate.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1G")]
    [InlineData("0")]
    [InlineData("3X")]
    public void BadSizesAreRefused(string text) => Assert.Throws<FormatException>(() => MemoryEstimate.ParseSize(text));
}
