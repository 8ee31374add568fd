namespace FokkerPlanck.Scenarios;

/// <summary>The kinds of one object of a scenario file (processes, densities), by name.</summary>
/// <typeparam name="T">What the object reads as.</typeparam>
internal sealed class KindRegistry<T>
{
    private readonly List<ScenarioKind<T>> _kinds;
    private readonly string _what;

    /// <param name="what">"process" or "density", for messages.</param>
    /// <param name="builtIn">The built-in kinds.</param>
    public KindRegistry(string what, IEnumerable<ScenarioKind<T>> builtIn)
    {
        _what = what;
        _kinds = [.. builtIn];
    }

    /// <summary>Changes with every registration (the schema is rebuilt when it does).</summary>
    public int Version { get; private set; }

    /// <summary>Every kind, in registration order.</summary>
    public IReadOnlyList<ScenarioKind<T>> All
    {
        get { lock (_kinds) return [.. _kinds]; }
    }

    /// <summary>Adds a kind; its name must be new and it must bring its schema rules.</summary>
    /// <param name="kind">The kind.</param>
    public void Register(ScenarioKind<T> kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Schema is null) throw new ArgumentException($"{_what} kind '{kind.Kind}' needs its JSON-schema rules", nameof(kind));
        lock (_kinds)
        {
            if (_kinds.Any(k => k.Kind == kind.Kind)) throw new ArgumentException($"a {_what} kind named '{kind.Kind}' is already registered", nameof(kind));
            _kinds.Add(kind);
            Version++;
        }
    }

    /// <summary>Reads the object by its "kind", or fails at $.….kind listing the kinds there are.</summary>
    /// <param name="r">The object's reader.</param>
    /// <param name="dimension">The grid's dimension.</param>
    /// <returns>What it reads as.</returns>
    public T Read(JsonReader r, int dimension)
    {
        string kind = r.String("kind");
        var all = All;
        var k = all.FirstOrDefault(x => x.Kind == kind)
                ?? throw r.Error(r.P("kind"), $"unknown {_what} kind \"{kind}\" (expected {Expected(all.Select(x => x.Kind).ToList())})");
        return k.Read(r, dimension);
    }

    private static string Expected(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
