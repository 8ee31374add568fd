using System.CommandLine;
using FokkerPlanck.Validation;

namespace FokkerPlanck.Cli;

/// <summary>'validate': runs the validation suite (quick or full, or one case) and writes DIR/report.md, DIR/report.json
/// and DIR/figures; exit code 0 only if every case passes.</summary>
internal static class ValidateCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var suite = new Option<string>("--suite") { Description = "quick (4 cases at small sizes, ≤ 3 min on 2 cores; run in CI) or full (every case and the error budget, ≤ 30 min)", DefaultValueFactory = _ => "quick" }
            .AcceptOnlyFromAmong("quick", "full");
        var caseOpt = new Option<string[]>("--case") { Description = $"Run only these cases (repeatable) at the suite's sizes: {string.Join(", ", ValidationCases.Names)}", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Base seed (default 20261125); every run derives its own seed from it and the case and dynamics names",
            CustomParser = WholeNumbers.OptionalULong("--seed"),
        };
        var outDir = new Option<string>("--out", "-o") { Description = "Output directory", DefaultValueFactory = _ => "validation-out" };
        var quiet = CliApp.QuietOption();
        var cmd = new Command("validate", "Validate the grid against exact marginals and particles of every dynamics against the grid, with negative controls; write DIR/report.md, DIR/report.json and DIR/figures")
        {
            suite, caseOpt, seed, outDir, quiet,
        };
        cmd.SetAction(pr =>
        {
            var s = ValidationSettings.Named(pr.GetValue(suite)!);
            var only = pr.GetValue(caseOpt);
            if (only is { Length: > 0 }) s = s with { Cases = only, ErrorBudget = false };
            if (pr.GetValue(seed) is ulong sd) s = s with { Seed = sd };
            s.Validate();
            var w = pr.InvocationConfiguration.Output;
            bool q = pr.GetValue(quiet);
            string dir = pr.GetValue(outDir)!;
            OutputLocation.Check(dir);
            string command = "fokker-planck " + string.Join(' ', pr.Tokens.Select(t => t.Value));
            var report = ValidationSuite.Run(s, dir, q ? null : new LineProgress(w), cancel, command);
            RunSummary.Write(dir, "validate", null,
            [
                ("passed", report.Passed ? 1 : 0), ("cases", report.Cases.Count), ("casesFailed", report.Cases.Count(c => !c.Passed)),
                ("testsRejected", report.Cases.Sum(c => c.Rows.Count(r => r.Kind == RowKind.Test && r.Passed == false))),
            ]);
            if (!q)
            {
                foreach (var c in report.Cases)
                    w.WriteLine($"{c.Name,-18} {(c.Passed ? "pass" : "FAIL")}  {c.Rows.Count(r => r.Kind == RowKind.Test)} tests, " +
                        $"{c.Rows.Count(r => r.Kind == RowKind.Test && r.Passed == false)} rejected; controls rejected " +
                        $"{c.Rows.Count(r => r.Kind == RowKind.Control && r.Passed == true)}/{c.Rows.Count(r => r.Kind == RowKind.Control && r.Passed is not null)}; " +
                        $"accuracy {c.Rows.Count(r => r.Kind == RowKind.Accuracy && r.Passed == true)}/{c.Rows.Count(r => r.Kind == RowKind.Accuracy)}");
                w.WriteLine($"{(report.Passed ? "PASS" : "FAIL")}: wrote {Path.Combine(dir, "report.md")}, report.json and {report.Figures.Count} figures ({report.WallTime.TotalSeconds:F0} s)");
            }
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }
}
