using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Scenarios;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Scenarios;

/// <summary>
/// A tolerance instead of a grid: scenarios whose grid the user set too coarse or whose domain too narrow are solved to a
/// target, and the result meets it against the exact marginal (density L1 and score / PF-velocity errors where
/// p ≥ 1e-6 max p), at every snapshot.
/// </summary>
public class AccuracyTargetTests(ITestOutputHelper log)
{
    private static Scenario Parse(string grid, string extra = "") => ScenarioParser.Parse(
        "{\"process\": {\"kind\": \"ou\"}, \"initial\": {\"kind\": \"gaussian-mixture\", \"weights\": [0.3, 0.7], \"means\": [[-1.0], [1.5]], " +
        "\"covariances\": [[[0.09]], [[0.25]]]}, \"grid\": " + grid + ", \"time\": {\"end\": 1.0, \"snapshots\": 3}" + extra + "}");

    private static (double L1, double Field) TrueErrors(AccuracyTargetResult r)
    {
        var sc = r.Scenario; var sol = r.Solution;
        double l1 = 0, field = 0;
        for (int s = 0; s < sol.Times.Length; s++)
        {
            var exact = ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, sol.Times[s])!;
            l1 = Math.Max(l1, ErrorNorms.Compare(sol.Densities[s], CellAverages.Of(sc.Grid1D!, exact), sc.Grid1D!.H).L1);
            var (se, ve) = FieldErrors.Relative(r.Fields, s, exact, null);
            field = Math.Max(field, Math.Max(se, ve));
        }
        return (l1, field);
    }

    [Fact]
    public void ACoarseNarrowGridIsWidenedAndRefinedUntilTheTargetIsMet()
    {
        const double tol = 1e-5;
        var sc = Parse("{\"lower\": [-3], \"upper\": [3], \"cells\": [32]}");
        var r = AccuracyTarget.Solve(sc, tol, s => s.Solve(TestCases.Managed), long.MaxValue, log.WriteLine);
        var (l1, field) = TrueErrors(r);
        log.WriteLine($"chose {AccuracyTarget.Describe(r.Scenario)}: true L1 {l1:E2}, field {field:E2}");
        Assert.True(r.Scenario.Grid1D!.Lower < -3 && r.Scenario.Grid1D.Upper > 3, "the domain was widened");
        Assert.True(r.Scenario.Grid1D.Cells > 32);
        Assert.True(l1 <= tol && field <= tol, $"L1 {l1}, field {field}");
        Assert.Contains("\"cells\": [", r.Scenario.ToJson());
        Assert.True(r.Estimates.Density.Max() <= tol && r.Estimates.Score.Max() <= tol && r.Estimates.Velocity.Max() <= tol);
    }

    [Fact]
    public void AnUnreachableTargetStopsWithExitThreeNotAQuietResult()
    {
        var sc = Parse("{\"lower\": [-8], \"upper\": [8], \"cells\": [64]}");
        // A budget just above the first grid's estimate: the first refinement (2–4× the cells) cannot fit.
        long budget = MemoryEstimate.Solve(sc).Bytes * 3 / 2;
        var e = Assert.Throws<SolverFailureException>(() => AccuracyTarget.Solve(sc, 1e-11, s => s.Solve(TestCases.Managed), budget));
        Assert.Equal(FailureCause.TargetNotMet, e.Cause);
        Assert.Contains("memory budget", e.Message);
        string outDir = Path.Combine(Path.GetTempPath(), $"fp-at-{Guid.NewGuid():N}");
        var (code, _, err) = FokkerPlanck.Tests.Cli.CliTests.Invoke("solve", WriteTemp(sc), "--tolerance", "1e-11", "--max-memory",
            budget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outDir);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(FokkerPlanck.Cli.ExitCodes.NumericalFailure, code);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1e-3")]
    [InlineData("NaN")]
    public void BadTolerancesAreInputErrors(string value)
    {
        var (code, _, err) = FokkerPlanck.Tests.Cli.CliTests.Invoke("solve", "ou-gmm-1d", "--tolerance", value, "--dry-run");
        Assert.Equal(FokkerPlanck.Cli.ExitCodes.BadInput, code);
        Assert.Contains("--tolerance", err);
    }

    /// <summary>
    /// 50 random 1D scenarios (seeded: OU / VP / VE, 1–3 components with sd 0.2–0.8, means in [-2, 2]), each started on a
    /// grid the user set too coarse (16–48 cells) or a domain too narrow (±2 to ±4), solved to 1e-4: every one meets the
    /// target against the exact marginal at every snapshot. Full tier.
    /// </summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void RandomScenariosWithPoorGridsMeetTheTargetAgainstTheExactMarginal()
    {
        const double tol = 1e-4;
        var rng = new Random(7100);
        int met = 0;
        var misses = new List<string>();
        for (int n = 0; n < 50; n++)
        {
            int k = 1 + rng.Next(3);
            var w = Enumerable.Range(0, k).Select(_ => 0.2 + rng.NextDouble()).ToArray();
            double sum = w.Sum();
            string weights = string.Join(", ", w.Select(v => (v / sum).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            string means = string.Join(", ", Enumerable.Range(0, k).Select(_ => $"[{(-2 + 4 * rng.NextDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}]"));
            string covs = string.Join(", ", Enumerable.Range(0, k).Select(_ => $"[[{Math.Pow(0.2 + 0.6 * rng.NextDouble(), 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}]]"));
            string process = rng.Next(3) switch { 0 => "{\"kind\": \"ou\"}", 1 => "{\"kind\": \"vp\", \"betaMax\": 10}", _ => "{\"kind\": \"ve\", \"sigmaMax\": 2}" };
            bool narrow = rng.NextDouble() < 0.5;
            double half = narrow ? 2 + 2 * rng.NextDouble() : 8;
            int cells = narrow ? 64 : 16 + 2 * rng.Next(17);
            string hs = half.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var sc = ScenarioParser.Parse($"{{\"process\": {process}, \"initial\": {{\"kind\": \"gaussian-mixture\", \"weights\": [{weights}], \"means\": [{means}], " +
                $"\"covariances\": [{covs}]}}, \"grid\": {{\"lower\": [-{hs}], \"upper\": [{hs}], \"cells\": [{cells}]}}, \"time\": {{\"end\": 1.0, \"snapshots\": 3}}}}");
            var r = AccuracyTarget.Solve(sc, tol, s => s.Solve(TestCases.Managed), 1L << 30);
            var (l1, field) = TrueErrors(r);
            string line = $"#{n} {sc.Process.Kind}, {k} components, from {cells} cells on ±{half:G3} to {AccuracyTarget.Describe(r.Scenario)} " +
                          $"in {r.Rounds.Count(l => l.StartsWith("round", StringComparison.Ordinal))} solves: true L1 {l1:E2}, fields {field:E2}";
            log.WriteLine(line);
            if (l1 <= tol && field <= tol) met++; else misses.Add(line);
        }
        log.WriteLine($"{met} of 50 met the target {tol:E0}");
        Assert.Empty(misses);
    }

    private static string WriteTemp(Scenario sc)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fp-at-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, sc.ToJson());
        return path;
    }
}
