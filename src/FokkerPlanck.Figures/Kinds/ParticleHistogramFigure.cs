using FokkerPlanck.Numerics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>Particle histograms of each dynamics over the grid density, one row per time.</summary>
public static class ParticleHistogramFigure
{
    /// <summary>Dynamics shown (all with grid fields; the reverse ones start from the grid density at T).</summary>
    public static readonly string[] Dynamics = ["forward-sde", "reverse-sde", "pf-ode", "lambda=0.5"];

    /// <summary>Times of the rows.</summary>
    public static readonly double[] Times = [1.0, 0.25, 0.0];

    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var xs = s.Scenario.Grid1D!.Centers();
        var m = FigureStyle.Model($"Particles ({d.Settings.Particles} each, grid fields) over the grid density");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x", Minimum = -5, Maximum = 5 });
        var keys = FigureStyle.Rows(m, Times.Select(t => $"p (t = {t:G3})").ToArray());
        const int bins = 60;
        const double a = -5, b = 5, w = (b - a) / bins;
        for (int row = 0; row < Times.Length; row++)
        {
            double t = Times[row];
            var grid = new LineSeries { Color = OxyColors.Black, StrokeThickness = 2.2, YAxisKey = keys[row], Title = row == 0 ? "grid density" : null };
            var p = s.Solution.Densities[s.Snapshot(t)];
            for (int i = 0; i < xs.Length; i++) if (xs[i] >= a && xs[i] <= b) grid.Points.Add(new DataPoint(xs[i], p[i]));
            m.Series.Add(grid);
            foreach (var dyn in Dynamics)
            {
                var r = d.Run1D(dyn);
                int k = Array.FindIndex(r.Times, x => Math.Abs(x - t) < Tolerances.TimeLookup);
                if (k < 0) continue;
                var counts = new double[bins];
                foreach (double v in r.X[k])
                {
                    int i = (int)Math.Floor((v - a) / w);
                    if (i >= 0 && i < bins) counts[i]++;
                }
                var h = new StairStepSeries { Color = FigureStyle.Of(dyn), StrokeThickness = 1.4, YAxisKey = keys[row], Title = row == 0 ? dyn : null };
                for (int i = 0; i < bins; i++) h.Points.Add(new DataPoint(a + i * w, counts[i] / (r.Count * w)));
                h.Points.Add(new DataPoint(b, counts[^1] / (r.Count * w)));
                m.Series.Add(h);
            }
        }
        return m;
    }
}
