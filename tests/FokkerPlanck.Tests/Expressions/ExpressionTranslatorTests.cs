using FokkerPlanck.Cli;
using FokkerPlanck.Expressions;
using FokkerPlanck.Tests.Cli;

namespace FokkerPlanck.Tests.Expressions;

/// <summary>
/// Expressions in scenario files are data: only numbers, the variables, parameters, whitelisted functions and constants,
/// + - * / and parentheses. Everything else, including attempts to reach types, I/O or the process, is refused before
/// anything is compiled, through the CLI with exit 2, the file, the JSON path of the expression and the reason.
/// </summary>
public sealed class ExpressionTranslatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-expr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(string alpha, string spreadField = "variance", string spread = "1 - exp(-2 * t)") =>
        "{\"name\": \"expr\", \"process\": {\"kind\": \"affine\", \"alpha\": " + System.Text.Json.JsonSerializer.Serialize(alpha) +
        ", \"" + spreadField + "\": " + System.Text.Json.JsonSerializer.Serialize(spread) + ", \"parameters\": {\"b\": 2}}, " +
        """ "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.0]], "covariances": [[[0.3]]]}, "grid": {"lower": [-6.0], "upper": [6.0], "cells": [32]}, "time": {"end": 0.5, "snapshots": 3}}""";

    /// <summary>(malformed alpha, a part of the reason the error must give).</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "exp(", "does not parse" },
        { "1 +", "does not parse" },
        { "t t", "unexpected text" },
        { "exp(-t) - 1) * 2", "unexpected text" },
        { "1; System.Environment.Exit(3)", "unexpected text" },
        { "q * t", "unknown variable 'q'" },
        { "x * t", "unknown variable 'x'" },
        { "foo(t)", "unknown function 'foo'" },
        { "nameof(t)", "unknown function 'nameof'" },
        { "sin(t, 2)", "sin takes 1 argument" },
        { "pow(t)", "pow takes 2 arguments" },
        { "sin", "is a function" },
        { "t ^ 2", "write pow(a, b)" },
        { "t % 2", "operator '%'" },
        { "t > 0", "operator '>'" },
        { "Math.Exp(t)", "cannot be called" },
        { "Math.PI", "member access" },
        { "System.IO.File.Delete(\"scenario.json\")", "cannot be called" },
        { "typeof(object)", "not allowed" },
        { "new object()", "not allowed" },
        { "\"abc\"", "only numbers" },
        { "default", "not allowed" },
        { "(double)t", "not allowed" },
        { "t > 0 ? 1 : 2", "not allowed" },
        { "t = 1", "not allowed" },
        { "(() => 1.0)()", "cannot be called" },
        { "t[0]", "not allowed" },
        { "sizeof(double)", "not allowed" },
        { "checked(t)", "not allowed" },
        { "sin(ref t)", "ref" },
        { "1f", "plain decimal" },
        { "0x10", "plain decimal" },
        { "1_000", "plain decimal" },
        { "1e999", "outside the range" },
        { "@t", "verbatim" },
        { "t /* comment */", "comments" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedExpressionIsRefusedWithFilePathAndReason(string alpha, string reason)
    {
        string file = Path.Combine(_dir, "bad.json"), outDir = Path.Combine(_dir, "out");
        File.WriteAllText(file, Scenario(alpha));
        var (code, _, err) = CliTests.Invoke("solve", file, "--out", outDir, "-q", "--backend", "managed");
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("bad.json", err);
        Assert.Contains("$.process.alpha", err);
        Assert.Contains(reason, err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void EscapeAttemptsDoNotRun()
    {
        // Each would create this file if it were compiled and run.
        string target = Path.Combine(_dir, "escaped.txt"), file = Path.Combine(_dir, "escape.json");
        string quoted = System.Text.Json.JsonSerializer.Serialize(target)[1..^1];
        string[] attempts =
        [
            $"System.IO.File.WriteAllText(\"{quoted}\", \"x\").Length",
            $"global::System.IO.File.WriteAllText(\"{quoted}\", \"x\")",
            $"exp(t) + System.IO.File.ReadAllText(\"{quoted}\").Length",
            $"((System.Func<double>)(() => {{ System.IO.File.WriteAllText(\"{quoted}\", \"x\"); return 1.0; }}))()",
            "typeof(System.IO.File).GetMethods().Length",
            $"new System.IO.FileInfo(\"{quoted}\").Length",
            "System.Reflection.Assembly.Load(\"x\").GetTypes().Length",
        ];
        foreach (string a in attempts)
        {
            File.WriteAllText(file, Scenario(a));
            var (code, _, err) = CliTests.Invoke("solve", file, "--out", Path.Combine(_dir, "o"), "-q");
            Assert.True(code == ExitCodes.BadInput, $"{a}: exit {code}: {err}");
            Assert.Contains("$.process.alpha", err);
        }
        // The same attempts in the variance field.
        File.WriteAllText(file, Scenario("1", "variance", $"System.IO.File.WriteAllText(\"{quoted}\", \"x\")"));
        var (code2, _, err2) = CliTests.Invoke("solve", file, "--out", Path.Combine(_dir, "o"), "-q");
        Assert.Equal(ExitCodes.BadInput, code2);
        Assert.Contains("$.process.variance", err2);
        Assert.False(File.Exists(target), "an expression reached the file system");
    }

    [Theory]
    [InlineData("""{"kind": "affine", "alpha": "1"}""", "$.process.sigma", "sigma or variance")]
    [InlineData("""{"kind": "affine", "alpha": "1", "sigma": "t", "variance": "t * t"}""", "$.process.variance", "not both")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "t", "parameters": {"t": 1}}""", "$.process.parameters.t", "already a variable")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "t", "parameters": {"sin": 1}}""", "$.process.parameters.sin", "already a variable")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "t", "parameters": {"2b": 1}}""", "$.process.parameters.2b", "parameter name")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "t", "parameters": [1]}""", "$.process.parameters", "object")]
    [InlineData("""{"kind": "affine", "alpha": 1, "variance": "t"}""", "$.process.alpha", "string")]
    // Values that are not finite (or a variance that shrinks) over the scenario's times: reported at the process.
    [InlineData("""{"kind": "affine", "alpha": "1 / t", "variance": "t"}""", "$.process", "mean factor")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "log(t - 0.25)"}""", "$.process", "added variance")]
    [InlineData("""{"kind": "affine", "alpha": "1", "variance": "1 - t"}""", "$.process", "must not decrease")]
    [InlineData("""{"kind": "affine", "alpha": "1", "sigma": "sqrt(t)"}""", "$.process", "give variance")]
    public void BadAffineObjectsAreRefusedAtTheirPath(string process, string path, string reason) =>
        ProcessRefusal.Check(_dir, process, path, reason);

    [Fact]
    public void TranslationWritesNumbersAsDoublesAndParametersAsLiterals()
    {
        // 1/2 must not be integer division; the parameter is a literal, not a name the compiled code could look up.
        string cs = ExpressionTranslator.Translate("1/2 * b + sin(t)", ["t"], new Dictionary<string, double> { ["b"] = 0.25 });
        Assert.Contains("(1.0) / (2.0)", cs);
        Assert.Contains("(0.25)", cs);
        Assert.DoesNotContain("b", cs.Replace("M.Sin", "", StringComparison.Ordinal));
    }
}
