using System.Reflection;

namespace FokkerPlanck.Scenarios;

/// <summary>The scenarios shipped with the tool (the files of examples/, embedded).</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "FokkerPlanck.Examples.";

    /// <summary>The scenario run when none is given.</summary>
    public const string Default = "ou-gmm-1d";

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BuiltInScenarios).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^5]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>JSON text of a built-in scenario.</summary>
    /// <param name="name">Name (see <see cref="Names"/>).</param>
    /// <returns>The JSON text.</returns>
    public static string Json(string name)
    {
        using var s = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream(Prefix + name + ".json")
            ?? throw new ArgumentException($"no built-in scenario named '{name}' (known: {string.Join(", ", Names)})", nameof(name));
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Parses a built-in scenario.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Get(string name) => ScenarioParser.Parse(Json(name), name);
}
