using FokkerPlanck.Numerics;
using OxyPlot;
using OxyPlot.Axes;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>The funnel noised by VP (grid densities at t = 0 and t = 1) and mapped back by the PF-ODE (particles from the
/// grid density at t = 1 to t = 0.2, over the grid density there: below t ≈ 0.2 the funnel's neck is finer than the
/// grid, see validation/README.md). Side-by-side panels, x zoomed to where the densities live.</summary>
public static class FunnelFigure
{
    /// <summary>Time the PF-ODE particles are shown at.</summary>
    public const double MappedTo = 0.2;

    /// <summary>Half-width of the x window shown.</summary>
    public const double HalfWidth = 4;

    /// <summary>The figure.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Funnel;
        var g = s.Scenario.Grid2D!;
        var xs = g.X.Centers(); var ys = g.Y.Centers();
        int ny = ys.Length;
        double vlo = g.Y.Lower, vhi = g.Y.Upper;
        var m = FigureStyle.Model("Funnel: noised by VP, mapped back by the PF-ODE (grid fields)");
        FigureStyle.LegendOnTop(m, dark: true);
        var keys = FigureStyle.Columns(m, -HalfWidth, HalfWidth, 4, 2, "x");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "v", Minimum = vlo, Maximum = vhi });
        m.Axes.Add(FigureStyle.ColorBar("p_{t} / max p_{t}", 0, 1));
        int[] snaps = [0, s.Solution.Times.Length - 1, s.Snapshot(MappedTo), s.Snapshot(MappedTo)];
        string[] labels = ["grid p_{0}", "grid p_{1} (noised)", $"grid p_{{{MappedTo:G2}}}", $"PF-ODE, t = 1 → {MappedTo:G2}"];
        int i0 = Array.FindIndex(xs, x => x >= -HalfWidth), i1 = Array.FindLastIndex(xs, x => x <= HalfWidth);
        for (int p = 0; p < 4; p++)
        {
            var dens = s.Solution.Densities[snaps[p]];
            double max = dens.Max();
            var data = new double[i1 - i0 + 1, ny];
            for (int i = i0; i <= i1; i++) for (int j = 0; j < ny; j++) data[i - i0, j] = dens[i * ny + j] / max * (p == 3 ? 0.4 : 1);
            m.Series.Add(FigureStyle.HeatMap(data, xs[i0], xs[i1], ys[0], ys[^1], xKey: keys[p]));
            m.Annotations.Add(FigureStyle.Label(labels[p], -HalfWidth + 0.15, vhi - 0.2, xKey: keys[p]));
        }
        var r = d.FunnelPfOde;
        int k = Array.FindIndex(r.Times, t => Math.Abs(t - MappedTo) < Tolerances.TimeLookup);
        var pts = FigureStyle.Markers(OxyColors.White, 1.1);
        pts.XAxisKey = keys[3];
        pts.Title = $"PF-ODE particles ({r.Count}; panel 4 dims the grid density to 40 %)";
        for (int i = 0; i < r.Count; i++)
            if (Math.Abs(r.X[k][i]) <= HalfWidth) pts.Points.Add(new DataPoint(r.X[k][i], r.Y![k][i]));
        m.Series.Add(pts);
        return m;
    }
}
