namespace FokkerPlanck.IO;

/// <summary>The registry of output formats: what <c>--format</c> accepts.</summary>
public static class OutputFormats
{
    // The registration lines: a format added in its own file is listed here.
    private static readonly List<IOutputFormat> Registered =
    [
        new Hdf5Format(),
        new CsvFormat(),
    ];

    /// <summary>Every registered format, in registration order (the first is the default).</summary>
    public static IReadOnlyList<IOutputFormat> All
    {
        get { lock (Registered) return [.. Registered]; }
    }

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(f => f.Name)];

    /// <summary>Registers a format defined outside this list (another assembly, a test).</summary>
    /// <param name="format">The format; its name must be new.</param>
    public static void Register(IOutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        lock (Registered)
        {
            if (Registered.Any(f => f.Name == format.Name))
                throw new ArgumentException($"an output format named '{format.Name}' is already registered", nameof(format));
            Registered.Add(format);
        }
    }

    /// <summary>The format of a name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The format.</returns>
    public static IOutputFormat Parse(string name)
    {
        string key = (name ?? "").Trim().ToLowerInvariant();
        return All.FirstOrDefault(f => f.Name == key)
               ?? throw new ArgumentException($"format must be one of {string.Join(", ", Names)} (got '{name}')", "format");
    }
}
