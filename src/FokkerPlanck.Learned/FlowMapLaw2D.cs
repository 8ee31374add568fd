using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Learned;

/// <summary>
/// The law of a learned 2D flow by its flow map: the density at time t is q(x) = p(Φ(x)) |det DΦ(x)|, Φ the flow map
/// from t to the time where the density p is known exactly (the ODE run from t to there: forward to T for a PF-ODE,
/// backward to 0 for a flow-matching path). Φ is computed by <see cref="FlowIntegrator"/> on a lattice of half the
/// cell width (cell corners, edge midpoints and centres) with the model's velocity tabulated on the same lattice at
/// evenly spaced times (<see cref="LatticeVelocity"/>), DΦ by fourth-order differences of Φ along the lattice (one-sided
/// at the edges), and each cell average by Simpson's rule on its 3 × 3 lattice points. No derivative of the network is
/// needed: a continuity-equation solve with the learned velocity, limited to second order at extrema, stopped near KL
/// 1e-5 on 64² cells where this reaches 5e-8. The estimate adds three Richardson differences, each a fifteenth of the
/// difference (fourth order): half the RK4 steps, the table of every other node, and the same rules on the lattice of
/// whole cells over 2 × 2 blocks of cells.
/// </summary>
internal static class FlowMapLaw2D
{
    /// <summary>Cell averages of the flow's law at <paramref name="at"/> on the grid, and the estimated L1 error.</summary>
    /// <param name="model">The learned model (its velocity).</param>
    /// <param name="grid">Grid (at least 4 cells on each axis).</param>
    /// <param name="known">The exact density at <paramref name="knownAt"/>.</param>
    /// <param name="at">Time of the law.</param>
    /// <param name="knownAt">Time of the known density.</param>
    /// <param name="steps">RK4 steps (even).</param>
    /// <param name="intervals">Time intervals of the velocity table.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <param name="progress">Progress lines, or null.</param>
    /// <returns>Cell averages (row-major like the grid), L1 error estimate, and the number of RK4 steps taken in all.</returns>
    public static (double[] Density, double Estimate, long Steps) Solve(LearnedScore model, Grid2D grid, IDensity2D known, double at, double knownAt,
        int steps, int intervals, CancellationToken cancel, Action<string>? progress = null)
    {
        int nx = grid.X.Cells, ny = grid.Y.Cells;
        if (nx < 4 || ny < 4) throw new ArgumentException($"the flow-map law needs at least 4 cells on each axis (got {nx} × {ny})", nameof(grid));
        int mx = 2 * nx + 1, my = 2 * ny + 1;
        double x0 = grid.X.Edge(0), y0 = grid.Y.Edge(0), hx = grid.X.H / 2, hy = grid.Y.H / 2;
        var lattice = new double[2 * mx * my];
        for (int i = 0; i < mx; i++)
            for (int j = 0; j < my; j++) { lattice[2 * (i * my + j)] = x0 + i * hx; lattice[2 * (i * my + j) + 1] = y0 + j * hy; }
        TimeInterpolatedField Nodes() => new(model, lattice, Math.Min(at, knownAt), Math.Max(at, knownAt), intervals, velocity: true);
        // Φ with the tabulated velocity (stride 1) and, in the same batch, with every other node's table (stride 2): one
        // set of model calls serves both.
        var nodes = Nodes();
        var fineTable = new LatticeVelocity(nodes, model, x0, hx, mx, y0, hy, my, 1);
        var coarseTable = new LatticeVelocity(nodes, model, x0, hx, mx, y0, hy, my, 2);
        var both = new double[2 * lattice.Length];
        lattice.CopyTo(both, 0); lattice.CopyTo(both, lattice.Length);
        int half = lattice.Length;
        FlowIntegrator.Run((x, t, v) =>
        {
            fineTable.Evaluate(x[..half], t, v[..half]);
            coarseTable.Evaluate(x[half..], t, v[half..]);
        }, both, at, knownAt, steps, cancel, progress is null ? null : f => progress($"flow map on {mx} × {my} points, {steps} RK4 steps: {f:P0}"));
        var fine = both[..half];
        var coarseNodes = both[half..];
        var halfSteps = (double[])lattice.Clone();
        FlowIntegrator.Run(new LatticeVelocity(Nodes(), model, x0, hx, mx, y0, hy, my, 1).Evaluate, halfSteps, at, knownAt, steps / 2, cancel,
            progress is null ? null : f => progress($"flow map on {mx} × {my} points, {steps / 2} RK4 steps: {f:P0}"));
        var q = Cells(grid, known, fine, 1);
        double dA = grid.CellArea;
        double L1(double[] other) => q.Zip(other, (a, b) => Math.Abs(a - b)).Sum() * dA / 15;
        double estTime = L1(Cells(grid, known, halfSteps, 1));
        double estTable = L1(Cells(grid, known, coarseNodes, 1));
        // The whole-cell lattice: every other node of the fine one, Simpson over 2 × 2 blocks of cells.
        var coarse = Cells(grid, known, fine, 2);
        double estSpace = 0;
        for (int bi = 0; bi + 1 < nx; bi += 2)
            for (int bj = 0; bj + 1 < ny; bj += 2)
            {
                double f = q[grid.Index(bi, bj)] + q[grid.Index(bi + 1, bj)] + q[grid.Index(bi, bj + 1)] + q[grid.Index(bi + 1, bj + 1)];
                estSpace += Math.Abs(f - 4 * coarse[(bi / 2) * (ny / 2) + bj / 2]);
            }
        estSpace *= dA / 15;
        progress?.Invoke($"flow map: L1 estimates {estTime:E2} (steps), {estTable:E2} (tabulation), {estSpace:E2} (lattice rules)");
        return (q, estTime + estTable + estSpace, steps + steps / 2);
    }

