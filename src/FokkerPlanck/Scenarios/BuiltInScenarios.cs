namespace FokkerPlanck.Scenarios;

/// <summary>The scenarios shipped with the tool (the files of examples/, embedded).</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "FokkerPlanck.Examples.";

    /// <summary>The scenario run when none is given.</summary>
    public const string Default = "ou-gmm-1d";

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } = EmbeddedScenarios.Names(Prefix);

    /// <summary>JSON text of a built-in scenario.</summary>
    /// <param name="name">Name (see <see cref="Names"/>).</param>
    /// <returns>The JSON text.</returns>
    public static string Json(string name) => EmbeddedScenarios.Json(Prefix, name, "built-in scenario", Names);

    /// <summary>Parses a built-in scenario.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Get(string name) => ScenarioParser.Parse(Json(name), name);
}
