namespace FokkerPlanck.Cli.Sweeps;

/// <summary>A sweep file or sweep directory that cannot be used: names the file, the JSON path and the rule (exit 2).</summary>
public sealed class SweepException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The sweep file or directory.</param>
    /// <param name="path">JSON path ($.vary[1].values) or null.</param>
    /// <param name="rule">What is wrong and what to do.</param>
    public SweepException(string source, string? path, string rule) : base(path is null ? $"{source}: {rule}" : $"{source}: {path}: {rule}") { }
}
