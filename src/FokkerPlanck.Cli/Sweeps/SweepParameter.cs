using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>One swept quantity: a scenario field (by its path) or a command-line option, and its values in order.</summary>
/// <param name="Name">Column and dimension name.</param>
/// <param name="Field">Scenario path (grid.cells[0]) or null.</param>
/// <param name="Option">Long option name (--steps) or null.</param>
/// <param name="Values">The values (numbers, strings, booleans, or arrays for fields).</param>
public sealed record SweepParameter(string Name, string? Field, string? Option, IReadOnlyList<JsonNode> Values)
{
    /// <summary>What the parameter sets, as the sweep file names it.</summary>
    public string Target => Field ?? Option!;

    /// <summary>A value as a table cell: numbers in round-trip form, strings as they are, arrays as compact JSON.</summary>
    /// <param name="value">One of <see cref="Values"/>.</param>
    /// <returns>The text.</returns>
    public static string Text(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // An integer literal as written (a seed above 2^53 keeps its digits), any other number in round-trip form.
        JsonValueKind.Number => value.ToJsonString() is var raw && raw.All(c => char.IsAsciiDigit(c) || c == '-') ? raw : SweepValues.Number(SweepValues.Double(value)),
        _ => value.ToJsonString(),
    };

    /// <summary>Whether every value is a number (the dimension is then numeric in the netCDF table).</summary>
    public bool Numeric => Values.All(v => v.GetValueKind() == JsonValueKind.Number);
}
