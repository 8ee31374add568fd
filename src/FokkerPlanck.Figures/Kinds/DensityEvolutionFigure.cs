using FokkerPlanck.Applications;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>1D density evolution as an x–t heat map (viridis, colour bar) with the exact marginal's quantiles overlaid.</summary>
public static class DensityEvolutionFigure
{
    /// <summary>Quantile levels drawn.</summary>
    public static readonly double[] Levels = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var g = s.Scenario.Grid1D!;
        var xs = g.Centers();
        var ts = s.Solution.Times;
        int lo = Array.FindIndex(xs, x => x >= -6), hi = Array.FindLastIndex(xs, x => x <= 6);
        var data = new double[hi - lo + 1, ts.Length];
        for (int i = lo; i <= hi; i++) for (int k = 0; k < ts.Length; k++) data[i - lo, k] = s.Solution.Densities[k][i];

        var m = FigureStyle.Model($"Density p_{{t}}(x): OU noising a 3-component mixture ({g.Cells} cells)");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x", Minimum = xs[lo], Maximum = xs[hi] });
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "t", Minimum = ts[0], Maximum = ts[^1] });
        m.Axes.Add(FigureStyle.ColorBar("p_{t}(x)", 0));
        m.Series.Add(FigureStyle.HeatMap(data, xs[lo], xs[hi], ts[0], ts[^1]));
        FigureStyle.LegendOnTop(m, dark: true);
        foreach (double q in Levels)
        {
            var line = new LineSeries
            {
                Color = OxyColors.White, LineStyle = LineStyle.Dash, StrokeThickness = 1.6,
                Title = q == Levels[0] ? "exact quantiles 5, 25, 50, 75, 95 %" : null,
            };
            foreach (double t in ts) line.Points.Add(new DataPoint(KimMilmanMap.Quantile(d.Exact1D(t), q), t));
            m.Series.Add(line);
        }
        return m;
    }
}
