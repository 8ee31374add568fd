using System.CommandLine;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>'collect': merges the points' summaries of a sweep folder into results.csv and results.h5.</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The sweep folder (sweep --out)" };
        var quiet = CliApp.QuietOption();
        var cmd = new Command("collect", "Merge a sweep's results into DIR/results.csv (a row per point: parameters, state, exit code, the reported values, " +
            "the error of a failed point) and DIR/results.h5 (netCDF-4: the swept parameters as dimensions, for xarray); print the table and " +
            "every failed or missing point. Exit 0 when every point succeeded, 1 otherwise (the table is written either way).") { dir, quiet };
        cmd.SetAction(pr => Report(SweepLayout.Open(pr.GetValue(dir)!), pr.GetValue(quiet) ? null : pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error));
        return cmd;
    }

    /// <summary>Collects, writes the files, prints the table and the failures.</summary>
    /// <param name="layout">The sweep folder.</param>
    /// <param name="output">Table and file lines (null: none).</param>
    /// <param name="error">Failed and missing points.</param>
    /// <returns>0 when every point succeeded, else 1.</returns>
    public static int Report(SweepLayout layout, TextWriter? output, TextWriter error)
    {
        var table = SweepTable.Of(layout);
        var (csv, nc) = table.Write();
        output?.Write(table.Text());
        int ok = table.Rows.Count(r => r.State == "ok");
        foreach (var r in table.Failed) error.WriteLine($"point {r.Point.Index} ({r.Point.Label}) failed, exit {r.ExitCode}: {r.Error} (see {layout.PointDirectory(r.Point.Index)})");
        var missing = table.Missing.ToList();
        if (missing.Count > 0)
            error.WriteLine($"{missing.Count} point(s) never finished: {SlurmScript.Ranges([.. missing.Select(r => r.Point.Index)])} (resume with the same 'sweep' command, or submit the Slurm script again)");
        output?.WriteLine($"collected {ok} of {table.Rows.Count} points: wrote {csv} and {nc}");
        return ok == table.Rows.Count ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
