using System.Text.Json.Nodes;
using FokkerPlanck.Particles;
using FokkerPlanck.Tests.Cli;
using FokkerPlanck.Validation;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Validation;

[Trait("Tier", "Full")]
public class SuiteTests(ITestOutputHelper log)
{
    // Small settings for the fault-injection tests: one 1D case, 4000 particles, few replicates.
    private static ValidationSettings Small(string name, NegativeControl inject) => ValidationSettings.Quick with
    {
        Cases = [name], Particles1D = 4000, FloorReplicates = 3, MmdPoints = 300, SdeSteps = 50, OdeSteps = 25, MapPoints = 50, Inject = inject,
    };

    [Fact]
    public void QuickSuitePassesThroughTheCliAndWritesItsReport()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fp-validate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, stdout, stderr) = CliTests.Invoke("validate", "--suite", "quick", "--out", dir);
            log.WriteLine(stdout.Length > 4000 ? stdout[^4000..] : stdout);
            Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
            var md = File.ReadAllText(Path.Combine(dir, "report.md"));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;
            Assert.True(json["passed"]!.GetValue<bool>());
            var cases = json["cases"]!.AsArray();
            Assert.Equal(ValidationSettings.Quick.Cases, cases.Select(c => c!["name"]!.GetValue<string>()));
            // The markdown table and the JSON hold the same rows; every case has null tests, controls and accuracy rows.
            int rows = cases.Sum(c => c!["rows"]!.AsArray().Count);
            Assert.Equal(rows, md.Split('\n').Count(l => ValidationSettings.Quick.Cases.Any(n => l.StartsWith($"| {n} |", StringComparison.Ordinal))));
            foreach (var c in cases)
            {
                var kinds = c!["rows"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>()).ToHashSet();
                Assert.Superset(new HashSet<string> { "test", "control", "accuracy", "distance" }, kinds);
                Assert.True(c["seeds"]!.AsObject().Count > 0);
            }
            foreach (var f in json["figures"]!.AsArray())
            {
                var path = Path.Combine(dir, f!.GetValue<string>());
                Assert.True(new FileInfo(path).Length > 2000, $"{path} is too small to be a plot");
                Assert.Contains("<svg", File.ReadAllText(path));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(NegativeControl.FlipScoreSign, "reverse-sde")]
    [InlineData(NegativeControl.FullScoreFactor, "pf-ode")]
    [InlineData(NegativeControl.OmitLambdaCorrection, "lambda=0.5")]
    public void RemovingAnIngredientMakesTheSuiteFail(NegativeControl inject, string dynamics)
    {
        var r = ValidationSuite.Run(Small("ou-gmm-1d", inject), null);
        var rejected = r.Cases[0].Rows.Where(x => x.Kind == RowKind.Test && x.Passed == false).ToArray();
        log.WriteLine($"{inject}: {rejected.Length} null tests rejected; dynamics {string.Join(", ", rejected.Select(x => x.Dynamics).Distinct())}");
        Assert.False(r.Passed);
        Assert.Contains(rejected, x => x.Dynamics == dynamics);
    }

    [Fact]
    public void ReversingTheFlowMatchingVelocityMakesTheSuiteFail()
    {
        var r = ValidationSuite.Run(Small("fm-gmm-1d", NegativeControl.FlipDriftSign), null);
        Assert.False(r.Passed);
        Assert.Contains(r.Cases[0].Rows, x => x.Kind == RowKind.Test && x.Passed == false && x.Dynamics == "ODE (forward)");
    }

    [Fact]
    public void TheSmallSettingsPassWithoutInjection()
    {
        // The fault-injection tests above only mean something if the same small settings pass when nothing is wrong.
        var r = ValidationSuite.Run(Small("ou-gmm-1d", NegativeControl.None), null);
        Assert.True(r.Passed, string.Join("\n", r.Cases[0].Rows.Where(x => x.Passed == false)));
    }

    /// <summary>The named schedules' cases and the expression-defined processes' at the quick suite's sizes: every dynamics (forward and reverse SDE, PF-ODE,
    /// three lambdas; the ODE both ways for a flow-matching path), the Kim–Milman map and the likelihood pass their null
    /// tests at FWER 1e-3 (Holm), and all negative controls (three, or the reversed velocity) are rejected (Bonferroni min p &lt; 1e-6, or particles that diverge: the double well's cubic drift
    /// makes two wrong reverse dynamics blow up, which the runner records as a rejection).</summary>
    [Theory]
    [InlineData("cosine-gmm-1d")]
    [InlineData("subvp-gmm-1d")]
    [InlineData("edm-gmm-1d")]
    [InlineData("affine-trig-gmm-1d")]
    [InlineData("sde-doublewell-1d")]
    [InlineData("potential-tilted-1d")]
    [InlineData("fm-trig-gmm-1d")]
    public void NamedScheduleCasesPassWithEveryDynamics(string name)
    {
        var r = ValidationSuite.Run(ValidationSettings.Quick with { Cases = [name] }, null);
        var rows = r.Cases[0].Rows;
        log.WriteLine($"{name}: {rows.Count(x => x.Kind == RowKind.Test)} null tests, {rows.Count(x => x.Kind == RowKind.Control && x.Passed == true)} controls rejected");
        Assert.True(r.Passed, string.Join("\n", rows.Where(x => x.Passed == false)));
        // Every control of the case (three for a diffusion, the reversed velocity for a flow-matching path) is rejected.
        Assert.Equal(CaseRunner.Controls(ValidationCases.Get(name).Process).Count, rows.Count(x => x.Kind == RowKind.Control && x.Passed == true));
    }

    [Fact]
    public void BadArgumentsAreRejectedWithExitCode2()
    {
        var (code, _, err) = CliTests.Invoke("validate", "--case", "no-such-case", "--out", Path.Combine(Path.GetTempPath(), "fp-never"));
        Assert.Equal(2, code);
        Assert.Contains("no-such-case", err);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "fp-never")));
        var (code2, _, err2) = CliTests.Invoke("validate", "--suite", "huge");
        Assert.Equal(2, code2);
        Assert.Contains("huge", err2);
        Assert.Throws<ArgumentException>(() => (ValidationSettings.Quick with { FloorReplicates = 1 }).Validate());
    }

    [Fact]
    public void EveryCaseFileParsesAndHasQuarterTimes()
    {
        Assert.Equal(15, ValidationCases.Names.Count);
        foreach (var n in ValidationCases.Names)
        {
            var sc = ValidationCases.Get(n);
            Assert.Equal(n, sc.Name);
            Assert.Equal(0, (sc.Snapshots - 1) % 4);
            Assert.NotEmpty(CaseRunner.Controls(sc.Process));
        }
    }

    [Fact]
    public void ErrorBudgetSeparatesItsSourcesAndOrdersTheSchemes()
    {
        var b = ErrorBudget.Run("vp-laplace-1d", 3000, [8, 16, 32], 128, [96, 192, 384], 99);
        log.WriteLine(string.Join("\n", b.TimeLadder.Select(p => $"{p.Integrator} {p.Steps} {p.Tolerance} nfe {p.Evaluations:F1} W1 {p.Error:E2}")));
        log.WriteLine($"slopes {string.Join(", ", b.Slopes.Select(kv => $"{kv.Key} {kv.Value:F2}"))}; grid order {b.GridOrder:F2}; prior {b.PriorW1:E2}; floor {b.SamplingFloor:E2}");
        // Euler–Maruyama's error falls with the steps; the order-2 schemes fall faster per evaluation; the grid converges.
        var em = b.TimeLadder.Where(p => p.Integrator == "euler-maruyama").Select(p => p.Error).ToArray();
        Assert.True(em[0] > em[^1]);
        Assert.True(b.Slopes["rk4"] < b.Slopes["euler-maruyama"]);
        Assert.True(b.GridLadder[^1].L1 < b.GridLadder[0].L1 && b.GridOrder > 1.5, $"grid order {b.GridOrder}");
        Assert.True(b.SamplingFloor > 0 && b.PriorW1 > 0);
        Assert.Throws<ArgumentException>(() => ErrorBudget.Run("vp-laplace-1d", 100, [7], 128, [64], 1));
    }
}