    // Averages by Simpson's rule over blocks of 2 × 2 lattice intervals, on every stride-th node of the half-width lattice:
    // stride 1 gives the cell averages (spacing h/2), stride 2 the averages over 2 × 2 blocks of cells (spacing h).
    private static double[] Cells(Grid2D grid, IDensity2D known, double[] fineMap, int stride)
    {
        int mx = 2 * grid.X.Cells + 1, my = 2 * grid.Y.Cells + 1;
        int lx = (mx - 1) / stride + 1, ly = (my - 1) / stride + 1;
        double hx = grid.X.H / 2 * stride, hy = grid.Y.H / 2 * stride;
        double Phi(int i, int j, int c) => fineMap[2 * (i * stride * my + j * stride) + c];
        var w = new double[lx * ly];
        for (int i = 0; i < lx; i++)
            for (int j = 0; j < ly; j++)
            {
                double axx = Derivative(k => Phi(k, j, 0), i, lx, hx), axy = Derivative(k => Phi(i, k, 0), j, ly, hy);
                double ayx = Derivative(k => Phi(k, j, 1), i, lx, hx), ayy = Derivative(k => Phi(i, k, 1), j, ly, hy);
                w[i * ly + j] = known.Density(Phi(i, j, 0), Phi(i, j, 1)) * Math.Abs(axx * ayy - axy * ayx);
            }
        ReadOnlySpan<double> s = [1.0, 4.0, 1.0];
        int bx = (lx - 1) / 2, by = (ly - 1) / 2;
        var q = new double[bx * by];
        for (int a = 0; a < bx; a++)
            for (int b = 0; b < by; b++)
            {
                double sum = 0;
                for (int u = 0; u < 3; u++)
                    for (int v = 0; v < 3; v++) sum += s[u] * s[v] * w[(2 * a + u) * ly + 2 * b + v];
                q[a * by + b] = sum / 36;
            }
        return q;
    }

    // Fourth-order difference of f at node k of n (spacing h): central inside, one-sided at the two ends.
    private static double Derivative(Func<int, double> f, int k, int n, double h)
    {
        if (k >= 2 && k <= n - 3) return (f(k - 2) - 8 * f(k - 1) + 8 * f(k + 1) - f(k + 2)) / (12 * h);
        if (k == 0) return (-25 * f(0) + 48 * f(1) - 36 * f(2) + 16 * f(3) - 3 * f(4)) / (12 * h);
        if (k == 1) return (-3 * f(0) - 10 * f(1) + 18 * f(2) - 6 * f(3) + f(4)) / (12 * h);
        if (k == n - 1) return -(-25 * f(n - 1) + 48 * f(n - 2) - 36 * f(n - 3) + 16 * f(n - 4) - 3 * f(n - 5)) / (12 * h);
        return -(-3 * f(n - 1) - 10 * f(n - 2) + 18 * f(n - 3) - 6 * f(n - 4) + f(n - 5)) / (12 * h);
    }
}
