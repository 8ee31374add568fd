using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>The 2D probability-flow velocity as arrows over the density heat map (2D OU mixture), at two times.</summary>
public static class VelocityField2DFigure
{
    /// <summary>Arrows per axis.</summary>
    public const int Arrows = 15;

    /// <summary>The figure.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou2D;
        var g = s.Scenario.Grid2D!;
        var xs = g.X.Centers(); var ys = g.Y.Centers();
        int nx = xs.Length, ny = ys.Length;
        int[] snaps = [1, s.Solution.Times.Length - 1];
        const double lo = -5, hi = 5;
        var m = FigureStyle.Model("PF velocity v_{t}(x, y) over the density (2D OU mixture, grid fields)");
        var keys = FigureStyle.Columns(m, lo, hi, snaps.Length, 2.5, "x");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "y", Minimum = lo, Maximum = hi });
        m.Axes.Add(FigureStyle.ColorBar("p_{t} / max p_{t}", 0, 1));
        int i0 = Array.FindIndex(xs, x => x >= lo), i1 = Array.FindLastIndex(xs, x => x <= hi);
        int j0 = Array.FindIndex(ys, y => y >= lo), j1 = Array.FindLastIndex(ys, y => y <= hi);
        for (int p = 0; p < snaps.Length; p++)
        {
            int k = snaps[p];
            var dens = s.Solution.Densities[k];
            double max = dens.Max();
            var data = new double[i1 - i0 + 1, j1 - j0 + 1];
            for (int i = i0; i <= i1; i++) for (int j = j0; j <= j1; j++) data[i - i0, j - j0] = dens[i * ny + j] / max;
            m.Series.Add(FigureStyle.HeatMap(data, xs[i0], xs[i1], ys[j0], ys[j1], xKey: keys[p]));
            // Arrows on a coarse lattice where p ≥ 1e-3 max p; the longest arrow spans 0.9 lattice spacings.
            double spacing = (hi - lo) / Arrows;
            var points = new List<(double X, double Y, double U, double V)>();
            for (int a = 0; a < Arrows; a++)
                for (int b = 0; b < Arrows; b++)
                {
                    double x = lo + (a + 0.5) * spacing, y = lo + (b + 0.5) * spacing;
                    int i = Math.Clamp((int)Math.Round((x - xs[0]) / g.X.H), 0, nx - 1), j = Math.Clamp((int)Math.Round((y - ys[0]) / g.Y.H), 0, ny - 1);
                    int c = i * ny + j;
                    if (dens[c] < 1e-3 * max) continue;
                    points.Add((xs[i], ys[j], s.Fields.Velocity[k][c], s.Fields.VelocityY![k][c]));
                }
            double vmax = points.Count == 0 ? 1 : points.Max(q => Math.Sqrt(q.U * q.U + q.V * q.V));
            double scale = 0.9 * spacing / Math.Max(vmax, 1e-300);
            foreach (var (x, y, u, v) in points)
            {
                m.Annotations.Add(new ArrowAnnotation
                {
                    StartPoint = new DataPoint(x, y), EndPoint = new DataPoint(x + scale * u, y + scale * v),
                    Color = OxyColors.White, StrokeThickness = 1.1, HeadLength = 5, HeadWidth = 3, XAxisKey = keys[p],
                });
            }
            m.Annotations.Add(FigureStyle.Label($"t = {s.Solution.Times[k]:G3} (max |v| = {vmax:G2})", lo + 0.2, hi - 0.2, xKey: keys[p]));
        }
        return m;
    }
}
