using System.CommandLine.Parsing;
using System.Globalization;

namespace FokkerPlanck.Cli;

/// <summary>
/// Whole-number options (<c>--particles</c>, <c>--steps</c>, <c>--seed</c> …) read in every form a JSON number takes,
/// as scenario files are: <c>100000</c>, <c>1e5</c>, <c>1.0E5</c>, as long as the value is a whole number in range
/// (a double's integers are exact up to 2^53; larger seeds must be written out in digits).
/// </summary>
internal static class WholeNumbers
{
    /// <summary>Parses a whole number in [min, max], or says why not.</summary>
    /// <param name="text">The option's text.</param>
    /// <param name="min">Smallest allowed value.</param>
    /// <param name="max">Largest allowed value.</param>
    /// <param name="value">The number.</param>
    /// <param name="why">The reason it is refused, or null.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string text, decimal min, decimal max, out decimal value, out string? why)
    {
        value = 0; why = null;
        string t = text.Trim();
        if (decimal.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) { }
        else if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            if (Math.Abs(d) > 9007199254740992.0) { why = $"'{text}' is beyond 2^53, where a number in this form is no longer exact: write it in digits"; return false; }
            if (d != Math.Floor(d)) { why = $"'{text}' is not a whole number"; return false; }
            value = (decimal)d;
        }
        else { why = $"'{text}' is not a number"; return false; }
        if (value < min) { why = $"must be ≥ {min} (got {text})"; return false; }
        if (value > max) { why = $"must be ≤ {max} (got {text})"; return false; }
        return true;
    }

    /// <summary>A custom parser for an int option.</summary>
    /// <param name="name">The option's name, for messages.</param>
    /// <param name="min">Smallest allowed value.</param>
    /// <returns>The parser.</returns>
    public static Func<ArgumentResult, int> Int(string name, int min) => r =>
        TryParse(r.Tokens[0].Value, min, int.MaxValue, out var v, out var why) ? (int)v : Fail<int>(r, name, why!);

    /// <summary>A custom parser for an optional int option.</summary>
    /// <param name="name">The option's name, for messages.</param>
    /// <param name="min">Smallest allowed value.</param>
    /// <returns>The parser.</returns>
    public static Func<ArgumentResult, int?> OptionalInt(string name, int min) => r =>
        TryParse(r.Tokens[0].Value, min, int.MaxValue, out var v, out var why) ? (int)v : Fail<int?>(r, name, why!);

    /// <summary>A custom parser for a ulong option (seeds).</summary>
    /// <param name="name">The option's name, for messages.</param>
    /// <returns>The parser.</returns>
    public static Func<ArgumentResult, ulong> ULong(string name) => r =>
        TryParse(r.Tokens[0].Value, 0, ulong.MaxValue, out var v, out var why) ? (ulong)v : Fail<ulong>(r, name, why!);

    /// <summary>A custom parser for an optional ulong option.</summary>
    /// <param name="name">The option's name, for messages.</param>
    /// <returns>The parser.</returns>
    public static Func<ArgumentResult, ulong?> OptionalULong(string name) => r =>
        TryParse(r.Tokens[0].Value, 0, ulong.MaxValue, out var v, out var why) ? (ulong)v : Fail<ulong?>(r, name, why!);

    private static T Fail<T>(ArgumentResult r, string name, string why)
    {
        r.AddError(why.StartsWith("must", StringComparison.Ordinal) ? $"{name} {why}" : $"{name}: {why}");
        return default!;
    }
}
