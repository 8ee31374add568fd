using FokkerPlanck.Grids;

namespace FokkerPlanck.Transport;

/// <summary>A velocity given as a function, evaluated at the face centres (on a periodic axis the two ends of the
/// seam are averaged: they are one face).</summary>
public sealed class AnalyticVelocity : IFaceVelocity
{
    private readonly Grid1D? _g1;
    private readonly Grid2D? _g2;
    private readonly Func<double, double, double>? _u1;
    private readonly Func<double, double, double, (double, double)>? _u2;

    /// <summary>1D velocity u(x, t).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="u">u(x, t).</param>
    public AnalyticVelocity(Grid1D grid, Func<double, double, double> u) { _g1 = grid; _u1 = u; }

    /// <summary>2D velocity (u_x, u_y)(x, y, t).</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="u">The velocity.</param>
    public AnalyticVelocity(Grid2D grid, Func<double, double, double, (double, double)> u) { _g2 = grid; _u2 = u; }

    /// <inheritdoc />
    public void Fill(double t, Span<double> ux, Span<double> uy)
    {
        if (_g1 is { } g)
        {
            for (int k = 0; k <= g.Cells; k++) ux[k] = _u1!(g.Edge(k), t);
            if (g.Periodic) ux[0] = ux[g.Cells] = 0.5 * (ux[0] + ux[g.Cells]); // one seam face
            return;
        }
        var g2 = _g2!;
        int nx = g2.X.Cells, ny = g2.Y.Cells;
        for (int k = 0; k <= nx; k++)
            for (int j = 0; j < ny; j++) ux[k * ny + j] = _u2!(g2.X.Edge(k), g2.Y.Center(j), t).Item1;
        for (int i = 0; i < nx; i++)
            for (int k = 0; k <= ny; k++) uy[i * (ny + 1) + k] = _u2!(g2.X.Center(i), g2.Y.Edge(k), t).Item2;
        if (g2.X.Periodic)
            for (int j = 0; j < ny; j++) ux[j] = ux[nx * ny + j] = 0.5 * (ux[j] + ux[nx * ny + j]);
        if (g2.Y.Periodic)
            for (int i = 0; i < nx; i++) uy[i * (ny + 1)] = uy[i * (ny + 1) + ny] = 0.5 * (uy[i * (ny + 1)] + uy[i * (ny + 1) + ny]);
    }
}
