namespace FokkerPlanck.Scenarios;

/// <summary>
/// A <c>kind</c> of a scenario file's process or density object: its name, how to read the object, and the JSON-schema
/// rules of its other fields. The built-in kinds' rules are in the shipped schema (docs/scenario.schema.json), and so are
/// those of a kind the tool registers from another assembly (image); any other kind added later brings its own, and the
/// schema the parser checks against is extended with them.
/// </summary>
/// <typeparam name="T">What the object reads as.</typeparam>
/// <param name="Kind">The value of "kind".</param>
/// <param name="Read">Reads the object (its reader, the grid's dimension); throws <see cref="ScenarioException"/> through the reader.</param>
/// <param name="Schema">JSON-schema text for the object when its kind is this one (the "then" of an if/then on kind);
/// null for a kind whose rules the shipped schema has.</param>
internal sealed record ScenarioKind<T>(string Kind, Func<JsonReader, int, T> Read, string? Schema = null);
