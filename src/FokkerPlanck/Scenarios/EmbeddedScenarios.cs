using System.Reflection;

namespace FokkerPlanck.Scenarios;

/// <summary>Scenario files embedded in an assembly under a resource-name prefix (the library's examples/ as built-ins,
/// the validation suite's validation/cases/ as validation cases).</summary>
public static class EmbeddedScenarios
{
    /// <summary>Sorted names of the embedded files under a prefix.</summary>
    /// <param name="prefix">Resource-name prefix.</param>
    /// <param name="assembly">Assembly that embeds them (default: this library).</param>
    /// <returns>The names, without prefix and extension.</returns>
    public static string[] Names(string prefix, Assembly? assembly = null) => (assembly ?? typeof(EmbeddedScenarios).Assembly).GetManifestResourceNames()
        .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[prefix.Length..^5]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The JSON text of one file; <paramref name="what"/> names the collection in the error.</summary>
    /// <param name="prefix">Resource-name prefix.</param>
    /// <param name="name">File name without prefix and extension.</param>
    /// <param name="what">What the collection is called in the error message.</param>
    /// <param name="known">The known names, listed in the error message.</param>
    /// <param name="assembly">Assembly that embeds them (default: this library).</param>
    /// <returns>The JSON text.</returns>
    public static string Json(string prefix, string name, string what, IReadOnlyList<string> known, Assembly? assembly = null)
    {
        using var s = (assembly ?? typeof(EmbeddedScenarios).Assembly).GetManifestResourceStream(prefix + name + ".json")
            ?? throw new ArgumentException($"no {what} named '{name}' (known: {string.Join(", ", known)})", nameof(name));
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
