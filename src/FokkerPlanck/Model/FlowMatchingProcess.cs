namespace FokkerPlanck.Model;

/// <summary>
/// The flow-matching path as a "process" for scenarios: no noise (g = 0) and the marginal velocity as drift, so that
/// ∂t p = -∇·(u p) is a continuity equation. Solved by <see cref="Transport.ContinuitySolver"/>, not by the
/// Fokker–Planck solver.
/// </summary>
public sealed class FlowMatchingProcess : Process
{
    /// <summary>Wraps a path.</summary>
    /// <param name="path">The flow-matching path.</param>
    public FlowMatchingProcess(FlowMatchingPath path) { Path = path ?? throw new ArgumentNullException(nameof(path)); }

    /// <summary>The path (data, exact marginals, velocity).</summary>
    public FlowMatchingPath Path { get; }

    /// <inheritdoc />
    public override string Kind => "flow-matching";

    /// <inheritdoc />
    public override double G(double t) => 0.0;

    /// <inheritdoc />
    public override void Drift(ReadOnlySpan<double> x, double t, Span<double> f)
    {
        if (Path.Data1D is not null) { f[0] = Path.Velocity(x[0], t); return; }
        var (u, v) = Path.Velocity(x[0], x[1], t);
        f[0] = u; f[1] = v;
    }
}
