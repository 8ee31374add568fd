using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using FokkerPlanck.Benchmarks.Reporting;

namespace FokkerPlanck.Benchmarks;

/// <summary>
/// Entry point: measures the machine's limits (triad bandwidth, generator rate) in this process, runs the BenchmarkDotNet
/// switcher with the throughput columns, then fits the scaling exponents and writes
/// BenchmarkDotNet.Artifacts/results/fokker-planck-summary.md (limits, machine, fitted exponents). Any BenchmarkDotNet
/// option works, e.g. <c>--filter '*' --job short</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks.</summary>
    /// <param name="args">BenchmarkDotNet arguments.</param>
    /// <returns>Exit code.</returns>
    public static int Main(string[] args)
    {
        // "peers": this tool against numpy and fplanck on the same problems (not BenchmarkDotNet: whole processes and the
        // peers' own timers), see Peers/PeerComparison.
        if (args is ["peers", ..]) return Peers.PeerComparison.Run(args[1..], Console.Out);

        var limits = MachineLimits.Measure();
        MachineLimits.Current = limits;
        Console.WriteLine($"machine: {limits.Description}");
        Console.WriteLine($"triad probe: {limits.TriadBytesPerSecond / 1e9:F2} GB/s (3 × 2^24 doubles, best of 10); " +
                          $"generator: {limits.NormalsPerSecond:E3} normals/s (SIMD Philox + ziggurat, {limits.Threads} threads)");

        var config = DefaultConfig.Instance.AddColumn(WorkColumn.All);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        if (summaries.Count == 0) return 0;

        var md = new StringBuilder();
        md.AppendLine("# FokkerPlanck benchmark run").AppendLine();
        md.AppendLine($"- machine: {limits.Description}");
        md.AppendLine($"- triad probe: {limits.TriadBytesPerSecond / 1e9:F2} GB/s; generator: {limits.NormalsPerSecond:E3} normals/s").AppendLine();
        // Sizes below 2^16 sit in the L1/L2 caches, and the grid steps below 32768 cells run on one thread (the managed
        // backend's parallel threshold): listed, not fitted.
        var lines = ScalingFit.Fit(summaries, "Size", minSize: 1 << 16);
        if (lines.Count > 0)
        {
            md.AppendLine("## Scaling: time per operation against size (fit over sizes ≥ 2^16)").AppendLine();
            md.AppendLine("| method | sizes (mean time) | fitted exponent ± SE |").AppendLine("| --- | --- | --- |");
            foreach (var l in lines)
            {
                string pts = string.Join(", ", l.Points.Select(p => $"{p.Size:0}: {Time(p.Nanoseconds)}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Method} | {pts} | {l.Exponent:F3} ± {l.StandardError:F3} |");
                Console.WriteLine($"scaling {l.Method}: exponent {l.Exponent:F3} ± {l.StandardError:F3}");
            }
        }
        string dir = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "fokker-planck-summary.md"), md.ToString());
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static string Time(double ns) => ns switch
    {
        < 1e3 => $"{ns:F0} ns",
        < 1e6 => $"{ns / 1e3:F1} µs",
        < 1e9 => $"{ns / 1e6:F2} ms",
        _ => $"{ns / 1e9:F2} s",
    };
}
