namespace FokkerPlanck.Validation;

/// <summary>
/// A distance between a particle sample and the grid density, reported beside its noise floor (the same distance
/// between reference samples and the grid). Adding one: a class implementing this in one file, and its line in
/// <see cref="SampleDistances"/>' list (or <see cref="SampleDistances.Register"/> from another assembly).
/// </summary>
public interface ISampleDistance
{
    /// <summary>Its name in reports for a dimension, or null when it does not apply there.</summary>
    /// <param name="dimension">1 or 2.</param>
    /// <returns>The name, or null.</returns>
    string? NameFor(int dimension);

    /// <summary>The distance.</summary>
    /// <param name="d">The sample and reference.</param>
    /// <returns>The distance (+∞ for a sample with non-finite points).</returns>
    double Measure(DistanceInputs d);
}
