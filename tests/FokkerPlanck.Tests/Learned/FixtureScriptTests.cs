using System.Diagnostics;

namespace FokkerPlanck.Tests.Learned;

/// <summary>Skips itself when Debian's python3-onnx is not installed (.ci/run installs it).</summary>
public sealed class PythonOnnxFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Present = new(() => Python.Run("-c \"import onnx, numpy\"").Code == 0);

    public PythonOnnxFactAttribute()
    {
        if (!Present.Value) Skip = "python3 with the onnx module (Debian's python3-onnx) is not installed";
    }
}

internal static class Python
{
    public static (int Code, string Output) Run(string args)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var p = Process.Start(psi)!;
            string o = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, o);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); }
    }
}

/// <summary>The committed ONNX fixtures are what examples/models/make_fixtures.py writes, byte for byte.</summary>
public sealed class FixtureScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-fixtures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PythonOnnxFact]
    public void TheScriptWritesTheCommittedFixtures()
    {
        var (code, output) = Python.Run($"\"{Path.Combine(ScoreJudgeTests.Models, "make_fixtures.py")}\" \"{_dir}\"");
        Assert.True(code == 0, output);
        var written = Directory.GetFiles(_dir, "*.onnx").Select(Path.GetFileName).Order().ToArray();
        var committed = Directory.GetFiles(ScoreJudgeTests.Models, "*.onnx").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(committed, written);
        foreach (var f in written)
            Assert.True(File.ReadAllBytes(Path.Combine(_dir, f!)).SequenceEqual(File.ReadAllBytes(Path.Combine(ScoreJudgeTests.Models, f!))), $"{f} differs from the committed one");
    }
}
