using FokkerPlanck.Applications;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>The 1D Kim–Milman map (PF-ODE from T back to 0, grid fields) against the monotone map F_p0⁻¹ ∘ F_pT, and
/// their difference.</summary>
public static class TransportMapFigure
{
    /// <summary>The figure for the OU mixture (T = 2).</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var sc = s.Scenario;
        var pT = d.Exact1D(sc.End);
        double a = KimMilmanMap.Quantile(pT, 0.005), b = KimMilmanMap.Quantile(pT, 0.995);
        const int n = 121;
        var xT = Enumerable.Range(0, n).Select(i => a + (b - a) * i / (n - 1)).ToArray();
        var (x0, _) = KimMilmanMap.Evaluate(s.Problem, xT, steps: d.Settings.Steps, backend: d.Backend);
        var mono = xT.Select(x => KimMilmanMap.Monotone(sc.Initial1D!, pT, x)).ToArray();

        var m = FigureStyle.Model($"Kim–Milman map (PF-ODE, T = {sc.End:G3}) against the monotone map");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x_{T}" });
        var keys = FigureStyle.Rows(m, ["x_{0} = T(x_{T})", "PF-ODE − monotone"], 0.06);
        var line = new LineSeries { Color = OxyColors.Black, StrokeThickness = 2, YAxisKey = keys[0], Title = "monotone F^{-1}_{p0}(F_{pT}(x_{T})) (exact)" };
        var pts = FigureStyle.Markers(FigureStyle.Of("pf-ode"));
        pts.YAxisKey = keys[0]; pts.Title = "PF-ODE, grid fields";
        var diff = new LineSeries { Color = FigureStyle.Of("pf-ode"), StrokeThickness = 1.6, YAxisKey = keys[1], MarkerType = MarkerType.Circle, MarkerSize = 1.5 };
        for (int i = 0; i < n; i++)
        {
            line.Points.Add(new DataPoint(xT[i], mono[i]));
            pts.Points.Add(new DataPoint(xT[i], x0[i]));
            diff.Points.Add(new DataPoint(xT[i], x0[i] - mono[i]));
        }
        m.Series.Add(line); m.Series.Add(pts); m.Series.Add(diff);
        return m;
    }
}
