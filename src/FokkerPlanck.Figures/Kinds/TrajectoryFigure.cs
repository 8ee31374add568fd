using FokkerPlanck.Particles;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>Paths of the forward SDE (from samples of p_0), and of the reverse SDE and the PF-ODE from the same samples
/// of p_T, over the density p_t(x) (t horizontal).</summary>
public static class TrajectoryFigure
{
    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        string[] dyn = ["forward-sde", "reverse-sde", "pf-ode"];
        var m = FigureStyle.Model($"Paths from the same starts ({d.Settings.Paths} each, grid fields)");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "t", Minimum = s.Solution.Times[0], Maximum = s.Solution.Times[^1] });
        var keys = FigureStyle.Rows(m, dyn.Select(x => $"x ({x})").ToArray());
        foreach (var ax in m.Axes.Where(a => a.Key is not null && a.Key.StartsWith('y'))) { ax.Minimum = -4.5; ax.Maximum = 4.5; }
        m.Axes.Add(FigureStyle.ColorBar("p_{t}(x)", 0, palette: FigureStyle.Greys));
        for (int row = 0; row < dyn.Length; row++)
        {
            AddDensity(m, d, keys[row]);
            var r = d.Run1D(dyn[row], d.Settings.Paths, d.Settings.Paths);
            AddPaths(m, r, FigureStyle.Of(dyn[row]), keys[row], dyn[row]);
        }
        return m;
    }

    /// <summary>The grid density as a t–x heat map on one row.</summary>
    internal static void AddDensity(PlotModel m, FigureData d, string key)
    {
        var s = d.Ou1D;
        var xs = s.Scenario.Grid1D!.Centers();
        var ts = s.Solution.Times;
        int lo = Array.FindIndex(xs, x => x >= -4.5), hi = Array.FindLastIndex(xs, x => x <= 4.5);
        var data = new double[ts.Length, hi - lo + 1];
        for (int k = 0; k < ts.Length; k++) for (int i = lo; i <= hi; i++) data[k, i - lo] = s.Solution.Densities[k][i];
        m.Series.Add(FigureStyle.HeatMap(data, ts[0], ts[^1], xs[lo], xs[hi], key));
    }

    /// <summary>Recorded paths as lines (process time horizontal).</summary>
    internal static void AddPaths(PlotModel m, ParticleResult r, OxyColor color, string key, string title)
    {
        int paths = r.TrajectoryX[0].Length;
        for (int p = 0; p < paths; p++)
        {
            var line = new LineSeries { Color = color, StrokeThickness = 1.2, YAxisKey = key, Title = p == 0 ? title : null };
            for (int k = 0; k < r.TrajectoryTimes.Length; k++) line.Points.Add(new DataPoint(r.TrajectoryTimes[k], r.TrajectoryX[k][p]));
            m.Series.Add(line);
        }
    }
}
