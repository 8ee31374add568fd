using FokkerPlanck.Model;
using OxyPlot;
using OxyPlot.Axes;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>Overdamped Langevin relaxing N(0, I) to a 5-mode ring (grid density at four times, the target's modes marked).</summary>
public static class LangevinRingFigure
{
    /// <summary>Times of the panels.</summary>
    public static readonly double[] Times = [0, 0.25, 0.5, 2];

    /// <summary>The figure.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ring;
        var g = s.Scenario.Grid2D!;
        var xs = g.X.Centers(); var ys = g.Y.Centers();
        int ny = ys.Length;
        const double lo = -4.5, hi = 4.5;
        var m = FigureStyle.Model("Langevin relaxation to a 5-mode ring: p_{t} on the grid");
        FigureStyle.LegendOnTop(m, dark: true);
        var keys = FigureStyle.Columns(m, lo, hi, Times.Length, 3, "x");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "y", Minimum = lo, Maximum = hi });
        m.Axes.Add(FigureStyle.ColorBar("p_{t} / max p_{t}", 0, 1));
        int i0 = Array.FindIndex(xs, x => x >= lo), i1 = Array.FindLastIndex(xs, x => x <= hi);
        int j0 = Array.FindIndex(ys, y => y >= lo), j1 = Array.FindLastIndex(ys, y => y <= hi);
        var target = (GaussianMixture2D)((LangevinProcess)s.Scenario.Process).Target2D!;
        for (int p = 0; p < Times.Length; p++)
        {
            var dens = s.Solution.Densities[s.Snapshot(Times[p])];
            double max = dens.Max();
            var data = new double[i1 - i0 + 1, j1 - j0 + 1];
            for (int i = i0; i <= i1; i++) for (int j = j0; j <= j1; j++) data[i - i0, j - j0] = dens[i * ny + j] / max;
            m.Series.Add(FigureStyle.HeatMap(data, xs[i0], xs[i1], ys[j0], ys[j1], xKey: keys[p]));
            var modes = FigureStyle.Markers(OxyColors.White, 6, MarkerType.Plus);
            modes.MarkerStrokeThickness = 1.6; modes.Title = p == 0 ? "target modes" : null; modes.XAxisKey = keys[p];
            foreach (var (mx, my) in target.Means) modes.Points.Add(new DataPoint(mx, my));
            m.Series.Add(modes);
            m.Annotations.Add(FigureStyle.Label($"t = {Times[p]:G3}", lo + 0.2, hi - 0.2, xKey: keys[p]));
        }
        return m;
    }
}
