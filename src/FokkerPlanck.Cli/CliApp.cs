using System.CommandLine;
using System.CommandLine.Invocation;
using FokkerPlanck.Backends;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>The command tree; <see cref="Run"/> is what tests call with their own writers.</summary>
public static class CliApp
{
    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancel">Cancels a running command.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        Figures.ImageDensityKind.Register(); // the "image" density needs SkiaSharp, which the figures assembly carries
        var root = Build(cancel);
        var parse = root.Parse(args);
        // A mistyped option would otherwise be taken as the scenario name (the argument accepts any token).
        if (parse.CommandResult.Command != root && Suggestions.UnknownOption(args, parse.CommandResult.Command) is { } unknown)
        {
            stderr.WriteLine($"error: unknown option '{unknown.Token}'{(unknown.Suggestion is { } s ? $"; did you mean {s}?" : "")} (see --help)");
            return ExitCodes.BadInput;
        }
        if (parse.Errors.Count > 0)
        {
            string hint = "";
            foreach (var t in parse.UnmatchedTokens)
                if (Suggestions.For(t, parse.CommandResult.Command) is { } s) { hint = $"; did you mean {s}?"; break; }
            stderr.WriteLine($"error: {OneLine(parse.Errors[0].Message).TrimEnd('.')}{hint} (see --help)");
            return ExitCodes.BadInput;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled: no output was written");
            return ExitCodes.Cancelled;
        }
        catch (Numerics.SolverFailureException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.NumericalFailure;
        }
        catch (Learned.LearnedModelException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {OneLine(AsOption(Rule(e), e.ParamName, parse.CommandResult.Command))}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    // The message without the runtime's " (Parameter 'x')" and "Actual value was y." suffixes (the rules name both).
    private static string Rule(ArgumentException e)
    {
        if (e is ScenarioException) return e.Message;
        string m = e.Message;
        int cut = m.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut < 0) cut = m.IndexOf("\nActual value was", StringComparison.Ordinal);
        return cut < 0 ? m : m[..cut];
    }

    // The library names a setting by its plain name (ParamName "integrator", message "integrator must be ..."); where the
    // command has an option of that name, the message names the option as the user typed it: "--integrator must be ...".
    private static string AsOption(string message, string? setting, Command command)
    {
        if (setting is null || !command.Options.Any(o => o.Name == "--" + setting)) return message;
        return message.StartsWith(setting + " ", StringComparison.Ordinal) ? "--" + message : $"--{setting}: {message}";
    }

    internal static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));

    /// <summary>A command of the tool by name (its options, for checking a sweep file's).</summary>
    /// <param name="name">solve, simulate, ...</param>
    /// <returns>The command.</returns>
    internal static Command CommandNamed(string name) => Build(default).Subcommands.First(c => c.Name == name);

    private static RootCommand Build(CancellationToken cancel)
    {
        var root = new RootCommand("Grid Fokker–Planck solver: ground truth densities, scores and drifts for diffusion models in 1D and 2D.");
        root.Subcommands.Add(SolveCommand.Create(cancel));
        root.Subcommands.Add(SteadyCommand.Create(cancel));
        root.Subcommands.Add(SimulateCommand.Create(cancel));
        root.Subcommands.Add(EvalCommand.Create(cancel));
        root.Subcommands.Add(JudgeCommand.Create(cancel));
        root.Subcommands.Add(ValidateCommand.Create(cancel));
        root.Subcommands.Add(FiguresCommand.Create(cancel));
        root.Subcommands.Add(Sweeps.SweepCommand.Create(cancel));
        root.Subcommands.Add(Sweeps.SweepPointCommand.Create(cancel));
        root.Subcommands.Add(Sweeps.CollectCommand.Create());
        root.Subcommands.Add(ScenarioCommands.List());
        root.Subcommands.Add(ScenarioCommands.Show());
        // The default --version prints the entry assembly's version (the test host's under a test); print the tool's.
        foreach (var o in root.Options.OfType<VersionOption>()) o.Action = new PrintVersion();
        return root;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(IO.SolutionFile.ToolVersion);
            return ExitCodes.Ok;
        }
    }

    /// <summary>Resolves a scenario argument: a file path, or a built-in name, or the default when null.</summary>
    /// <param name="arg">The argument.</param>
    /// <returns>The parsed scenario.</returns>
    internal static Scenario LoadScenario(string? arg)
    {
        if (string.IsNullOrEmpty(arg)) return BuiltInScenarios.Get(BuiltInScenarios.Default);
        if (File.Exists(arg)) return ScenarioParser.ParseFile(arg);
        if (BuiltInScenarios.Names.Contains(arg)) return BuiltInScenarios.Get(arg);
        throw new ScenarioException(arg, "$", $"no such file, and not a built-in scenario (built-in: {string.Join(", ", BuiltInScenarios.Names)})");
    }

    /// <summary>Grids above this many cells get a line before the initial-mass check, which averages the density over
    /// every cell (about 10 s per 10⁸ cells on one core), so that a dry run of a huge grid does not sit silent.</summary>
    internal const long AnnouncedMassCheckCells = 10_000_000;

    /// <summary><see cref="Scenario.CheckInitialMass"/>, announced on large grids.</summary>
    internal static string? CheckInitialMass(Scenario sc, Common c)
    {
        long cells = sc.Grid1D?.Cells ?? (long)sc.Grid2D!.Count;
        if (!c.Quiet && cells > AnnouncedMassCheckCells)
            c.Output.WriteLine($"scenario {sc.Name}: checking the initial density's mass on the grid's {cells} cells ...");
        return sc.CheckInitialMass();
    }

    internal static Argument<string?> ScenarioArgument() => new("scenario")
    {
        Description = $"Scenario file (JSON) or built-in name; default: the built-in '{BuiltInScenarios.Default}'",
        Arity = ArgumentArity.ZeroOrOne,
    };

    internal static Option<string> BackendOption() => new Option<string>("--backend")
    {
        Description = $"Kernel backend: auto (CUDA if present, else managed; env {BackendSelector.EnvironmentVariable} overrides), managed, ilgpu-cpu or cuda",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong([.. BackendSelector.Names]);

    internal static Option<int?> ThreadsOption() => new("--threads")
    {
        Description = "Threads of the managed backend (default: all cores)", CustomParser = WholeNumbers.OptionalInt("--threads", 1),
    };

    internal static Option<double?> ToleranceOption() => new("--tolerance")
    {
        Description = "Target for the whole error: the tool refines cells and domain until the estimated L1 density error and the score / " +
            "PF-velocity errors (max |Δ|/(1+|F|) where p ≥ 1e-6 max p) meet it at every snapshot, and says what it chose; exit 3 if the memory " +
            "budget or 6 solves do not reach it. Without it the scenario's grid is kept and the estimates are reported.",
    };

    internal static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "Print nothing but errors" };
}
