using FokkerPlanck.Applications;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures.Kinds;

/// <summary>The PF-ODE log-likelihood log p_0(x) = log p_T(x_T) + ∫ ∇·v dt (grid fields, exact divergence of the
/// interpolant) against the grid density at t = 0 and the exact log p_0, and its error.</summary>
public static class LikelihoodFigure
{
    /// <summary>The figure for the OU mixture.</summary>
    /// <param name="d">Data.</param>
    /// <returns>The plot.</returns>
    public static PlotModel Create(FigureData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Ou1D;
        var sc = s.Scenario;
        var g = sc.Grid1D!;
        const int n = 121;
        var x0 = Enumerable.Range(0, n).Select(i => -4 + 8.0 * i / (n - 1)).ToArray();
        var r = PfOdeLikelihood.Evaluate(s.Problem, x0, null, new LikelihoodOptions { Steps = d.Settings.Steps }, d.Backend);
        var xs = g.Centers();
        var p0 = s.Solution.Densities[0];

        var m = FigureStyle.Model("PF-ODE log-likelihood against the grid density at t = 0");
        FigureStyle.LegendOnTop(m);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x", Minimum = -4, Maximum = 4 });
        var keys = FigureStyle.Rows(m, ["log p_{0}(x)", "PF-ODE − exact"], 0.06);
        var exact = new LineSeries { Color = OxyColors.Black, StrokeThickness = 2, YAxisKey = keys[0], Title = "exact log p_{0}" };
        var grid = new LineSeries { Color = OxyColors.Gray, StrokeThickness = 1.5, LineStyle = LineStyle.Dash, YAxisKey = keys[0], Title = "log of the grid density" };
        for (int i = 0; i < xs.Length; i++)
            if (xs[i] >= -4 && xs[i] <= 4 && p0[i] > 0) grid.Points.Add(new DataPoint(xs[i], Math.Log(p0[i])));
        var pf = FigureStyle.Markers(FigureStyle.Of("pf-ode"));
        pf.YAxisKey = keys[0]; pf.Title = "PF-ODE (grid fields)";
        var err = new LineSeries { Color = FigureStyle.Of("pf-ode"), StrokeThickness = 1.6, YAxisKey = keys[1] };
        for (int i = 0; i < n; i++)
        {
            double e = sc.Initial1D!.LogDensity(x0[i]);
            exact.Points.Add(new DataPoint(x0[i], e));
            pf.Points.Add(new DataPoint(x0[i], r.LogP0[i]));
            err.Points.Add(new DataPoint(x0[i], r.LogP0[i] - e));
        }
        m.Series.Add(exact); m.Series.Add(grid); m.Series.Add(pf); m.Series.Add(err);
        return m;
    }
}
