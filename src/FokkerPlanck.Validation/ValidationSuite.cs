using System.Diagnostics;

namespace FokkerPlanck.Validation;

/// <summary>Runs a suite of cases (and the error budget) and writes report.md, report.json and the figures.</summary>
public static class ValidationSuite
{
    /// <summary>Runs the suite.</summary>
    /// <param name="settings">Settings.</param>
    /// <param name="outDir">Output directory (created), or null to write nothing.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <param name="command">The command line that ran the suite, quoted in the report (null: none).</param>
    /// <returns>The report.</returns>
    public static ValidationReport Run(ValidationSettings settings, string? outDir, IProgress<string>? progress = null, CancellationToken cancel = default, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var clock = Stopwatch.StartNew();
        var cases = new List<CaseResult>();
        foreach (var name in settings.Cases)
        {
            var c = CaseRunner.Run(name, settings, progress, cancel);
            progress?.Report($"{name}: {(c.Passed ? "pass" : "FAIL")} in {c.WallTime.TotalSeconds:F0} s");
            cases.Add(c);
        }
        ErrorBudgetResult? budget = settings.ErrorBudget
            ? ErrorBudget.Run("vp-laplace-1d", 20_000, [8, 16, 32, 64, 128, 256], 1024, [256, 512, 1024, 2048], settings.Seed ^ 0xB0D6E7UL, progress, cancel)
            : null;
        var report = new ValidationReport { Settings = settings, Cases = cases, Budget = budget, WallTime = clock.Elapsed, Command = command };
        if (outDir is null) return report;
        Directory.CreateDirectory(outDir);
        string figs = Path.Combine(outDir, "figures");
        Directory.CreateDirectory(figs);
        foreach (var c in cases)
            foreach (int k in new[] { 2, c.Times.Length - 1, 0 }) // the middle time, the end, and the start (where reverse runs end)
            {
                string file = $"{c.Name}-t{k}.svg";
                ValidationFigures.WriteSvg(ValidationFigures.Histograms(c, k), Path.Combine(figs, file));
                report.Figures.Add("figures/" + file);
            }
        if (budget is not null)
        {
            ValidationFigures.WriteSvg(ValidationFigures.Budget(budget), Path.Combine(figs, "error-budget.svg"));
            report.Figures.Add("figures/error-budget.svg");
        }
        report.WriteMarkdown(Path.Combine(outDir, "report.md"));
        report.WriteJson(Path.Combine(outDir, "report.json"));
        return report;
    }
}
