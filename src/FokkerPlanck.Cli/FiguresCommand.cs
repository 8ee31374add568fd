using System.CommandLine;
using FokkerPlanck.Figures;

namespace FokkerPlanck.Cli;

/// <summary>'figures': makes the research figures (all, or the named ones) as PNG, SVG and PDF in DIR.</summary>
internal static class FiguresCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var cases = new Option<string[]>("--case")
        {
            Description = $"Make only these figures (repeatable): {string.Join(", ", FigureCatalog.Names)}", AllowMultipleArgumentsPerToken = false,
        };
        var outDir = new Option<string>("--out", "-o") { Description = "Output directory", DefaultValueFactory = _ => "figures" };
        var formats = new Option<string[]>("--format")
        {
            Description = "Formats (repeatable): png, svg, pdf", DefaultValueFactory = _ => ["png", "svg", "pdf"], AllowMultipleArgumentsPerToken = false,
        }.AcceptOnlyFromAmong("png", "svg", "pdf");
        var quick = new Option<bool>("--quick") { Description = "Small runs (seconds per figure) instead of the gallery's sizes" };
        var seed = new Option<ulong?>("--seed")
        {
            Description = $"Base seed of the particle runs (default {FigureSettings.Full.Seed})", CustomParser = WholeNumbers.OptionalULong("--seed"),
        };
        var quiet = CliApp.QuietOption();
        var cmd = new Command("figures", "Make the research figures (density evolution, particle histograms, fields, trajectories, lambda-family, " +
            "Kim–Milman map, likelihood, convergence, funnel, Langevin ring) as DIR/NAME.png, .svg and .pdf")
        {
            cases, outDir, formats, quick, seed, quiet,
        };
        cmd.SetAction(pr =>
        {
            var names = pr.GetValue(cases) is { Length: > 0 } c ? c : FigureCatalog.Names.ToArray();
            var specs = names.Select(FigureCatalog.Get).ToArray(); // unknown names: ArgumentException, exit 2, before any work
            string dir = pr.GetValue(outDir)!;
            OutputLocation.Check(dir);
            var settings = pr.GetValue(quick) ? FigureSettings.Quick : FigureSettings.Full;
            if (pr.GetValue(seed) is ulong sd) settings = settings with { Seed = sd };
            bool q = pr.GetValue(quiet);
            var w = pr.InvocationConfiguration.Output;
            var data = new FigureData(settings) { Progress = q ? null : new LineProgress(w), Cancellation = cancel };
            foreach (var spec in specs)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var model = spec.Make(data);
                cancel.ThrowIfCancellationRequested();
                var files = FigureExport.Write(model, dir, spec.Name, spec.Width, spec.Height, pr.GetValue(formats));
                if (!q) w.WriteLine($"{spec.Name}: {string.Join(", ", files.Select(Path.GetFileName))} ({clock.Elapsed.TotalSeconds:F1} s)");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
