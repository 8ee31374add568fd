using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>The lambda-family in reverse time from the same starts: paths roughen as lambda grows (0: PF-ODE, 1: reverse
/// SDE) while the marginals stay the same (particle quantiles of every member over the same density).</summary>
public static class LambdaFamilyFigure
{
    /// <summary>The lambdas of the rows.</summary>
    public static readonly double[] Lambdas = [0, 0.5, 1, 2];

    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var m = FigureStyle.Model($"λ-family (reverse): {d.Settings.Paths} paths each, quantiles of {d.Settings.Particles} particles");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "t", Minimum = s.Solution.Times[0], Maximum = s.Solution.Times[^1] });
        var keys = FigureStyle.Rows(m, Lambdas.Select(l => $"x (λ = {l:G3})").ToArray());
        foreach (var ax in m.Axes.Where(a => a.Key is not null && a.Key.StartsWith('y'))) { ax.Minimum = -4.5; ax.Maximum = 4.5; }
        m.Axes.Add(FigureStyle.ColorBar("p_{t}(x)", 0, palette: FigureStyle.Greys));
        for (int row = 0; row < Lambdas.Length; row++)
        {
            string name = $"lambda={Lambdas[row].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            TrajectoryFigure.AddDensity(m, d, keys[row]);
            var r = d.Run1D(name, d.Settings.Particles, d.Settings.Paths);
            TrajectoryFigure.AddPaths(m, r, FigureStyle.Of(name), keys[row], $"λ = {Lambdas[row]:G3}");
            foreach (double q in new[] { 0.05, 0.5, 0.95 })
            {
                var line = new LineSeries
                {
                    Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1.4, YAxisKey = keys[row],
                    Title = row == 0 && q == 0.05 ? "particle quantiles 5, 50, 95 %" : null,
                };
                for (int k = 0; k < r.Times.Length; k++)
                {
                    var sorted = r.X[k].Order().ToArray();
                    line.Points.Add(new DataPoint(r.Times[k], sorted[(int)(q * (sorted.Length - 1))]));
                }
                m.Series.Add(line);
            }
        }
        return m;
    }
}
