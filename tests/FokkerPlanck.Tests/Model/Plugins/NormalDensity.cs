using System.Runtime.CompilerServices;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Model.Plugins;

/// <summary>
/// The "where to add a density" sample, in this one file with no edit anywhere else: a 1D normal density N(mean, sd²)
/// with exact cell averages, and its scenario kind "normal" (reader and schema rules), registered when the test assembly
/// loads.
/// </summary>
internal sealed class NormalDensity(double mean, double sd) : IDensity1D
{
    public double Mean { get; } = Guard.Finite(mean, nameof(mean));

    public double Sd { get; } = Guard.Positive(sd, nameof(sd));

    public double Density(double x) => Math.Exp(LogDensity(x));

    public double LogDensity(double x)
    {
        double z = (x - Mean) / Sd;
        return -0.5 * z * z - Math.Log(Sd * Math.Sqrt(2 * Math.PI));
    }

    public double Score(double x) => -(x - Mean) / (Sd * Sd);

    public double Cdf(double x) => SpecialFunctions.NormalCdf((x - Mean) / Sd);

    public double CellAverage(double a, double b) => SpecialFunctions.NormalInterval((a - Mean) / Sd, (b - Mean) / Sd) / (b - a);

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => DensityKinds.Registry.Register(new ScenarioKind<(IDensity1D?, IDensity2D?)>("normal",
        (r, dim) =>
        {
            if (dim != 1) throw r.Error(r.P("kind"), "normal is 1D only, but the grid is 2D");
            double mean = r.Number("mean", 0.0), sd = r.Number("sd", 1.0);
            return (ScenarioParser.Wrap(r, r.Path, () => new NormalDensity(mean, sd), p => p), null);
        },
        """{"additionalProperties": false, "properties": {"kind": true, "mean": {"type": "number", "default": 0}, "sd": {"type": "number", "exclusiveMinimum": 0, "default": 1}}}"""));
}
