namespace FokkerPlanck.Tests.Cli;

/// <summary>The check every refusal test makes: <c>solve</c> on the scenario exits 2, names the JSON path and the reason,
/// and writes nothing.</summary>
internal static class CliRefusal
{
    public static void Check(string scenarioFile, string outDir, string path, string reason)
    {
        var (code, _, err) = CliTests.Invoke("solve", scenarioFile, "--out", outDir, "-q");
        Assert.True(code == FokkerPlanck.Cli.ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(path + ":", err);
        Assert.Contains(reason, err);
        Assert.False(Directory.Exists(outDir));
    }
}
