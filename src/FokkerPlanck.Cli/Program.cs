namespace FokkerPlanck.Cli;

/// <summary>Process entry point of the fokker-planck tool.</summary>
public static class Program
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command line.</param>
    /// <returns>0 on success, 2 on bad input, 1 on failure, 130 when cancelled.</returns>
    public static int Main(string[] args)
    {
        Warmup.Start();
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        return CliApp.Run(args, Console.Out, Console.Error, cts.Token);
    }
}
