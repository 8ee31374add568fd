using System.Diagnostics;
using FokkerPlanck.Cli;

namespace FokkerPlanck.Tests.Cli;

/// <summary>The real CLI as a child process (<c>dotnet fokker-planck.dll ...</c>), for what an in-process
/// <see cref="CliApp.Run"/> cannot show: signals, and the JIT's behaviour in a fresh runtime.</summary>
internal static class CliProcess
{
    /// <summary>The CLI's entry assembly, as built next to the tests.</summary>
    public static string Dll => typeof(Program).Assembly.Location;

    /// <summary>Starts the CLI with redirected output; the caller reads both streams and waits.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="environment">Variables to set (a null value removes the variable) in the child's environment.</param>
    /// <returns>The started process.</returns>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(name);
            else psi.Environment[name] = value;
        }
        return Process.Start(psi)!;
    }

    /// <summary>Runs the CLI to the end.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="environment">As for <see cref="Start"/>.</param>
    /// <param name="timeout">Longest wait; the process is killed after it.</param>
    /// <returns>Exit code, standard output and standard error.</returns>
    public static async Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        using var p = Start(args, environment);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"fokker-planck {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:F0} s");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
