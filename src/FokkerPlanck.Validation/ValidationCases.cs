using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Validation;

/// <summary>The validation cases: the scenario files of validation/cases, embedded in the library.</summary>
public static class ValidationCases
{
    private const string Prefix = "FokkerPlanck.Cases.";

    /// <summary>Case names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = EmbeddedScenarios.Names(Prefix, typeof(ValidationCases).Assembly);

    /// <summary>The JSON text of a case.</summary>
    /// <param name="name">Case name.</param>
    /// <returns>JSON.</returns>
    public static string Json(string name) => EmbeddedScenarios.Json(Prefix, name, "validation case", Names, typeof(ValidationCases).Assembly);

    /// <summary>A case parsed as a scenario.</summary>
    /// <param name="name">Case name.</param>
    /// <returns>Scenario.</returns>
    public static Scenario Get(string name) => ScenarioParser.Parse(Json(name), name);
}
