using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace FokkerPlanck.Figures;

/// <summary>The figures of <c>judge</c>, from plain arrays: the score error against t, and the learned samplers' laws
/// against the true marginal (1D: the densities and their differences; 2D: heat maps of p̂ − p).</summary>
public static class JudgeFigures
{
    /// <summary>The model's mean-square error against the exact field per t, with the field's own mean square for scale.</summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="times">Times.</param>
    /// <param name="error">E|s_θ − ∇log p_t|² (or E|v_θ − u_t|²).</param>
    /// <param name="norm">E|∇log p_t|² (or E|u_t|²).</param>
    /// <param name="velocity">The field is a flow-matching velocity, not a score.</param>
    /// <returns>The file written.</returns>
    public static string ScoreError(string directory, double[] times, double[] error, double[] norm, bool velocity = false)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(norm);
        var m = FigureStyle.Model(velocity ? "velocity error of the model against the exact marginal velocity" : "score error of the model against the exact score");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "t" });
        m.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "mean square over p_t" });
        double floor = 1e-300;
        var e = new LineSeries { Title = velocity ? "E|v_θ − u_t|²" : "E|s_θ − ∇log p_t|²", Color = OxyColors.Firebrick };
        var n = new LineSeries { Title = velocity ? "E|u_t|²" : "E|∇log p_t|²", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        for (int k = 0; k < times.Length; k++)
        {
            e.Points.Add(new DataPoint(times[k], Math.Max(error[k], floor)));
            n.Points.Add(new DataPoint(times[k], Math.Max(norm[k], floor)));
        }
        m.Series.Add(e); m.Series.Add(n);
        FigureStyle.LegendOnTop(m);
        return FigureExport.Write(m, directory, velocity ? "velocity-error" : "score-error", 800, 500, ["png"])[0];
    }

    private static readonly OxyColor[] LawColours = [OxyColors.Firebrick, OxyColors.SteelBlue];

    /// <summary>1D: p and each learned sampler's law p̂ (top), and p̂ − p (bottom).</summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="x">Cell centres.</param>
    /// <param name="p">True marginal where the samplers end.</param>
    /// <param name="laws">Each sampler's name and law (one or two).</param>
    /// <param name="at">Where the samplers end, for the title ("t_min", "t = 1").</param>
    /// <returns>The file written.</returns>
    public static string Densities1D(string directory, double[] x, double[] p, IReadOnlyList<(string Name, double[] Density)> laws, string at = "t_min")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(laws);
        var m = FigureStyle.Model($"the learned samplers' laws at {at} against the true marginal");
        var keys = FigureStyle.Rows(m, ["density", "p̂ − p"]);
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x" });
        void Line(string title, double[] v, OxyColor c, string key, LineStyle style = LineStyle.Solid)
        {
            var s = new LineSeries { Title = title, Color = c, YAxisKey = key, LineStyle = style };
            for (int i = 0; i < x.Length; i++) s.Points.Add(new DataPoint(x[i], v[i]));
            m.Series.Add(s);
        }
        Line("p (exact)", p, OxyColors.Black, keys[0]);
        for (int k = 0; k < laws.Count; k++) Line($"p̂ {laws[k].Name}", laws[k].Density, LawColours[k % 2], keys[0], k == 0 ? LineStyle.Dash : LineStyle.Dot);
        for (int k = 0; k < laws.Count; k++) Line(laws[k].Name, laws[k].Density.Zip(p, (a, b) => a - b).ToArray(), LawColours[k % 2], keys[1]);
        FigureStyle.LegendOnTop(m);
        return FigureExport.Write(m, directory, "densities", 800, 700, ["png"])[0];
    }

    /// <summary>2D: heat maps of p̂ − p, one panel per sampler.</summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="nx">Cells along x.</param>
    /// <param name="ny">Cells along y.</param>
    /// <param name="bounds">First and last cell centres (x0, x1, y0, y1).</param>
    /// <param name="p">True marginal (flat, i * ny + j).</param>
    /// <param name="laws">Each sampler's name and law (one or two).</param>
    /// <param name="at">Where the samplers end, for the title.</param>
    /// <returns>The file written.</returns>
    public static string Differences2D(string directory, int nx, int ny, (double X0, double X1, double Y0, double Y1) bounds, double[] p,
        IReadOnlyList<(string Name, double[] Density)> laws, string at = "t_min")
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(laws);
        var m = FigureStyle.Model($"p̂ − p at {at}: " + string.Join(", ", laws.Select((l, k) => laws.Count == 1 ? l.Name : $"{l.Name} ({(k == 0 ? "left" : "right")})")));
        double w = bounds.X1 - bounds.X0;
        var cols = FigureStyle.Columns(m, bounds.X0, bounds.X1, laws.Count, NiceStep(w / 5), "x");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "y" });
        double max = 0;
        foreach (var (_, q) in laws)
            for (int c = 0; c < p.Length; c++) max = Math.Max(max, Math.Abs(q[c] - p[c]));
        if (max == 0) max = 1;
        m.Axes.Add(FigureStyle.ColorBar("p̂ − p", -max, max, OxyPalettes.BlueWhiteRed(255)));
        for (int panel = 0; panel < laws.Count; panel++)
        {
            var q = laws[panel].Density;
            var v = new double[nx, ny];
            for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) v[i, j] = q[i * ny + j] - p[i * ny + j];
            m.Series.Add(FigureStyle.HeatMap(v, bounds.X0, bounds.X1, bounds.Y0, bounds.Y1, xKey: cols[panel]));
        }
        return FigureExport.Write(m, directory, "density-differences", laws.Count == 1 ? 650 : 1100, 500, ["png"])[0];
    }

    /// <summary>Decades of error density the maps show below their largest value; smaller values take the lowest colour.</summary>
    public const double MapDecades = 10;

    /// <summary>
    /// 1D: a heat map over x (across) and t (up) of the error density p_t |s_θ − ∇log p_t|² (or p_t |v_θ − u_t|²), in
    /// log10, over <see cref="MapDecades"/> decades below its largest value: where and when the model's error lies.
    /// </summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="x">Cell centres.</param>
    /// <param name="times">Times (increasing, evenly spaced), one row each.</param>
    /// <param name="density">Per time, the error density per cell.</param>
    /// <param name="velocity">The field is a flow-matching velocity, not a score.</param>
    /// <returns>The file written.</returns>
    public static string ErrorMap1D(string directory, double[] x, double[] times, double[][] density, bool velocity = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(density);
        var (lo, hi) = LogRange(density);
        var m = FigureStyle.Model($"where the model's error lies: log10 of {Quantity(velocity)}");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x" });
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "t" });
        m.Axes.Add(FigureStyle.ColorBar("log10 " + Quantity(velocity), lo, hi));
        var v = new double[x.Length, times.Length];
        for (int i = 0; i < x.Length; i++)
            for (int k = 0; k < times.Length; k++) v[i, k] = Log(density[k][i], lo);
        m.Series.Add(FigureStyle.HeatMap(v, x[0], x[^1], times[0], times[^1]));
        return FigureExport.Write(m, directory, velocity ? "velocity-error-map" : "score-error-map", 800, 550, ["png"])[0];
    }

    /// <summary>2D: heat maps of the error density p_t |s_θ − ∇log p_t|² (or p_t |v_θ − u_t|²) over (x, y), one panel per
    /// held time, in log10 over <see cref="MapDecades"/> decades below the largest value of all panels.</summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="nx">Cells along x.</param>
    /// <param name="ny">Cells along y.</param>
    /// <param name="bounds">First and last cell centres (x0, x1, y0, y1).</param>
    /// <param name="times">The held times, one panel each.</param>
    /// <param name="density">Per time, the error density per cell (flat, i * ny + j).</param>
    /// <param name="velocity">The field is a flow-matching velocity, not a score.</param>
    /// <returns>The file written.</returns>
    public static string ErrorMap2D(string directory, int nx, int ny, (double X0, double X1, double Y0, double Y1) bounds, double[] times,
        double[][] density, bool velocity = false)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(density);
        var (lo, hi) = LogRange(density);
        var m = FigureStyle.Model($"where the model's error lies: log10 of {Quantity(velocity)}, at t = " +
            string.Join(", ", times.Select(t => t.ToString("G4", System.Globalization.CultureInfo.InvariantCulture))) + " (left to right)");
        var cols = FigureStyle.Columns(m, bounds.X0, bounds.X1, times.Length, NiceStep((bounds.X1 - bounds.X0) / 4), "x");
        m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "y" });
        m.Axes.Add(FigureStyle.ColorBar("log10 " + Quantity(velocity), lo, hi));
        for (int k = 0; k < times.Length; k++)
        {
            var v = new double[nx, ny];
            for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) v[i, j] = Log(density[k][i * ny + j], lo);
            m.Series.Add(FigureStyle.HeatMap(v, bounds.X0, bounds.X1, bounds.Y0, bounds.Y1, xKey: cols[k]));
        }
        return FigureExport.Write(m, directory, velocity ? "velocity-error-map" : "score-error-map", 300 * times.Length + 150, 420, ["png"])[0];
    }

    private static string Quantity(bool velocity) => velocity ? "p_t |v_θ − u_t|²" : "p_t |s_θ − ∇log p_t|²";

    // The colour range: MapDecades below the largest finite positive value (a model without error: a flat map at 1e-300).
    private static (double Lo, double Hi) LogRange(double[][] density)
    {
        double max = 0;
        foreach (var row in density) foreach (double v in row) if (double.IsFinite(v)) max = Math.Max(max, v);
        double hi = Math.Log10(Math.Max(max, 1e-300));
        return (hi - MapDecades, hi);
    }

    private static double Log(double v, double lo) => v > 0 && double.IsFinite(v) ? Math.Max(Math.Log10(v), lo) : lo;

    // The 1, 2 or 5 times a power of ten nearest above raw: about five labelled ticks across a panel.
    private static double NiceStep(double raw)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
