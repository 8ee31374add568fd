using System.Runtime.CompilerServices;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Model.Plugins;

/// <summary>
/// The "where to add a process" sample, in this one file with no edit anywhere else: dX = -X³ dt + σ dW (1D), whose
/// stationary density is ∝ exp(-X⁴ / (2σ²)). It gives the grid code its face-drift functor, and registers its scenario
/// kind "cubic" (reader and schema rules) when the test assembly loads. Particles are not offered (no particle kernel):
/// the engine refuses it with a message.
/// </summary>
internal sealed class CubicProcess(double sigma) : Process
{
    public double Sigma { get; } = Guard.Positive(sigma, nameof(sigma));

    public override string Kind => "cubic";

    public override double G(double t) => Sigma;

    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f) => f[0] = -x[0] * x[0] * x[0];

    public override TResult UseFaceDrift<TResult>(IFaceDriftUser<TResult> user) =>
        user.Dimension == 1 ? user.Use1D(default(CubicFaceDrift), null) : throw new ArgumentException("process 'cubic' is 1D only", "process");

    /// <summary>The kernel functor: the drift at the face's midpoint (second order, like the built-in ones).</summary>
    internal readonly struct CubicFaceDrift : IFaceDrift1D, IAutonomousDrift
    {
        public bool IsAutonomous => true;

        public double Face(double xl, double xr, double auxL, double auxR, double t)
        {
            double m = 0.5 * (xl + xr);
            return -m * m * m;
        }
    }

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => ProcessKinds.Registry.Register(new ScenarioKind<Process>("cubic",
        (r, dim) =>
        {
            if (dim != 1) throw r.Error(r.P("kind"), "cubic is 1D only, but the grid is 2D");
            double sigma = r.Number("sigma", Math.Sqrt(2.0));
            return ScenarioParser.Wrap(r, r.Path, () => new CubicProcess(sigma), p => p);
        },
        """{"additionalProperties": false, "properties": {"kind": true, "sigma": {"type": "number", "exclusiveMinimum": 0, "default": 1.4142135623730951}}}"""));
}
