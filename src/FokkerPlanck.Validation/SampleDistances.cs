namespace FokkerPlanck.Validation;

/// <summary>The registry of the distances the validation reports (in this order) beside their noise floors.</summary>
public static class SampleDistances
{
    // The registration lines.
    private static readonly List<ISampleDistance> Registered =
    [
        new WassersteinDistance(),
        new BinnedTotalVariation(),
        new BinnedKullbackLeibler(),
        new MaximumMeanDiscrepancy(),
    ];

    /// <summary>Every registered distance, in order.</summary>
    public static IReadOnlyList<ISampleDistance> All
    {
        get { lock (Registered) return [.. Registered]; }
    }

    /// <summary>Adds a distance (for one defined in another assembly); its names must be new.</summary>
    /// <param name="distance">The distance.</param>
    public static void Register(ISampleDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        lock (Registered)
        {
            foreach (int dim in new[] { 1, 2 })
                if (distance.NameFor(dim) is { } name && Registered.Any(d => d.NameFor(dim) == name))
                    throw new ArgumentException($"a distance named '{name}' is already registered", nameof(distance));
            Registered.Add(distance);
        }
    }

    /// <summary>Every registered distance that applies to the inputs' dimension, by name.</summary>
    /// <param name="d">The inputs.</param>
    /// <returns>Name to distance, in registration order.</returns>
    public static Dictionary<string, double> Measure(DistanceInputs d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var r = new Dictionary<string, double>();
        foreach (var m in All)
            if (m.NameFor(d.Dimension) is { } name) r[name] = m.Measure(d);
        return r;
    }
}
