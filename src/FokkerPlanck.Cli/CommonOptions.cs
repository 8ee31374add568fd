using System.CommandLine;
using FokkerPlanck.Backends;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>The options shared by the commands that run something: --out, --backend, --threads, --seed, --quiet,
/// --format, --max-memory and --dry-run. Each command adds the ones it uses.</summary>
internal sealed class CommonOptions
{
    public Option<string> Out { get; }
    public Option<string> Backend { get; } = CliApp.BackendOption();
    public Option<int?> Threads { get; } = CliApp.ThreadsOption();
    public Option<ulong>? Seed { get; }
    public Option<bool> Quiet { get; } = CliApp.QuietOption();
    public Option<string>? Format { get; }
    public Option<string?> MaxMemory { get; } = new("--max-memory")
    {
        Description = "Refuse to start when the estimated memory exceeds this size (e.g. 8G, 512M; default: half of the physical memory)",
    };
    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Check the scenario and options, print the memory estimate, and stop without computing or writing anything",
    };

    public CommonOptions(string defaultOut, bool seed, bool format)
    {
        Out = new Option<string>("--out", "-o") { Description = "Output directory", DefaultValueFactory = _ => defaultOut };
        if (seed) Seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the counter-based random numbers", DefaultValueFactory = _ => 0UL, CustomParser = WholeNumbers.ULong("--seed"),
        };
        if (format)
        {
            var formats = IO.OutputFormats.All;
            Format = new Option<string>("--format")
            {
                Description = "Output format: " + string.Join("; ", formats.Select(f => $"{f.Name} ({f.Description})")), DefaultValueFactory = _ => formats[0].Name,
            }.AcceptOnlyFromAmong([.. formats.Select(f => f.Name)]);
        }
    }

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Out);
        if (Format is not null) cmd.Options.Add(Format);
        if (Seed is not null) cmd.Options.Add(Seed);
        cmd.Options.Add(Backend);
        cmd.Options.Add(Threads);
        cmd.Options.Add(MaxMemory);
        cmd.Options.Add(DryRun);
        cmd.Options.Add(Quiet);
    }

    public Common Read(ParseResult pr) => new(
        pr.GetValue(Out)!, pr.GetValue(Backend)!, pr.GetValue(Threads), Seed is null ? 0UL : pr.GetValue(Seed), pr.GetValue(Quiet),
        Format is null ? IO.OutputFormats.All[0].Name : pr.GetValue(Format)!, pr.GetValue(MaxMemory), pr.GetValue(DryRun), pr.InvocationConfiguration.Output);
}

/// <summary>Values of the common options.</summary>
internal sealed record Common(string OutDir, string Backend, int? Threads, ulong Seed, bool Quiet, string Format, string? MaxMemoryText, bool DryRun, TextWriter Output)
{
    /// <summary>The output format chosen by --format.</summary>
    public IO.IOutputFormat Writer => IO.OutputFormats.Parse(Format);

    /// <summary>Default --max-memory: half of the memory available to the process (physical, or the container's limit).</summary>
    public static long DefaultMaxMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    public long MaxMemory => MaxMemoryText is null ? DefaultMaxMemory : ParseMaxMemory(MaxMemoryText);

    /// <summary>A --max-memory value in bytes.</summary>
    /// <param name="text">8G, 512M or bytes.</param>
    /// <returns>Bytes; an ArgumentException naming the option when malformed.</returns>
    public static long ParseMaxMemory(string text)
    {
        try { return MemoryEstimate.ParseSize(text); }
        catch (FormatException e) { throw new ArgumentException($"--max-memory: {e.Message}", "--max-memory", e); }
    }

    /// <summary>Checks everything about the options that does not need the run: throws ArgumentException (exit 2).</summary>
    public void Check(Scenario sc, MemoryEstimate estimate, string reduce)
    {
        if (Threads is < 1) throw new ArgumentOutOfRangeException("--threads", Threads, $"--threads must be ≥ 1 (got {Threads})");
        OutputLocation.Check(OutDir);
        CheckBackend();
        if (Writer.Refuses(sc.Dimension) is { } why)
            throw new ArgumentException($"--format {Format}: {why} ('{sc.Name}' is {sc.Dimension}D): use --format {IO.OutputFormats.All[0].Name}", "--format");
        long max = MaxMemory;
        if (estimate.Bytes > max)
            throw new ArgumentException($"estimated memory {estimate.Describe()} exceeds --max-memory {MemoryEstimate.Format(max)}: {reduce}, or raise --max-memory", "--max-memory");
    }

    // A backend that may be missing (cuda, ilgpu-cpu; also through FOKKERPLANCK_BACKEND under auto) is started once here,
    // so that --dry-run and the run itself refuse it before any work; auto and managed always exist.
    private void CheckBackend()
    {
        string effective = Backend.Trim().ToLowerInvariant();
        if (effective == "auto") effective = (Environment.GetEnvironmentVariable(BackendSelector.EnvironmentVariable) ?? "auto").Trim().ToLowerInvariant();
        if (effective is "auto" or "managed") return;
        using var probe = BackendSelector.Create(Backend, Threads);
    }

    /// <summary>How progress is shown: nothing with --quiet; live (Spectre.Console) on a terminal; plain lines otherwise.</summary>
    public ProgressMode Progress =>
        Quiet ? ProgressMode.None
        : ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive
            ? ProgressMode.Live : ProgressMode.Plain;

    public BackendSelection Backends() => new(Backend, Threads);
}

/// <summary>The backend name and thread count, created when the run starts.</summary>
internal readonly record struct BackendSelection(string Name, int? Threads)
{
    public IBackend Create() => BackendSelector.Create(Name, Threads);
}
