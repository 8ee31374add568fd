namespace FokkerPlanck.Learned;

/// <summary>
/// A learned velocity tabulated on an evenly spaced 2D lattice of nodes at evenly spaced times (<see
/// cref="TimeInterpolatedField"/>: cubic in time) and interpolated bicubically (Lagrange, the 4 × 4 nearest nodes) at any
/// point inside; points outside the lattice go to the model itself, in one batch. The flow-map law moves tens of
/// thousands of points through thousands of RK4 stages: evaluating a network at each would cost a hundred times the
/// tabulation (16 641 × 12 000 calls against 16 641 × 514 for 64² cells), and the interpolant is smooth where a float32
/// network's round-off is not. With <c>stride</c> 2 only every other node is used: the same field at twice the spacing,
/// whose difference to stride 1 estimates the interpolation error (fourth order: a fifteenth of the difference).
/// </summary>
internal sealed class LatticeVelocity
{
    private readonly TimeInterpolatedField _nodes;
    private readonly LearnedScore _model;
    private readonly double _x0, _y0, _hx, _hy;
    private readonly int _mx, _my, _stride, _lx, _ly;
    private readonly double[] _table;

    /// <summary>Creates the interpolant.</summary>
    /// <param name="nodes">The velocity at the lattice nodes (x, y interleaved, row-major in x), in time.</param>
    /// <param name="model">The model, for points outside the lattice.</param>
    /// <param name="x0">First node's x.</param>
    /// <param name="hx">Node spacing in x.</param>
    /// <param name="mx">Nodes in x.</param>
    /// <param name="y0">First node's y.</param>
    /// <param name="hy">Node spacing in y.</param>
    /// <param name="my">Nodes in y.</param>
    /// <param name="stride">1: every node; 2: every other node (mx and my odd).</param>
    public LatticeVelocity(TimeInterpolatedField nodes, LearnedScore model, double x0, double hx, int mx, double y0, double hy, int my, int stride)
    {
        _nodes = nodes; _model = model; _x0 = x0; _hx = hx * stride; _mx = mx; _y0 = y0; _hy = hy * stride; _my = my; _stride = stride;
        _lx = (mx - 1) / stride + 1; _ly = (my - 1) / stride + 1;
        _table = new double[2 * mx * my];
    }

    /// <summary>The velocity at the points (a <see cref="FlowVelocity"/>; not for concurrent calls).</summary>
    /// <param name="points">Points, x and y interleaved.</param>
    /// <param name="t">Time.</param>
    /// <param name="velocity">Receives the velocity.</param>
    public void Evaluate(ReadOnlySpan<double> points, double t, Span<double> velocity)
    {
        var table = _table;
        _nodes.At(t, table);
        int n = points.Length / 2;
        var outside = new List<int>();
        Span<double> wx = stackalloc double[4], wy = stackalloc double[4];
        for (int p = 0; p < n; p++)
        {
            double u = (points[2 * p] - _x0) / _hx, v = (points[2 * p + 1] - _y0) / _hy;
            if (!(u >= 0 && u <= _lx - 1 && v >= 0 && v <= _ly - 1)) { outside.Add(p); continue; }
            int i0 = CubicLagrange.Weights(u, _lx, wx), j0 = CubicLagrange.Weights(v, _ly, wy);
            double sx = 0, sy = 0;
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                {
                    int k = 2 * ((i0 + a) * _stride * _my + (j0 + b) * _stride);
                    double w = wx[a] * wy[b];
                    sx += w * table[k]; sy += w * table[k + 1];
                }
            velocity[2 * p] = sx; velocity[2 * p + 1] = sy;
        }
        if (outside.Count == 0) return;
        var xs = new double[2 * outside.Count];
        for (int q = 0; q < outside.Count; q++) { xs[2 * q] = points[2 * outside[q]]; xs[2 * q + 1] = points[2 * outside[q] + 1]; }
        var vs = new double[xs.Length];
        _model.Velocity(xs, t, vs);
        for (int q = 0; q < outside.Count; q++) { velocity[2 * outside[q]] = vs[2 * q]; velocity[2 * outside[q] + 1] = vs[2 * q + 1]; }
    }
}
