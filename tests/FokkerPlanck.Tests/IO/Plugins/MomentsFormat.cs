using System.Globalization;
using System.Runtime.CompilerServices;
using FokkerPlanck.IO;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Tests.IO.Plugins;

/// <summary>
/// The "where to add an output format" sample: a plain-text summary (per snapshot: t, mass or particle count, mean of
/// x), defined and registered in this one file with no edit anywhere else. Once the test assembly loads,
/// <c>solve --format moments</c> and <c>simulate --format moments</c> write it (<see cref="OutputFormatTests"/>).
/// </summary>
internal sealed class MomentsFormat : IOutputFormat
{
    public string Name => "moments";

    public string Description => "1D only: a text line per snapshot with t, mass and mean";

    public string? Refuses(int dimension) => dimension == 1 ? null : "the moments sample writes 1D results only";

    public string SolutionPath(string directory) => Path.Combine(directory, "solution.moments.txt");

    public string ParticlePath(string directory) => Path.Combine(directory, "particles.moments.txt");

    public void WriteSolution(string path, SolutionOutput output)
    {
        var s = output.Solution;
        var x = s.Grid1!.Centers();
        Write(path, s.Times.Select((t, k) =>
        {
            double mass = s.Densities[k].Sum() * s.Grid1.H, mean = s.Densities[k].Select((p, i) => p * x[i]).Sum() * s.Grid1.H / mass;
            return Line(t, mass, mean);
        }));
    }

    public void WriteParticles(string path, ParticleResult result, string scenarioJson, bool reproducible) =>
        Write(path, result.Times.Select((t, k) => Line(t, result.X[k].Length, result.X[k].Average())));

    private static string Line(double t, double mass, double mean) => string.Create(CultureInfo.InvariantCulture, $"{t:R} {mass:R} {mean:R}");

    // Complete or absent: written under a temporary name, then renamed.
    private static void Write(string path, IEnumerable<string> lines)
    {
        string tmp = path + ".partial";
        File.WriteAllLines(tmp, lines);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => OutputFormats.Register(new MomentsFormat());
}
