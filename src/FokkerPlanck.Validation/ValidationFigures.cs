using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace FokkerPlanck.Validation;

/// <summary>
/// The validation report's figures as OxyPlot models, exported to SVG (OxyPlot.Core's exporter: no native
/// dependencies). Per 1D case: particle histograms of every dynamics over the grid density at the comparison times;
/// per 2D case: the x-marginal the same way; the error budget: W1 against field evaluations per particle.
/// </summary>
public static class ValidationFigures
{
    /// <summary>One colour per dynamics, the same in every figure.</summary>
    public static OxyColor ColorOf(string dynamics) => dynamics switch
    {
        "forward-sde" or "ODE (forward)" => OxyColor.FromRgb(0x1b, 0x9e, 0x77),
        "reverse-sde" or "ODE (reverse)" => OxyColor.FromRgb(0xd9, 0x5f, 0x02),
        "pf-ode" => OxyColor.FromRgb(0x75, 0x70, 0xb3),
        "lambda=0.25" => OxyColor.FromRgb(0xe7, 0x29, 0x8a),
        "lambda=0.5" => OxyColor.FromRgb(0x66, 0xa6, 0x1e),
        "lambda=0.75" => OxyColor.FromRgb(0xe6, 0xab, 0x02),
        _ => OxyColors.Gray,
    };

    /// <summary>Histograms (as step lines, 80 bins) of every dynamics' particles at one comparison time over the grid
    /// density (1D), or over its x-marginal (2D).</summary>
    /// <param name="c">Case result.</param>
    /// <param name="k">Index into the comparison times.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Histograms(CaseResult c, int k)
    {
        bool twoD = c.CentersY is not null;
        var model = new PlotModel { Title = $"{c.Name}: t = {c.Times[k]:G4}{(twoD ? " (x-marginal)" : "")}", DefaultFontSize = 13 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendFontSize = 11 });
        var xAxis = new LinearAxis { Position = AxisPosition.Bottom, Title = "x" };
        model.Axes.Add(xAxis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = twoD ? "p_{t}(x) (marginal)" : "p_{t}(x)", Minimum = 0 });
        double[] xs = c.CentersX, dens;
        double h = xs[1] - xs[0];
        if (twoD)
        {
            int ny = c.CentersY!.Length;
            double hy = c.CentersY[1] - c.CentersY[0];
            dens = Enumerable.Range(0, xs.Length).Select(i => Enumerable.Range(0, ny).Sum(j => c.Densities[k][i * ny + j]) * hy).ToArray();
        }
        else dens = c.Densities[k];
        var grid = new LineSeries { Title = "grid", Color = OxyColors.Black, StrokeThickness = 2.5 };
        for (int i = 0; i < xs.Length; i++) grid.Points.Add(new DataPoint(xs[i], dens[i]));
        model.Series.Add(grid);
        // Histogram and axis range: where the grid density is above 1e-4 of its peak.
        double peak = dens.Max();
        int lo = Array.FindIndex(dens, v => v > 1e-4 * peak), hi = Array.FindLastIndex(dens, v => v > 1e-4 * peak);
        double a = xs[lo] - h, b = xs[hi] + h;
        xAxis.Minimum = a; xAxis.Maximum = b;
        const int bins = 80;
        double w = (b - a) / bins;
        foreach (var (label, samples) in c.SamplesX)
        {
            var s = samples[k];
            if (s is null) continue;
            var counts = new double[bins];
            foreach (double v in s)
            {
                int i = (int)Math.Floor((v - a) / w);
                if (i >= 0 && i < bins) counts[i]++;
            }
            var line = new StairStepSeries { Title = label, Color = ColorOf(label), StrokeThickness = 1.3 };
            for (int i = 0; i < bins; i++) line.Points.Add(new DataPoint(a + i * w, counts[i] / (s.Length * w)));
            line.Points.Add(new DataPoint(b, counts[^1] / (s.Length * w)));
            model.Series.Add(line);
        }
        return model;
    }

    /// <summary>W1 against field evaluations per particle for every integrator of the error budget (log–log).</summary>
    /// <param name="b">Budget.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Budget(ErrorBudgetResult b)
    {
        var model = new PlotModel { Title = $"{b.Case}: time-discretisation error", DefaultFontSize = 13 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendFontSize = 11 });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "field evaluations per particle" });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "W_{1} to the reference at t = 0" });
        var palette = new[] { OxyColor.FromRgb(0x1b, 0x9e, 0x77), OxyColor.FromRgb(0xd9, 0x5f, 0x02), OxyColor.FromRgb(0x75, 0x70, 0xb3),
            OxyColor.FromRgb(0xe7, 0x29, 0x8a), OxyColor.FromRgb(0x66, 0xa6, 0x1e) };
        int c = 0;
        foreach (var g in b.TimeLadder.GroupBy(p => p.Integrator))
        {
            var s = new LineSeries { Title = $"{g.Key} (slope {b.Slopes[g.Key]:F2})", Color = palette[c++ % palette.Length], MarkerType = MarkerType.Circle, MarkerSize = 3 };
            foreach (var p in g.Where(p => p.Error > 0)) s.Points.Add(new DataPoint(p.Evaluations, p.Error));
            model.Series.Add(s);
        }
        var floor = new LineSeries { Title = "sampling-noise floor (W1)", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        double lo = b.TimeLadder.Min(p => p.Evaluations), hi = b.TimeLadder.Max(p => p.Evaluations);
        floor.Points.Add(new DataPoint(lo, b.SamplingFloor)); floor.Points.Add(new DataPoint(hi, b.SamplingFloor));
        model.Series.Add(floor);
        return model;
    }

    /// <summary>Writes a plot as SVG.</summary>
    /// <param name="model">Plot.</param>
    /// <param name="path">File.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void WriteSvg(PlotModel model, string path, double width = 640, double height = 420)
    {
        using var f = File.Create(path);
        new SvgExporter { Width = width, Height = height }.Export(model, f);
    }
}
