using FokkerPlanck.Particles;

namespace FokkerPlanck.IO;

/// <summary>
/// An output format of the <c>solve</c> and <c>simulate</c> results, chosen by name (<c>--format</c>). Adding one: a class
/// implementing this interface in one file, and its line in <see cref="OutputFormats"/>' list (or
/// <see cref="OutputFormats.Register"/> from another assembly).
/// </summary>
public interface IOutputFormat
{
    /// <summary>The name users select it by.</summary>
    string Name { get; }

    /// <summary>One line for the option's help.</summary>
    string Description { get; }

    /// <summary>Why results of this dimension cannot be written in this format; null when they can.</summary>
    /// <param name="dimension">1 or 2.</param>
    /// <returns>The reason, or null.</returns>
    string? Refuses(int dimension);

    /// <summary>Where a solution goes inside an output directory (a file or a directory).</summary>
    /// <param name="directory">The output directory.</param>
    /// <returns>The path.</returns>
    string SolutionPath(string directory);

    /// <summary>Where a particle run goes inside an output directory.</summary>
    /// <param name="directory">The output directory.</param>
    /// <returns>The path.</returns>
    string ParticlePath(string directory);

    /// <summary>Writes a solution, completely or not at all (a reader never sees half a result).</summary>
    /// <param name="path">From <see cref="SolutionPath"/>.</param>
    /// <param name="output">What to write.</param>
    void WriteSolution(string path, SolutionOutput output);

    /// <summary>Writes a particle run, completely or not at all.</summary>
    /// <param name="path">From <see cref="ParticlePath"/>.</param>
    /// <param name="result">The run.</param>
    /// <param name="scenarioJson">The scenario, as JSON.</param>
    /// <param name="reproducible">Omit the wall time, so that identical runs give identical bytes.</param>
    void WriteParticles(string path, ParticleResult result, string scenarioJson, bool reproducible);
}
