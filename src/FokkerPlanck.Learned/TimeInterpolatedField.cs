namespace FokkerPlanck.Learned;

/// <summary>
/// A learned score (or its PF velocity) at fixed points, evaluated at evenly spaced node times over [t_min, T] and
/// interpolated in time by the cubic Lagrange polynomial through the four nearest nodes. A float32 network's outputs
/// differ by round-off (≈ 1e-7 relative) from one time to the next, which an error-controlled time integrator cannot
/// integrate (its step-doubling estimate never falls below that noise times the step, and the step collapses); the
/// interpolant is smooth in time. Its error is O(Δt⁴) (Δt the node spacing); nodes are computed when first needed and
/// only the last few are kept, so the memory is a few batches whatever the node count.
/// </summary>
internal sealed class TimeInterpolatedField
{
    private readonly LearnedScore _model;
    private readonly double[] _points;
    private readonly double _t0, _dt;
    private readonly int _intervals;
    private readonly bool _velocity;
    private readonly Dictionary<int, double[]> _nodes = [];
    private readonly object _gate = new();

    /// <summary>Creates the interpolant.</summary>
    /// <param name="model">The learned score.</param>
    /// <param name="points">The points (row-major).</param>
    /// <param name="t0">First node time.</param>
    /// <param name="t1">Last node time.</param>
    /// <param name="intervals">Number of node intervals (≥ 3).</param>
    /// <param name="velocity">Interpolate the PF velocity f − D s_θ instead of the score.</param>
    public TimeInterpolatedField(LearnedScore model, double[] points, double t0, double t1, int intervals, bool velocity)
    {
        _model = model; _points = points; _t0 = t0; _intervals = intervals; _velocity = velocity;
        _dt = (t1 - t0) / intervals;
    }

    /// <summary>The interpolated values at time t (clamped to [t0, t1]).</summary>
    /// <param name="t">Time.</param>
    /// <param name="output">One value per point coordinate.</param>
    public void At(double t, Span<double> output)
    {
        double u = Math.Clamp((t - _t0) / _dt, 0, _intervals);
        Span<double> w = stackalloc double[4];
        int k0 = CubicLagrange.Weights(u, _intervals + 1, w);
        output.Clear();
        for (int a = 0; a < 4; a++)
        {
            var node = Node(k0 + a);
            for (int i = 0; i < output.Length; i++) output[i] += w[a] * node[i];
        }
    }

    private double[] Node(int k)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(k, out var v)) return v;
            v = new double[_points.Length];
            double t = k == _intervals ? _t0 + _intervals * _dt : _t0 + k * _dt;
            if (_velocity) _model.Velocity(_points, t, v);
            else _model.Score(_points, t, v);
            foreach (int old in _nodes.Keys.Where(o => Math.Abs(o - k) > 6).ToArray()) _nodes.Remove(old);
            _nodes[k] = v;
            return v;
        }
    }
}
