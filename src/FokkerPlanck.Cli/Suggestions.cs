using System.CommandLine;

namespace FokkerPlanck.Cli;

/// <summary>"Did you mean" for a mistyped option or command: the closest name of the command (Levenshtein distance
/// ≤ 2, or a unique prefix), written out as code because System.CommandLine 2.0 no longer offers typo corrections.</summary>
internal static class Suggestions
{
    /// <summary>The closest option or subcommand name of a command to a token, or null.</summary>
    /// <param name="token">What the user typed.</param>
    /// <param name="command">The command it was typed for.</param>
    /// <returns>The suggestion, or null.</returns>
    public static string? For(string token, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = command.Options.SelectMany(o => new[] { o.Name }.Concat(o.Aliases))
            .Concat(command.Subcommands.Select(c => c.Name)).Where(n => n.Length > 2).Distinct().ToArray();
        var prefixed = names.Where(n => n.StartsWith(token, StringComparison.Ordinal) && token.Length >= 3).ToArray();
        if (prefixed.Length == 1) return prefixed[0];
        var best = names.Select(n => (Name: n, D: Distance(token, n))).OrderBy(p => p.D).ThenBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.D <= 2 ? best.Name : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    /// <summary>The first token that looks like an option (starts with '-', is not a number) but is none of the command's
    /// options or the global ones, with the closest name.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="command">The command it resolved to.</param>
    /// <returns>The token and a suggestion, or null when every option is known.</returns>
    public static (string Token, string? Suggestion)? UnknownOption(IEnumerable<string> args, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var known = new HashSet<string>(command.Options.SelectMany(o => new[] { o.Name }.Concat(o.Aliases)), StringComparer.Ordinal)
        {
            "--help", "-h", "-?", "/?", "/h", "--version",
        };
        foreach (var arg in args)
        {
            if (arg.Length < 2 || arg[0] != '-' || arg == "--") continue;
            if (double.TryParse(arg, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) continue;
            string name = arg.Split('=', ':')[0];
            if (known.Contains(name)) continue;
            return (arg, For(name, command));
        }
        return null;
    }
}
