namespace FokkerPlanck.Scenarios;

/// <summary>Scenario files embedded in the library under a resource-name prefix (examples/ as built-ins,
/// validation/cases/ as validation cases).</summary>
internal static class EmbeddedScenarios
{
    /// <summary>Sorted names of the embedded files under a prefix.</summary>
    public static string[] Names(string prefix) => typeof(EmbeddedScenarios).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[prefix.Length..^5]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The JSON text of one file; <paramref name="what"/> names the collection in the error.</summary>
    public static string Json(string prefix, string name, string what, IReadOnlyList<string> known)
    {
        using var s = typeof(EmbeddedScenarios).Assembly.GetManifestResourceStream(prefix + name + ".json")
            ?? throw new ArgumentException($"no {what} named '{name}' (known: {string.Join(", ", known)})", nameof(name));
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
