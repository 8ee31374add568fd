using System.CommandLine;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>'sweep-point': runs one point of a prepared sweep (what the local pool and each Slurm array task run).</summary>
internal static class SweepPointCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var dir = new Argument<string>("point") { Description = "The point's folder, SWEEPDIR/points/NNNN" };
        var cmd = new Command("sweep-point", "Run one point of a sweep from its folder: its command (point.json) with output in out/, the command's output " +
            "in stdout.txt and stderr.txt, and status.json at the end. Exit code: the command's.") { dir };
        cmd.SetAction(pr => PointRunner.Run(pr.GetValue(dir)!, cancel));
        return cmd;
    }
}
