using FokkerPlanck.Numerics;

namespace FokkerPlanck.Scenarios;

/// <summary>The kinds of one object of a scenario file (processes, densities), by name.</summary>
/// <typeparam name="T">What the object reads as.</typeparam>
internal sealed class KindRegistry<T>
{
    private readonly NamedRegistry<ScenarioKind<T>> _kinds;
    private readonly string _what;

    /// <param name="what">"process" or "density", for messages.</param>
    /// <param name="builtIn">The built-in kinds.</param>
    public KindRegistry(string what, IEnumerable<ScenarioKind<T>> builtIn)
    {
        _what = what;
        _kinds = new($"{what} kind", k => k.Kind, builtIn);
    }

    /// <summary>Changes with every registration (the schema is rebuilt when it does).</summary>
    public int Version => _kinds.Version;

    /// <summary>Every kind, in registration order.</summary>
    public IReadOnlyList<ScenarioKind<T>> All => _kinds.All;

    /// <summary>Adds a kind; its name must be new and it must bring its schema rules, unless the shipped schema has them
    /// (a kind implemented outside this assembly, such as the figures assembly's image density).</summary>
    /// <param name="kind">The kind.</param>
    public void Register(ScenarioKind<T> kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Schema is null && !ScenarioSchema.Ships(_what, kind.Kind))
            throw new ArgumentException($"{_what} kind '{kind.Kind}' needs its JSON-schema rules", nameof(kind));
        _kinds.Register(kind);
    }

    /// <summary>Reads the object by its "kind", or fails at $.….kind listing the kinds there are.</summary>
    /// <param name="r">The object's reader.</param>
    /// <param name="dimension">The grid's dimension.</param>
    /// <returns>What it reads as.</returns>
    public T Read(JsonReader r, int dimension)
    {
        string kind = r.String("kind");
        var k = _kinds.Find(kind) ?? throw r.Error(r.P("kind"), $"unknown {_what} kind \"{kind}\" (expected {_kinds.Choices})");
        return k.Read(r, dimension);
    }
}
