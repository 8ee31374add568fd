using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using FokkerPlanck.Tests.Cli;
using PureHDF;
using PureHDF.VOL.Native;

namespace FokkerPlanck.Tests.IO;

/// <summary>
/// The files follow the netCDF-4 layout that xarray's h5netcdf engine reads: every dataset that is not a coordinate
/// names one dimension scale per axis in DIMENSION_LIST, each scale is a one-dimensional dataset marked
/// CLASS = "DIMENSION_SCALE" (a fixed-length string: h5netcdf compares bytes) whose length is that axis's length, and every
/// dataset carries long_name. The Python check that xarray itself opens the files runs in .ci/run.
/// </summary>
public sealed class NetCdfLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-nc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Checks the layout and returns the dimension names of every variable.</summary>
    private static Dictionary<string, string[]> Dimensions(string path)
    {
        using var f = (NativeFile)H5File.OpenRead(path);
        var dims = new Dictionary<string, string[]>();
        Assert.Equal("CF-1.10", f.Attribute("Conventions").Read<string>());
        foreach (var d in f.Children().OfType<NativeDataset>())
        {
            Assert.True(d.AttributeExists("long_name"), $"{d.Name} has no long_name");
            var shape = d.Space.Dimensions;
            if (d.AttributeExists("CLASS"))
            {
                var cls = d.Attribute("CLASS");
                Assert.Equal(H5DataTypeClass.String, cls.Type.Class);
                Assert.NotEqual(H5DataTypeClass.VariableLength, cls.Type.Class);
                Assert.Equal("DIMENSION_SCALE", cls.Read<string>());
                Assert.Equal(d.Name, d.Attribute("NAME").Read<string>());
                Assert.Single(shape);
                dims[d.Name] = [d.Name];
                continue;
            }
            var refs = d.Attribute("DIMENSION_LIST").Read<NativeObjectReference1[][]>();
            Assert.Equal(shape.Length, refs.Length);
            var names = new string[refs.Length];
            for (int a = 0; a < refs.Length; a++)
            {
                var scale = (NativeDataset)f.Get(Assert.Single(refs[a]));
                Assert.Equal("DIMENSION_SCALE", scale.Attribute("CLASS").Read<string>());
                Assert.Equal(shape[a], scale.Space.Dimensions[0]);
                names[a] = scale.Name;
            }
            dims[d.Name] = names;
        }
        return dims;
    }

    [Fact]
    public void OneDimensionalSolutionWithFieldsNamesTimeAndX()
    {
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid1D(-6, 6, 24), TestCases.Mixture3, [0.0, 0.1, 0.2],
            new SolverOptions { Tolerance = 1e-5 }, TestCases.Managed);
        var fields = GridFields.FromSolution(sol, new OuProcess(), withCurrent: true);
        string path = Path.Combine(_dir, "s1.h5");
        SolutionFile.Write(path, sol, "{}", fields, new ErrorEstimates([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]));
        var d = Dimensions(path);
        Assert.Equal(["t", "x"], d["density"]);
        Assert.Equal(["t", "x"], d["score"]);
        Assert.Equal(["t", "x"], d["trusted"]);
        Assert.Equal(["t", "xFace"], d["current"]);
        Assert.Equal(["t"], d["mass"]);
        Assert.Equal(["t"], d["densityErrorEstimate"]);
        Assert.False(d.ContainsKey("y"));
    }

    [Fact]
    public void TwoDimensionalSolutionWithFieldsNamesTheComponent()
    {
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid2D(new Grid1D(-4, 4, 10), new Grid1D(-3, 3, 7)), TestCases.Mixture2D,
            [0.0, 0.1], new SolverOptions { Tolerance = 1e-5 }, TestCases.Managed);
        var fields = GridFields.FromSolution(sol, new OuProcess(), withCurrent: true);
        string path = Path.Combine(_dir, "s2.h5");
        SolutionFile.Write(path, sol, "{}", fields);
        var d = Dimensions(path);
        Assert.Equal(["t", "x", "y"], d["density"]);
        Assert.Equal(["t", "x", "y", "component"], d["velocity"]);
        Assert.Equal(["t", "xFace", "y"], d["currentX"]);
        Assert.Equal(["t", "x", "yFace"], d["currentY"]);
        Assert.Equal(["t", "x", "y"], d["trusted"]);
        using var f = H5File.OpenRead(path);
        Assert.Equal(["x", "y"], f.Dataset("component").Read<string[]>());
        Assert.Equal("{}", f.Attribute("scenario").Read<string>()); // fixed-length strings read back without padding
    }

    [Fact]
    public void ParticleFileNamesParticleAndTrajectoryDimensions()
    {
        string scenario = Path.Combine(_dir, "p.json");
        File.WriteAllText(scenario, """
            {"name": "p", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.0},
             "initial": {"kind": "gaussian-mixture", "weights": [1.0], "means": [[0.0, 0.0]], "covariances": [[[1.0, 0.0], [0.0, 1.0]]]},
             "grid": {"lower": [-6.0, -6.0], "upper": [6.0, 6.0], "cells": [16, 16]}, "time": {"end": 0.5, "snapshots": 3}}
            """);
        string outDir = Path.Combine(_dir, "p");
        var (code, _, err) = CliTests.Invoke("simulate", scenario, "--field", "exact", "--particles", "50", "--steps", "4",
            "--trajectories", "3", "--out", outDir, "-q");
        Assert.True(code == 0, err);
        var d = Dimensions(Path.Combine(outDir, "particles.h5"));
        Assert.Equal(["t", "particle", "component"], d["positions"]);
        Assert.Equal(["trajectoryTimes", "trajectory", "component"], d["trajectories"]);
        using var f = H5File.OpenRead(Path.Combine(outDir, "particles.h5"));
        Assert.Equal(Enumerable.Range(0, 50).ToArray(), f.Dataset("particle").Read<int[]>());
    }

    [Fact]
    public void ATextTooLongForAFixedStringFallsBackAndSaysSo()
    {
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid1D(-6, 6, 16), TestCases.Mixture3, [0.0, 0.1], null, TestCases.Managed);
        string path = Path.Combine(_dir, "long.h5");
        string scenario = "{\"note\": \"" + new string('a', NetCdfLayout.LongestFixedString + 10) + "\"}";
        SolutionFile.Write(path, sol, scenario);
        using var f = H5File.OpenRead(path);
        Assert.Equal(scenario, f.Attribute("scenario").Read<string>()); // nothing is lost
        Assert.False(f.Dataset("x").AttributeExists("CLASS"));
        Assert.Contains("no netCDF dimension scales", f.Attribute("warnings").Read<string>(), StringComparison.Ordinal);
    }
}
