using FokkerPlanck.Cli;
using FokkerPlanck.Tests.Cli;
using FokkerPlanck.Learned;

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
        foreach (var f in new[] { "report.md", "report.json", "score-error.png", "score-error-map.png", "densities.png" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.True(doc.RootElement.GetProperty("reverseSde").GetProperty("kullbackLeibler").GetDouble() <= 1e-6);
        Assert.Contains("reverse SDE: KL(p ‖ p̂)", stdout);
        Assert.Contains("| reverse SDE |", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.True(doc.RootElement.GetProperty("particles").GetProperty("checks").GetArrayLength() >= 14);
    }

    /// <summary>A flow-matching path judged through the CLI from a velocity table (the exact path velocity tabulated on
    /// 201 times × 3201 points over [-40, 40]: the flow map carries the grid edge beyond it): the velocity-error figure, the flow's law in the report, no reverse SDE.</summary>
    [Fact]
    public void JudgesAFlowMatchingVelocityTable()
    {
        var sc = FokkerPlanck.Scenarios.ScenarioParser.ParseFile(M("judge-fm-1d.json"));
        double[] t = Enumerable.Range(0, 201).Select(k => 0.99 * k / 200).ToArray();
        double[] x = Enumerable.Range(0, 3201).Select(i => -40 + 80.0 * i / 3200).ToArray();
        var field = new double[t.Length * x.Length];
        var f = new double[1];
        for (int k = 0; k < t.Length; k++)
            for (int i = 0; i < x.Length; i++) { sc.Process.Drift([x[i]], t[k], f); field[k * x.Length + i] = f[0]; }
        string table = Path.Combine(_dir, "fm-velocity.h5");
        TableField.Write(table, Parametrisation.Velocity, t, x, null, field);
        string outDir = Path.Combine(_dir, "fm");
        var (code, stdout, err) = CliTests.Invoke("judge", M("judge-fm-1d.json"), "--model", table, "--parametrisation", "velocity", "--out", outDir,
            "--backend", "managed", "--particles", "2000");
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        foreach (var name in new[] { "report.md", "report.json", "velocity-error.png", "velocity-error-map.png", "densities.png" }) Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        Assert.Contains("velocity error: ∫E|v_θ − u|²dt", stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("reverseSde").ValueKind);
        // Cubic tables of spacing 0.005 in t and 0.025 in x: the flow's law is the path's to about 1e-6 in KL.
        Assert.True(doc.RootElement.GetProperty("flow").GetProperty("kullbackLeibler").GetDouble() <= 1e-6);
    }

    /// <summary>
    /// The 2D perturbed network (exact score + δ, δ = 0.1 sin(x₁) e₁) judged from the command line on the committed 64²
    /// scenario: E|δ|² within 1 % of its closed form at every judged time; the reverse SDE's KL under the Girsanov bound
    /// ½∫g²E|δ|²dt (the solve starts from the exact p_T: no prior term) and above a tenth of it; the PF-ODE's law visibly
    /// off; every particle run rejected against p and none against its own p̂ (FWER 1e-3 over all checks); the 2D report and its figures (error map, density differences) written. Full tier (about 4 min).
    /// </summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void JudgesThePerturbed2DNetwork()
    {
        string outDir = Path.Combine(_dir, "perturbed-2d");
        var (code, stdout, err) = CliTests.Invoke("judge", M("judge-gmm-2d.json"), "--model", M("gmm2d-score-perturbed.onnx"), "--out", outDir,
            "--backend", "managed", "--particles", "20000", "--steps", "200");
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        foreach (var f in new[] { "report.md", "report.json", "summary.json", "score-error.png", "score-error-map.png", "density-differences.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("score error: ½∫g²E|s_θ − ∇log p|²dt", stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var root = doc.RootElement;
        var se = root.GetProperty("scoreError");
        double[] times = se.GetProperty("times").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] mse = se.GetProperty("meanSquaredError").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(61, times.Length);
        for (int k = 0; k < times.Length; k++)
            Assert.True(Math.Abs(mse[k] / DeltaSquared2D(times[k]) - 1) <= 0.01, $"t = {times[k]}: E|Δs|² {mse[k]:E4}, closed form {DeltaSquared2D(times[k]):E4}");
        double bound = se.GetProperty("weightedIntegral").GetDouble();
        double sdeKl = root.GetProperty("reverseSde").GetProperty("kullbackLeibler").GetDouble();
        double odeKl = root.GetProperty("probabilityFlow").GetProperty("kullbackLeibler").GetDouble();
        Assert.True(sdeKl <= bound && sdeKl >= 0.1 * bound, $"reverse SDE KL {sdeKl:E3} against the Girsanov bound {bound:E3}");
        Assert.True(odeKl > 1e-3, $"PF-ODE KL {odeKl:E3}");
        var checks = root.GetProperty("particles").GetProperty("checks").EnumerateArray().ToArray();
        Assert.True(checks.Length >= 14, $"{checks.Length} particle checks");
        // Every run against p is rejected (measured: reverse SDE p ≤ 2e-9, PF-ODE p ≤ 1e-60, against the Bonferroni level 7e-5).
        Assert.All(checks.Where(c => c.GetProperty("reference").GetString() == "p"), c => Assert.True(c.GetProperty("rejected").GetBoolean(),
            $"{c.GetProperty("sampler").GetString()} ({c.GetProperty("integrator").GetString()}) not rejected against p"));
        Assert.DoesNotContain(checks, c => c.GetProperty("reference").GetString() == "p_hat" && c.GetProperty("rejected").GetBoolean());
    }

    // E|δ|² under p_t of judge-gmm-2d (OU θ = 1, σ² = 2): ½c²(1 − Σ w e^{−2 v} cos 2μ) over the x marginal, v = α²s² + 1 − α².
    private static double DeltaSquared2D(double t)
    {
        double alpha = Math.Exp(-t), var = 1 - Math.Exp(-2 * t), e = 0;
        double[] w = [0.5, 0.5], m = [-1.5, 1.5], s2 = [0.25, 0.36];
        for (int k = 0; k < 2; k++) e += w[k] * Math.Exp(-2 * (alpha * alpha * s2[k] + var)) * Math.Cos(2 * alpha * m[k]);
        return 0.01 * 0.5 * (1 - e);
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
