using System.Runtime.InteropServices;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>How to start this same tool as a child process or from a job script: the installed tool's launcher when that is
/// what runs, else the dotnet host with this build's fokker-planck.dll (also under a test host).</summary>
internal static class SelfCommand
{
    /// <summary>The program and the arguments before the tool's own.</summary>
    /// <returns>(program, prefix arguments).</returns>
    public static (string Program, string[] Prefix) Resolve()
    {
        string dll = typeof(CliApp).Assembly.Location;
        string? process = Environment.ProcessPath;
        string name = process is null ? "" : Path.GetFileNameWithoutExtension(process);
        if (name == "fokker-planck") return (process!, []);
        if (name == "dotnet") return (process!, [dll]);
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            // .../dotnet/shared/Microsoft.NETCore.App/<version>/ -> .../dotnet/dotnet
            string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            string candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            host = File.Exists(candidate) ? candidate : "dotnet";
        }
        return (host, [dll]);
    }
}
