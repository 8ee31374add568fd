using System.Globalization;
using System.Text;

namespace FokkerPlanck.Benchmarks.Peers;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/FokkerPlanck.Benchmarks -- peers</c>: this tool and the peers a user would
/// pick instead, on the same problems in one run, with the ratios. Needs Debian's python3-numpy (skipped with a message
/// when missing); fplanck and py-pde are used from their source folders ($FPLANCK_SRC, $PYPDE_SRC, else a peers checkout
/// beside the repository) or as Python imports them (pip), and skipped with a message when absent (<see cref="PeerSource"/>).
/// Writes BenchmarkDotNet.Artifacts/results/peers.md.
/// </summary>
internal static class PeerComparison
{
    public static int Run(string[] args, TextWriter o)
    {
        string root = FindRoot();
        string python = Environment.GetEnvironmentVariable("FP_PYTHON") ?? "/usr/bin/python3";
        int particles = 1_000_000, steps = 10, repeat = 5;
        var md = new StringBuilder("# Peer comparison\n\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();

        o.WriteLine($"particles: {particles} particles × {steps} steps, best of {repeat}; this tool on {Environment.ProcessorCount} threads, numpy as written by hand (one process)");
        System.Text.Json.JsonElement? numpy = null;
        try { numpy = PeerParticles.Python(python, ["-c", "import json, numpy; print(json.dumps({'v': numpy.__version__}))"]); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            string skip = $"numpy: skipped ({python} with numpy not found: apt-get install python3-numpy, or set FP_PYTHON)";
            o.WriteLine(skip);
            md.AppendLine(skip).AppendLine();
        }
        // "peers grid" skips the particles, "peers particles" the grid solvers; "peers grid2d" runs the 2D OU ladders only.
        bool only2D = args.Contains("grid2d");
        bool grid = !args.Contains("particles") || args.Contains("grid") || only2D, parts = !(args.Contains("grid") || only2D) || args.Contains("particles");
        if (numpy is { } v && parts)
        {
            var rows = PeerParticles.Run(python, Path.Combine(root, "benchmarks", "peers", "numpy_particles.py"), particles, steps, repeat, o);
            md.AppendLine(CultureInfo.InvariantCulture, $"## Particles: {particles} particles × {steps} steps (numpy {v.GetProperty("v").GetString()})").AppendLine();
            md.AppendLine("| workload | dims | this tool (particle-steps/s) | numpy (particle-steps/s) | ratio | end mean (this / numpy) | end sd (this / numpy) |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in rows)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Workload} | {r.Dims} | {r.Ours:E3} | {r.Numpy:E3} | {r.Ratio:F2} | {r.OursMean:F4} / {r.NumpyMean:F4} | {r.OursSd:F4} / {r.NumpySd:F4} |");
            md.AppendLine();
        }

        if (grid)
        {
            if (PeerSource.Find(python, "fplanck", "FPLANCK_SRC", Path.Combine(root, "..", "shared", "peers", "fplanck", "src")) is not { } fplanck)
            {
                string skip = "fplanck: skipped (Python cannot import fplanck: pip install fplanck, or set FPLANCK_SRC to its src folder)";
                o.WriteLine(skip);
                md.AppendLine(skip).AppendLine();
            }
            else md.Append(PeerGrid.Run(python, fplanck, root, o, only2D));
        }

        string dir = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "peers.md"), md.ToString());
        o.WriteLine($"wrote {Path.Combine(dir, "peers.md")}");
        return 0;
    }

    internal static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "FokkerPlanck.sln"))) return d.FullName;
        throw new InvalidOperationException("run from the repository (FokkerPlanck.sln not found above the current folder)");
    }
}
