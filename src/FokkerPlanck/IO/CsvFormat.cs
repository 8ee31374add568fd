using FokkerPlanck.Particles;

namespace FokkerPlanck.IO;

/// <summary>CSV: a directory per result, one file per dataset with a header row (<see cref="CsvExport"/>); 1D only.</summary>
public sealed class CsvFormat : IOutputFormat
{
    /// <inheritdoc />
    public string Name => "csv";

    /// <inheritdoc />
    public string Description => "1D only: one file per dataset, header row";

    /// <inheritdoc />
    public string? Refuses(int dimension) => dimension == 1 ? null : "CSV is for 1D results only";

    /// <inheritdoc />
    public string SolutionPath(string directory) => Path.Combine(directory, "solution");

    /// <inheritdoc />
    public string ParticlePath(string directory) => Path.Combine(directory, "particles");

    /// <inheritdoc />
    public void WriteSolution(string path, SolutionOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CsvExport.WriteSolution(path, output.Solution, output.ScenarioJson, output.Fields, output.Estimates, output.Exact, output.Reproducible);
    }

    /// <inheritdoc />
    public void WriteParticles(string path, ParticleResult result, string scenarioJson, bool reproducible) =>
        CsvExport.WriteParticles(path, result, scenarioJson, reproducible);
}
