namespace FokkerPlanck.Benchmarks.Reporting;

/// <summary>The machine limit a benchmark is compared with.</summary>
public enum Limit
{
    /// <summary>Nothing (the probes themselves, or a benchmark without a model).</summary>
    None,

    /// <summary>The triad probe's memory bandwidth: bytes moved per unit × units/s against it.</summary>
    Bandwidth,

    /// <summary>The normal-generation rate of the probe: normals needed per unit × units/s against it.</summary>
    Rng,
}

/// <summary>What one benchmark operation does, for the throughput columns.</summary>
/// <param name="UnitsPerOperation">Units (cells, particle steps, normals, triad elements) in one operation.</param>
/// <param name="Unit">Name of the unit.</param>
/// <param name="BytesPerUnit">Bytes the model says one unit moves to or from memory (0: not modelled).</param>
/// <param name="Limit">Which machine limit the rate is compared with.</param>
/// <param name="NormalsPerUnit">Gaussian draws per unit (for <see cref="Limit.Rng"/>).</param>
public sealed record Work(double UnitsPerOperation, string Unit, double BytesPerUnit, Limit Limit, double NormalsPerUnit = 0);

/// <summary>
/// A benchmark class that says what its operations do. The columns call <c>Describe</c> by reflection with the case's
/// method name and parameter values.
/// </summary>
public interface IDescribesWork
{
    /// <summary>The work of one operation of a case.</summary>
    /// <param name="method">Benchmark method name.</param>
    /// <param name="parameters">The case's [Params] values by name.</param>
    /// <returns>The work, or null when not modelled.</returns>
    static abstract Work? Describe(string method, IReadOnlyDictionary<string, object?> parameters);
}
