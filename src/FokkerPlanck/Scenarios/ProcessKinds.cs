using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>The process kinds a scenario file may name. A new process: its class (with its face-drift functor) and
/// its <see cref="ScenarioKind{T}"/> in one file, and its line in the list below (or <see cref="KindRegistry{T}.Register"/>
/// from a friend assembly).</summary>
internal static class ProcessKinds
{
    /// <summary>The registry.</summary>
    public static KindRegistry<Process> Registry { get; } = new("process",
    [
        new("ou", (r, _) =>
        {
            double theta = r.Number("theta", 1.0), sigma = r.Number("sigma", Math.Sqrt(2.0));
            return ScenarioParser.Wrap(r, r.Path, () => new OuProcess(theta, sigma), p => p);
        }),
        new("vp", (r, _) =>
        {
            double bmin = r.Number("betaMin", 0.1), bmax = r.Number("betaMax", 20.0);
            return ScenarioParser.Wrap(r, r.Path, () => new VpProcess(bmin, bmax), p => p);
        }),
        new("ve", (r, _) =>
        {
            double smin = r.Number("sigmaMin", 0.01), smax = r.Number("sigmaMax", 5.0);
            return ScenarioParser.Wrap(r, r.Path, () => new VeProcess(smin, smax), p => p);
        }),
        new("langevin", (r, dim) =>
        {
            double sigma = r.Number("sigma", Math.Sqrt(2.0));
            var t = r.Object("target");
            var (t1, t2) = DensityKinds.Read(t, dim);
            t.RejectUnknown();
            r.Store("target", t.Resolved);
            return ScenarioParser.Wrap(r, r.Path, () => t1 is not null ? new LangevinProcess(t1, sigma) : new LangevinProcess(t2!, sigma), p => p);
        }),
        new("flow-matching", (r, dim) =>
        {
            var dr = r.Object("data");
            var (d1, d2) = DensityKinds.Read(dr, dim);
            dr.RejectUnknown();
            r.Store("data", dr.Resolved);
            if (d1 is GaussianMixture1D g1) return new FlowMatchingProcess(new FlowMatchingPath(g1));
            if (d2 is GaussianMixture2D g2) return new FlowMatchingProcess(new FlowMatchingPath(g2));
            throw r.Error(dr.P("kind"), "flow-matching data must be a gaussian-mixture");
        }),
    ]);
}
