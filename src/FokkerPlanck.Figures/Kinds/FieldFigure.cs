using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>Score and PF velocity against x at several times, grid (solid) and exact (dashed), in 1D.</summary>
public static class FieldFigure
{
    /// <summary>Times drawn.</summary>
    public static readonly double[] Times = [0.05, 0.25, 1.0];

    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var xs = s.Scenario.Grid1D!.Centers();
        var proc = s.Scenario.Process;
        var m = FigureStyle.Model("Score and probability-flow velocity: grid (solid) and exact (dashed)");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x", Minimum = -4, Maximum = 4 });
        var keys = FigureStyle.Rows(m, ["score ∂_{x} log p_{t}", "PF velocity v_{t} = f − ½g^{2}∂_{x} log p_{t}"], 0.06);
        var palette = OxyPalettes.Viridis(100);
        for (int n = 0; n < Times.Length; n++)
        {
            double t = Times[n];
            int k = s.Snapshot(t);
            var exact = d.Exact1D(t);
            var color = palette.Colors[(int)(10 + 75.0 * n / (Times.Length - 1))];
            double g2 = proc.G(t) * proc.G(t);
            var f = new double[1];
            for (int row = 0; row < 2; row++)
            {
                var grid = new LineSeries { Color = color, StrokeThickness = 2.4, YAxisKey = keys[row], Title = row == 0 ? $"t = {t:G3}" : null };
                var ex = new LineSeries { Color = OxyColors.Black, StrokeThickness = 1, LineStyle = LineStyle.Dash, YAxisKey = keys[row], Title = row == 0 && n == Times.Length - 1 ? "exact" : null };
                for (int i = 0; i < xs.Length; i++)
                {
                    double x = xs[i];
                    if (x < -4 || x > 4) continue;
                    proc.Drift([x], t, f);
                    double sc = exact.Score(x);
                    grid.Points.Add(new DataPoint(x, row == 0 ? s.Fields.Score[k][i] : s.Fields.Velocity[k][i]));
                    ex.Points.Add(new DataPoint(x, row == 0 ? sc : f[0] - 0.5 * g2 * sc));
                }
                m.Series.Add(grid);
                m.Series.Add(ex);
            }
        }
        return m;
    }
}
