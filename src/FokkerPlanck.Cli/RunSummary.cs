using System.Text;
using System.Text.Json;

namespace FokkerPlanck.Cli;

/// <summary>
/// DIR/summary.json: the scalar results of one run (errors, estimates, statistics, counts) under fixed names, written by
/// solve, simulate, judge and validate beside their outputs, so that a sweep can collect any of them into one table. A value
/// that does not exist for the run (an error against an exact marginal the scenario lacks) is null. No wall time is in it:
/// two identical runs write identical bytes (the sweep's runner records the time in its own status.json).
/// </summary>
internal static class RunSummary
{
    /// <summary>The file's name inside an output directory.</summary>
    public const string FileName = "summary.json";

    /// <summary>The names each command reports, with what they mean (the sweep file's "report" chooses among them).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Meaning)>> Names { get; } =
        new Dictionary<string, IReadOnlyList<(string, string)>>
        {
            ["solve"] =
            [
                ("l1Error", "largest L1 density error against the exact marginal over the snapshots"),
                ("maxError", "largest max-norm density error against the exact marginal"),
                ("scoreError", "largest relative score error against the exact score (max |Δ|/(1+|F|) where p ≥ 1e-6 max p)"),
                ("velocityError", "largest relative PF-velocity error against the exact velocity"),
                ("l1Estimate", "largest estimated L1 density error (the tool's own estimate)"),
                ("scoreEstimate", "largest estimated score error"),
                ("velocityEstimate", "largest estimated PF-velocity error"),
                ("massDrift", "largest |mass − initial mass| over the snapshots"),
                ("cells", "cells of the grid solved on"),
                ("steps", "accepted time steps"),
                ("rejectedSteps", "rejected time steps"),
            ],
            ["simulate"] =
            [
                ("particles", "particles simulated"),
                ("steps", "time steps"),
                ("mean", "mean of x at the run's last time"),
                ("sd", "standard deviation of x at the run's last time"),
                ("meanY", "mean of y at the run's last time (2D)"),
                ("sdY", "standard deviation of y at the run's last time (2D)"),
                ("ksD", "Kolmogorov–Smirnov distance to the exact marginal at the run's last time (1D, exact marginal known)"),
                ("ksP", "its p-value"),
                ("fieldEvaluations", "field evaluations over all particles"),
                ("fallbacks", "trust-region fallbacks"),
                ("fieldInterpolationError", "bound on the grid fields' time-interpolation error (grid fields)"),
            ],
            ["judge"] =
            [
                ("weightedError", "½∫g²E|s_θ − ∇log p|²dt (the reverse SDE's KL bound), or ∫E|v_θ − u|²dt for a flow-matching velocity"),
                ("largestError", "largest E|s_θ − ∇log p|² (or E|v_θ − u|²) over the times"),
                ("reverseSdeKL", "KL(p ‖ p̂) of the learned reverse SDE's law"),
                ("reverseSdeTV", "its total variation"),
                ("reverseSdeW1", "its W1 (1D)"),
                ("reverseSdeEstimate", "the grid's error estimate of that law"),
                ("pfOdeKL", "KL(p ‖ p̂) of the learned PF-ODE's (or flow's) law"),
                ("pfOdeTV", "its total variation"),
                ("pfOdeW1", "its W1 (1D)"),
                ("pfOdeEstimate", "the error estimate of that law"),
                ("particleRejections", "particle runs rejected against the true marginal"),
                ("evaluations", "batched model evaluations"),
            ],
            ["validate"] =
            [
                ("passed", "1 when every case passed, else 0"),
                ("cases", "cases run"),
                ("casesFailed", "cases that failed"),
                ("testsRejected", "statistical tests rejected"),
            ],
        };

    /// <summary>Writes DIR/summary.json.</summary>
    /// <param name="directory">The run's output directory (exists).</param>
    /// <param name="command">solve, simulate, judge or validate.</param>
    /// <param name="scenario">The scenario's name, or null.</param>
    /// <param name="values">Name to value; a non-finite value is written as null. Every name must be one of <see cref="Names"/>.</param>
    public static void Write(string directory, string command, string? scenario, IEnumerable<(string Name, double Value)> values)
    {
        var known = Names[command].Select(n => n.Name).ToHashSet();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("command", command);
            if (scenario is not null) w.WriteString("scenario", scenario);
            w.WriteStartObject("values");
            foreach (var (name, value) in values)
            {
                if (!known.Contains(name)) throw new InvalidOperationException($"summary value '{name}' is not listed for {command}");
                if (double.IsFinite(value)) w.WriteNumber(name, value);
                else w.WriteNull(name);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        IO.PartialFiles.WriteAllText(Path.Combine(directory, FileName), Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Reads the values of a summary file (null values as NaN).</summary>
    /// <param name="path">A summary.json.</param>
    /// <returns>Name to value.</returns>
    public static Dictionary<string, double> Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8));
        var result = new Dictionary<string, double>();
        foreach (var p in doc.RootElement.GetProperty("values").EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN;
        return result;
    }

    /// <summary>The largest finite value, or NaN when there is none.</summary>
    /// <param name="values">Values.</param>
    /// <returns>The maximum over the finite ones.</returns>
    public static double MaxFinite(IEnumerable<double> values)
    {
        double m = double.NaN;
        foreach (double v in values) if (double.IsFinite(v) && !(v <= m)) m = v;
        return m;
    }
}
