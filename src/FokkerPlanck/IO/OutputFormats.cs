using FokkerPlanck.Numerics;

namespace FokkerPlanck.IO;

/// <summary>The registry of output formats: what <c>--format</c> accepts.</summary>
public static class OutputFormats
{
    // The registration lines: a format added in its own file is listed here.
    private static readonly NamedRegistry<IOutputFormat> Registry = new("output format", f => f.Name,
    [
        new Hdf5Format(),
        new CsvFormat(),
        new NpyFormat(),
    ]);

    /// <summary>Every registered format, in registration order (the first is the default).</summary>
    public static IReadOnlyList<IOutputFormat> All => Registry.All;

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> Names => Registry.Names;

    /// <summary>Registers a format defined outside this list (another assembly, a test).</summary>
    /// <param name="format">The format; its name must be new.</param>
    public static void Register(IOutputFormat format) => Registry.Register(format);

    /// <summary>The format of a name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The format.</returns>
    public static IOutputFormat Parse(string name) => Registry.Find((name ?? "").Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"format must be one of {string.Join(", ", Names)} (got '{name}')", "format");
}
