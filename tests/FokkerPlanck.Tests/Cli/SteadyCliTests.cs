using FokkerPlanck.Cli;

namespace FokkerPlanck.Tests.Cli;

/// <summary>The steady command's refusals: exit 2, one line, nothing written.</summary>
public sealed class SteadyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-steady-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("vp-gmm-1d", "depends on time")]
    [InlineData("vp-funnel-2d", "depends on time")]
    [InlineData("fm-gmm-1d", "depends on time")]
    public void RefusedScenariosExitTwoWithoutWriting(string scenario, string reason)
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, _, err) = CliTests.Invoke("steady", scenario, "--out", outDir, "-q");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains(reason, err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void OuSteadyStateIsWrittenWithItsCurrentAndErrors()
    {
        string outDir = Path.Combine(_dir, "ou");
        var (code, stdout, err) = CliTests.Invoke("steady", "ou-gmm-1d", "--out", outDir, "--format", "csv");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("L1 error against the exact stationary density", stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "solution", "density.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "solution", "current.csv")));
    }
}
