using System.Diagnostics;
using System.Globalization;

namespace FokkerPlanck.Tests.Cli.Sweeps;

/// <summary>Sweep files and helpers shared by the sweep tests.</summary>
internal static class SweepFixture
{
    /// <summary>A small OU scenario whose solves take well under a second.</summary>
    public const string Scenario = """
        {"name": "small", "process": {"kind": "ou", "theta": 1.0, "sigma": 1.4142135623730951},
         "initial": {"kind": "gaussian-mixture", "weights": [0.3, 0.7], "means": [[-2.0], [1.5]], "covariances": [[[0.25]], [[0.5]]]},
         "grid": {"lower": [-10.0], "upper": [10.0], "cells": [64], "boundary": "reflecting"},
         "time": {"end": 0.5, "snapshots": 3}, "solver": {"scheme": "implicit", "tolerance": 1e-6}}
        """;

    /// <summary>12 points of solve: cells × theta × extrapolation.</summary>
    public const string Twelve = """
        {"name": "twelve", "command": "solve", "scenario": "scenario.json",
         "vary": [{"field": "grid.cells[0]", "name": "cells", "values": [32, 64, 128]},
                  {"field": "process.theta", "name": "theta", "values": [0.5, 1.0]},
                  {"field": "solver.extrapolate", "name": "extrapolate", "values": [false, true]}],
         "report": ["l1Error", "l1Estimate", "scoreError", "steps"]}
        """;

    /// <summary>Writes the scenario and a sweep file into a folder.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="sweep">The sweep's JSON.</param>
    /// <returns>The sweep file's path.</returns>
    public static string Write(string dir, string sweep)
    {
        File.WriteAllText(Path.Combine(dir, "scenario.json"), Scenario);
        string path = Path.Combine(dir, "sweep.json");
        File.WriteAllText(path, sweep);
        return path;
    }

    /// <summary>Runs the CLI in this process.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>Exit code and output.</returns>
    public static (int Code, string Out, string Err) Cli(params string[] args) => CliTests.Invoke(args);

    /// <summary>The number of points with a status.json.</summary>
    /// <param name="sweepDir">The sweep folder.</param>
    /// <returns>Finished points.</returns>
    public static int Finished(string sweepDir) =>
        Directory.Exists(Path.Combine(sweepDir, "points"))
            ? Directory.GetDirectories(Path.Combine(sweepDir, "points")).Count(d => File.Exists(Path.Combine(d, "status.json")))
            : 0;

    /// <summary>Runs a point's recorded command line (point.json's args) as a child process from the point's folder, as a
    /// user rerunning it by hand would.</summary>
    /// <param name="pointDir">The point's folder.</param>
    /// <returns>Exit code and standard error.</returns>
    public static (int Code, string Err) RunRecorded(string pointDir)
    {
        var args = FokkerPlanck.Cli.Sweeps.SweepPoint.ReadArgs(File.ReadAllText(Path.Combine(pointDir, "point.json")));
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = pointDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliProcess.Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err.Result);
    }

    /// <summary>Index as a point folder name.</summary>
    /// <param name="sweepDir">The sweep folder.</param>
    /// <param name="index">The point.</param>
    /// <returns>Its folder.</returns>
    public static string Point(string sweepDir, int index) => Path.Combine(sweepDir, "points", index.ToString("D4", CultureInfo.InvariantCulture));
}
