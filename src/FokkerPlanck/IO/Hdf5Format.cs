using FokkerPlanck.Particles;

namespace FokkerPlanck.IO;

/// <summary>HDF5: one file per result (<see cref="SolutionFile"/>, <see cref="ParticleFile"/>), 1D and 2D.</summary>
public sealed class Hdf5Format : IOutputFormat
{
    /// <inheritdoc />
    public string Name => "h5";

    /// <inheritdoc />
    public string Description => "HDF5, one file";

    /// <inheritdoc />
    public string? Refuses(int dimension) => null;

    /// <inheritdoc />
    public string SolutionPath(string directory) => Path.Combine(directory, "solution.h5");

    /// <inheritdoc />
    public string ParticlePath(string directory) => Path.Combine(directory, "particles.h5");

    /// <inheritdoc />
    public void WriteSolution(string path, SolutionOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        SolutionFile.Write(path, output.Solution, output.ScenarioJson, output.Fields, output.Estimates, output.Exact, output.Reproducible);
    }

    /// <inheritdoc />
    public void WriteParticles(string path, ParticleResult result, string scenarioJson, bool reproducible) =>
        ParticleFile.Write(path, result, scenarioJson, reproducible);
}
