using FokkerPlanck.Validation;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>Convergence (log–log, fitted slopes in the legend) from the validation suite's error budget (vp-laplace-1d):
/// grid L1 error against cells; particle W1 error at t = 0 against steps and against field evaluations per particle.</summary>
public static class ConvergenceFigure
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1b, 0x9e, 0x77), OxyColor.FromRgb(0xd9, 0x5f, 0x02), OxyColor.FromRgb(0x75, 0x70, 0xb3),
        OxyColor.FromRgb(0xe7, 0x29, 0x8a), OxyColor.FromRgb(0x66, 0xa6, 0x1e),
    ];

    /// <summary>Grid L1 error against cells.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Cells(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var b = d.Budget;
        var m = FigureStyle.Model($"{b.Case}: grid error against cells");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "cells N" });
        m.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "L^{1} error of p at the budget's time" });
        var pts = b.GridLadder.Where(p => p.L1 > 0).ToArray();
        double slope = FigureStyle.LogLogSlope(pts.Select(p => (double)p.Cells).ToArray(), pts.Select(p => p.L1).ToArray());
        var s = new LineSeries { Color = Palette[0], MarkerType = MarkerType.Circle, MarkerSize = 4, StrokeThickness = 2, Title = $"grid, Richardson-extrapolated (slope {slope:F2})" };
        foreach (var p in pts) s.Points.Add(new DataPoint(p.Cells, p.L1));
        m.Series.Add(s);
        return m;
    }

    /// <summary>W1 error against steps.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Steps(FigureData d) => Ladder(d, "steps K", p => p.Steps, evaluations: false);

    /// <summary>W1 error against field evaluations per particle.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Evaluations(FigureData d) => Ladder(d, "field evaluations per particle", p => p.Evaluations, evaluations: true);

    private static PlotModel Ladder(FigureData d, string xTitle, Func<LadderPoint, double> x, bool evaluations)
    {
        ArgumentNullException.ThrowIfNull(d);
        var b = d.Budget;
        var m = FigureStyle.Model($"{b.Case}: time-discretisation error against {(evaluations ? "cost" : "steps")}");
        m.Legends.Add(new OxyPlot.Legends.Legend
        {
            LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside, LegendPosition = OxyPlot.Legends.LegendPosition.RightTop,
            LegendFontSize = FigureStyle.FontSize - 2, LegendBorderThickness = 0,
        });
        m.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = xTitle });
        m.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = $"W_{{1}} to the {b.ReferenceSteps}-step reference at t = 0" });
        int c = 0;
        foreach (var g in b.TimeLadder.GroupBy(p => p.Integrator))
        {
            var pts = g.Where(p => p.Error > 0).ToArray();
            // dopri5 chooses its own steps (its ladder is in tolerance): shown against evaluations only.
            if (!evaluations && pts.Select(x).Distinct().Count() < 2) continue;
            double slope = FigureStyle.LogLogSlope(pts.Select(x).ToArray(), pts.Select(p => p.Error).ToArray());
            var s = new LineSeries { Color = Palette[c++ % Palette.Length], MarkerType = MarkerType.Circle, MarkerSize = 3.5, StrokeThickness = 1.8, Title = $"{g.Key} (slope {slope:F2})" };
            foreach (var p in pts) s.Points.Add(new DataPoint(x(p), p.Error));
            m.Series.Add(s);
        }
        double lo = b.TimeLadder.Min(x), hi = b.TimeLadder.Max(x);
        var floor = new LineSeries { Color = OxyColors.Gray, LineStyle = LineStyle.Dash, Title = $"sampling floor ({b.Particles} particles)" };
        floor.Points.Add(new DataPoint(lo, b.SamplingFloor)); floor.Points.Add(new DataPoint(hi, b.SamplingFloor));
        m.Series.Add(floor);
        return m;
    }
}
