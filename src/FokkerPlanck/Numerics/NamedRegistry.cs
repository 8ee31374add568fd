namespace FokkerPlanck.Numerics;

/// <summary>
/// A list of named things a user selects by name (integrators, output formats, scenario kinds): the built-in ones, and
/// those registered later, each name once. Thread-safe; <see cref="All"/> is a snapshot.
/// </summary>
/// <typeparam name="T">What is registered.</typeparam>
public sealed class NamedRegistry<T> where T : notnull
{
    private readonly List<T> _items;
    private readonly Func<T, string> _name;
    private readonly string _what;

    /// <summary>Creates the registry.</summary>
    /// <param name="what">What the items are, for messages ("integrator", "process kind").</param>
    /// <param name="name">An item's name.</param>
    /// <param name="builtIn">The built-in items, in order.</param>
    public NamedRegistry(string what, Func<T, string> name, IEnumerable<T> builtIn)
    {
        _what = what; _name = name;
        _items = [.. builtIn];
    }

    /// <summary>Changes with every registration.</summary>
    public int Version { get; private set; }

    /// <summary>Every item, in registration order.</summary>
    public IReadOnlyList<T> All
    {
        get { lock (_items) return [.. _items]; }
    }

    /// <summary>Their names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. All.Select(_name)];

    /// <summary>Adds an item; its name must be new.</summary>
    /// <param name="item">The item.</param>
    public void Register(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_items)
        {
            if (_items.Any(i => _name(i) == _name(item)))
                throw new ArgumentException($"{_what} '{_name(item)}' is already registered", nameof(item));
            _items.Add(item);
            Version++;
        }
    }

    /// <summary>The item of a name (exact), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The item, or null.</returns>
    public T? Find(string name)
    {
        lock (_items) return _items.FirstOrDefault(i => _name(i) == name);
    }

    /// <summary>"a, b or c": the names, for a message listing what is accepted.</summary>
    public string Choices
    {
        get
        {
            var n = Names;
            return n.Count == 1 ? n[0] : string.Join(", ", n.Take(n.Count - 1)) + " or " + n[^1];
        }
    }
}
