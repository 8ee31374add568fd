using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Validation.Suite;

/// <summary>The validation cases: the scenario files of validation/cases, embedded in the library.</summary>
public static class ValidationCases
{
    private const string Prefix = "FokkerPlanck.Cases.";

    /// <summary>Case names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ValidationCases).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^5]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The JSON text of a case.</summary>
    /// <param name="name">Case name.</param>
    /// <returns>JSON.</returns>
    public static string Json(string name)
    {
        using var s = typeof(ValidationCases).Assembly.GetManifestResourceStream(Prefix + name + ".json")
            ?? throw new ArgumentException($"no validation case named '{name}' (known: {string.Join(", ", Names)})", nameof(name));
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>A case parsed as a scenario.</summary>
    /// <param name="name">Case name.</param>
    /// <returns>Scenario.</returns>
    public static Scenario Get(string name) => ScenarioParser.Parse(Json(name), name);
}
