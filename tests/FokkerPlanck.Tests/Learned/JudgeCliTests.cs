using FokkerPlanck.Cli;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Learned;

/// <summary><c>judge</c> from the command line: the report and figures on a good model, and exit 2 with a one-line
/// message and nothing written on every kind of bad model input.</summary>
public sealed class JudgeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-judge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string M(string file) => Path.Combine(ScoreJudgeTests.Models, file);

    [Fact]
    public void WritesTheReportAndFigures()
    {
        string outDir = Path.Combine(_dir, "ok");
        var (code, stdout, err) = CliTests.Invoke("judge", M("judge-gmm-1d.json"), "--model", M("gmm1d-score.onnx"), "--out", outDir, "--backend", "managed", "--particles", "2000");
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        foreach (var f in new[] { "report.md", "report.json", "score-error.png", "densities.png" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.True(doc.RootElement.GetProperty("reverseSde").GetProperty("kullbackLeibler").GetDouble() <= 1e-6);
        Assert.Contains("reverse SDE: KL(p ‖ p̂)", stdout);
        Assert.Contains("| reverse SDE |", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.True(doc.RootElement.GetProperty("particles").GetProperty("checks").GetArrayLength() >= 14);
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["--model", "no-such-model.onnx"], "model file 'no-such-model.onnx' not found" },
        { ["--model", "gmm1d-score.onnx", "--input", "position"], "the model has no input 'position' (its inputs: x [N, 1], t [N])" },
        { ["--model", "gmm1d-score.onnx", "--output", "eps"], "the model has no output 'eps'" },
        { ["--model", "gmm2d-score.onnx"], "has 2 coordinates ([N, 2]), but the scenario is 1D" },
        { ["--model", "gmm1d-score-nan.onnx"], "the model's output is not finite (NaN) at x = " },
        { ["--model", "judge-gmm-1d.json"], "is not a model ONNX Runtime can load" },
        { ["--model", "gmm1d-noise.onnx", "--parametrisation", "noise"], "σ(t) = 0 at t = 0: a noise output has no score there" },
        { ["--model", "gmm1d-score.onnx", "--t-min", "5"], "t-min must lie in [time.start, time.end) = [0, 3) (got 5)" },
        // The tests run the default build, which carries ONNX Runtime's CPU package.
        { ["--model", "gmm1d-score.onnx", "--provider", "cuda"], "the CUDA execution provider is not in this build's ONNX Runtime" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadModelInputsExitTwoWithOneLineAndWriteNothing(string[] args, string reason)
    {
        string outDir = Path.Combine(_dir, "bad");
        var a = args.Select(x => x.EndsWith(".onnx", StringComparison.Ordinal) || x.EndsWith(".json", StringComparison.Ordinal) ? (x.StartsWith("no-such", StringComparison.Ordinal) ? x : M(x)) : x).ToList();
        string[] all = ["judge", M("judge-gmm-1d.json"), .. a, "--out", outDir, "--backend", "managed", "-q"];
        var (code, _, err) = CliTests.Invoke(all);
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(reason, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir));
    }
}
