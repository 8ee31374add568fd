namespace FokkerPlanck.Fields;

/// <summary>
/// The grid's Jacobian of the score at the cell centres, per snapshot: fourth-order centred differences of the centre
/// scores [8 (s_{i+1} - s_{i-1}) - (s_{i+2} - s_{i-2})] / (12 h); second-order one-sided at non-periodic edges. Flat layout snapshot k, cell c at
/// k * cells + c. Used for the divergence in PF-ODE likelihoods, where the derivative of the piecewise-linear
/// interpolant would be only first order.
/// </summary>
/// <param name="Xx">∂s_x/∂x.</param>
/// <param name="Xy">∂s_x/∂y (2D), else null.</param>
/// <param name="Yx">∂s_y/∂x (2D), else null.</param>
/// <param name="Yy">∂s_y/∂y (2D), else null.</param>
public sealed record ScoreJacobian(double[] Xx, double[]? Xy, double[]? Yx, double[]? Yy)
{
    /// <summary>Computes the Jacobian of every snapshot.</summary>
    /// <param name="fields">Grid fields.</param>
    /// <returns>Flat Jacobian components.</returns>
    public static ScoreJacobian Of(GridFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        int nt = fields.Times.Length;
        if (fields.Solution.Grid1 is { } g)
        {
            int n = g.Cells;
            var xx = new double[nt * n];
            for (int k = 0; k < nt; k++) Line(fields.Score[k], 0, 1, n, g.H, g.Periodic, xx, k * n);
            return new ScoreJacobian(xx, null, null, null);
        }
        var g2 = fields.Solution.Grid2!;
        int nx = g2.X.Cells, ny = g2.Y.Cells, cells = nx * ny;
        bool px = g2.X.Periodic, py = g2.Y.Periodic;
        var a = new double[nt * cells]; var b = new double[nt * cells]; var c = new double[nt * cells]; var d = new double[nt * cells];
        for (int k = 0; k < nt; k++)
        {
            double[] sx = fields.Score[k], sy = fields.ScoreY![k];
            for (int j = 0; j < ny; j++) { Line(sx, j, ny, nx, g2.X.H, px, a, k * cells); Line(sy, j, ny, nx, g2.X.H, px, c, k * cells); }
            for (int i = 0; i < nx; i++) { Line(sx, i * ny, 1, ny, g2.Y.H, py, b, k * cells); Line(sy, i * ny, 1, ny, g2.Y.H, py, d, k * cells); }
        }
        return new ScoreJacobian(a, b, c, d);
    }

    // Derivative along one line of n cells starting at index start with the given stride.
    private static void Line(double[] s, int start, int stride, int n, double h, bool periodic, double[] target, int offset)
    {
        for (int i = 0; i < n; i++)
        {
            int at = start + i * stride;
            double v;
            int Wrap(int k) => start + (k + n) % n * stride;
            if (periodic || (i >= 2 && i <= n - 3))
                v = (8 * (s[Wrap(i + 1)] - s[Wrap(i - 1)]) - (s[Wrap(i + 2)] - s[Wrap(i - 2)])) / (12 * h);
            else if (i == 0) v = (-3 * s[at] + 4 * s[at + stride] - s[at + 2 * stride]) / (2 * h);
            else if (i == n - 1) v = (3 * s[at] - 4 * s[at - stride] + s[at - 2 * stride]) / (2 * h);
            else v = (s[at + stride] - s[at - stride]) / (2 * h);
            target[offset + at] = v;
        }
    }
}
