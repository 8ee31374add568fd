namespace FokkerPlanck.Scenarios;

/// <summary>A scenario that breaks a rule: names the source, the JSON path and the rule.</summary>
public sealed class ScenarioException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">File name or built-in name.</param>
    /// <param name="path">JSON path, e.g. $.process.sigma.</param>
    /// <param name="rule">What is wrong, with the value.</param>
    /// <param name="inner">Underlying exception, if any.</param>
    public ScenarioException(string source, string path, string rule, Exception? inner = null)
        : base($"{source}: {path}: {rule}", path, inner)
    {
        SourceName = source;
        JsonPath = path;
        Rule = rule;
    }

    /// <summary>File name or built-in name.</summary>
    public string SourceName { get; }

    /// <summary>JSON path of the offending value.</summary>
    public string JsonPath { get; }

    /// <summary>The rule broken, with the value.</summary>
    public string Rule { get; }

    /// <summary>One line: source, path and rule.</summary>
    public override string Message => $"{SourceName}: {JsonPath}: {Rule}";
}
