using FokkerPlanck.Backends;
using FokkerPlanck.Cli;

namespace FokkerPlanck.Tests.Cli;

/// <summary>Whole-number options in every JSON number form, and the output location and the backend checked before any
/// work (and by --dry-run), through the real CLI entry point.</summary>
public sealed class CliInputFormTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-forms-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--particles", "1e5")]
    [InlineData("--particles", "1.0E5")]
    [InlineData("--particles", "100000")]
    [InlineData("--steps", "2e2")]
    [InlineData("--seed", "1e3")]
    [InlineData("--seed", "18446744073709551615")]
    [InlineData("--threads", "2.0")]
    public void WholeNumbersAreReadInEveryJsonForm(string option, string value)
    {
        var (code, stdout, stderr) = CliTests.Invoke("simulate", "ou-gmm-1d", option, value, "--dry-run", "--out", _dir);
        Assert.True(code == 0, stderr + stdout);
    }

    [Theory]
    [InlineData("--particles", "1.5", "not a whole number")]
    [InlineData("--particles", "0", "must be ≥ 1 (got 0)")]
    [InlineData("--particles", "1e10", "must be ≤ 2147483647 (got 1e10)")]
    [InlineData("--particles", "many", "not a number")]
    [InlineData("--steps", "-3", "must be ≥ 1")]
    [InlineData("--seed", "1e17", "write it in digits")]
    [InlineData("--seed", "-1", "must be ≥ 0")]
    [InlineData("--threads", "0", "must be ≥ 1")]
    public void OtherNumbersAreRefusedWithTheReason(string option, string value, string reason)
    {
        var (code, _, stderr) = CliTests.Invoke("simulate", "ou-gmm-1d", option, value, "--dry-run", "--out", _dir);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
        Assert.Contains(reason, stderr);
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("simulate")]
    public void AnOutputBelowAFileIsRefusedBeforeAnyWorkAndByTheDryRun(string command)
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        foreach (string[] extra in new[] { new[] { "--dry-run" }, Array.Empty<string>() })
        {
            var (code, stdout, stderr) = CliTests.Invoke([command, "ou-gmm-1d", "--out", Path.Combine(file, "sub"), "-q", .. extra]);
            Assert.Equal(2, code);
            Assert.Contains("is a file, so no directory can be made below it", stderr);
            Assert.Equal("", stdout);
        }
    }

    [Fact]
    public void AnUnwritableOutputIsRefusedBeforeAnyWork()
    {
        // /proc accepts no new files even for root; elsewhere the check is the same code path.
        if (!Directory.Exists("/proc")) return;
        var (code, _, stderr) = CliTests.Invoke("solve", "ou-gmm-1d", "--out", "/proc/fokker-planck-out", "-q");
        Assert.Equal(2, code);
        Assert.Contains("cannot write in '/proc'", stderr);
    }

    [Fact]
    public void AWritableOutputLeavesNoProbeBehind()
    {
        OutputLocation.Check(Path.Combine(_dir, "new", "deeper"));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void TheDryRunChecksTheBackendAsTheRunDoes()
    {
        bool cuda;
        try { using var b = BackendSelector.Create("cuda"); cuda = true; }
        catch (ArgumentException) { cuda = false; }
        var (code, _, stderr) = CliTests.Invoke("solve", "ou-gmm-1d", "--backend", "cuda", "--dry-run", "--out", _dir, "-q");
        Assert.Equal(cuda ? 0 : 2, code);
        if (!cuda) Assert.Contains("no CUDA device", stderr);
        Assert.Equal(0, CliTests.Invoke("solve", "ou-gmm-1d", "--backend", "ilgpu-cpu", "--dry-run", "--out", _dir, "-q").Code);
    }

    [Theory]
    [InlineData("solve ou-gmm-1d --quite", "unknown option '--quite'; did you mean --quiet?")]
    [InlineData("simulate --partciles 10", "unknown option '--partciles'; did you mean --particles?")]
    [InlineData("solve --xyzzy", "unknown option '--xyzzy'")]
    [InlineData("solev", "did you mean solve?")]
    public void MistypedOptionsAndCommandsAreErrorsWithASuggestion(string line, string message)
    {
        var (code, stdout, stderr) = CliTests.Invoke([.. line.Split(' '), "--out", _dir]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void NegativeNumbersAndKnownShortOptionsAreNotMistakenForUnknownOptions()
    {
        Assert.Equal(0, CliTests.Invoke("simulate", "ou-gmm-1d", "-n", "100", "-k", "10", "--dry-run", "-q", "--out", _dir).Code);
        var (code, _, stderr) = CliTests.Invoke("solve", "ou-gmm-1d", "--tolerance", "-1", "--dry-run", "--out", _dir);
        Assert.Equal(2, code);
        Assert.DoesNotContain("unknown option", stderr);
    }
}
