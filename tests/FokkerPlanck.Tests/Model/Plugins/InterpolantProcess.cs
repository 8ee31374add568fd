using System.Runtime.CompilerServices;
using FokkerPlanck.Kernels;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Model.Plugins;

/// <summary>
/// The "where to add a linear process" sample, in this one file with no edit anywhere else: the noising SDE of the
/// linear interpolant X_t = (1 - t) X_0 + t Z (rectified flow's path read as a diffusion): m = 1 - t, v = t², hence
/// a = m'/m = -1/(1 - t) and g² = v' - 2 a v = 2t / (1 - t). Its schedule struct is all it writes: the grid, the particle
/// kernels on both backends and the exact marginals come with <see cref="LinearProcess{TSchedule}"/>, and the tests that
/// iterate over the registry (ProcessSeamTests, ParticleConformanceTests) pick it up.
/// </summary>
internal sealed class InterpolantProcess() : LinearProcess<InterpolantProcess.InterpolantSchedule>(default)
{
    public override string Kind => "interpolant";

    public override string? TimeRangeProblem(double start, double end) =>
        end >= 1 ? $"the interpolant reaches pure noise at t = 1, where its drift diverges: time.end must be < 1 (got {end:R})"
        : base.TimeRangeProblem(start, end);

    internal readonly struct InterpolantSchedule : ILinearSchedule
    {
        public bool DriftIsConstant => false;

        public double A(double t) => -1.0 / (1.0 - t);

        public double G(double t) => Math.Sqrt(2 * t / (1.0 - t));

        public double MeanFactor(double t) => 1.0 - t;

        public double AddedVariance(double t) => t * t;
    }

    /// <summary>The registration line, run when the test assembly loads.</summary>
    [ModuleInitializer]
    internal static void Register() => ProcessKinds.Registry.Register(new ScenarioKind<Process>("interpolant",
        (r, _) => new InterpolantProcess(),
        """{"additionalProperties": false, "properties": {"kind": true}}"""));
}
