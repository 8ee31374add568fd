using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Expressions;

/// <summary>Runs `solve` on a 1D scenario with the given process object and checks that it is refused with exit 2 at the
/// given JSON path with the given reason.</summary>
internal static class ProcessRefusal
{
    public static void Check(string dir, string process, string path, string reason)
    {
        string json = "{\"name\": \"p\", \"process\": " + process + ", " +
            """ "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.0]], "covariances": [[[0.3]]]}, "grid": {"lower": [-6.0], "upper": [6.0], "cells": [32]}, "time": {"end": 0.5, "snapshots": 3}}""";
        string file = Path.Combine(dir, "p.json");
        File.WriteAllText(file, json);
        CliRefusal.Check(file, Path.Combine(dir, "o"), path, reason);
    }
}
