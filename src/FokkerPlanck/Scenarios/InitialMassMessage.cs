using System.Globalization;
using FokkerPlanck.Discretization;
using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>Turns a scenario's <see cref="InitialMass"/> into the input error or warning the user sees, with the JSON
/// path of what to change and how.</summary>
internal static class InitialMassMessage
{
    /// <summary>Throws for an error verdict; returns the warning line for a warning verdict, else null.</summary>
    public static string? Evaluate(Scenario sc)
    {
        var m = sc.InitialMass;
        if (m.Verdict == InitialMassVerdict.Ok) return null;
        var (path, rule) = m.LostDominates ? Lost(sc, m) : Unresolved(sc, m);
        if (m.Verdict == InitialMassVerdict.Error)
            throw new ScenarioException(sc.Source, path, rule);
        return $"{path}: {rule}";
    }

    private static (string Path, string Rule) Lost(Scenario sc, InitialMass m)
    {
        string text = $"{E(m.Lost)} of the initial mass lies outside {Domain(sc)} (exact, from the analytic density)";
        if (m.Verdict == InitialMassVerdict.Warning)
            return ("$.grid", $"{text}; below solver.tolerance {G(m.Tolerance)}, so the run goes ahead without it");
        return ("$.grid", $"{text}, above solver.tolerance {G(m.Tolerance)}: widen grid.lower/upper to at least " +
            $"{Vector(m.SuggestedLower)}/{Vector(m.SuggestedUpper)}");
    }

    private static (string Path, string Rule) Unresolved(Scenario sc, InitialMass m)
    {
        string initial = sc.Process is FlowMatchingProcess ? "$.process.data" : "$.initial";
        string cells = sc.Grid1D is { } g ? $"h = {G(g.H)}" : $"{G(sc.Grid2D!.X.H)} × {G(sc.Grid2D.Y.H)}";
        string limit = m.Verdict == InitialMassVerdict.Error
            ? $"above solver.tolerance {G(m.Tolerance)}"
            : $"below solver.tolerance {G(m.Tolerance)}, so the run goes ahead";
        return (initial, $"{E(m.Unresolved)} of the initial mass is not represented by the cell averages (grid mass {m.Grid:F12}, " +
            $"exact mass inside the domain {m.Inside:F12}; cells {cells}), {limit}; use more cells");
    }

    private static string Domain(Scenario sc) => sc.Grid1D is { } g
        ? $"[{G(g.Lower)}, {G(g.Upper)}]"
        : $"[{G(sc.Grid2D!.X.Lower)}, {G(sc.Grid2D.X.Upper)}]×[{G(sc.Grid2D.Y.Lower)}, {G(sc.Grid2D.Y.Upper)}]";

    private static string Vector(double[] v) => $"[{string.Join(", ", v.Select(G))}]";

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string E(double v) => v.ToString("0.0e+00", CultureInfo.InvariantCulture);
}
