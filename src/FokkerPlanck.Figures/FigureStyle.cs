using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace FokkerPlanck.Figures;

/// <summary>
/// The house style: viridis for densities (with a colour bar), one colour per dynamics in every figure (the validation
/// report's palette), labelled axes with symbols, fonts sized for a single-column figure, and the two panel layouts
/// (rows sharing an x axis; side-by-side 2D panels, each with its own x axis, sharing a y axis). Mathematics in titles,
/// axis titles and legends uses OxyPlot's sub- and superscripts (p_{t}, x^{2}) and Unicode symbols (∇, λ, σ).
/// </summary>
public static class FigureStyle
{
    /// <summary>Base font size (device-independent pixels; a 640-unit-wide figure printed 3.5 in wide shows it at ≈ 7 pt).</summary>
    public const double FontSize = 15;

    /// <summary>Font of every text: DejaVu Sans, present on Debian machines (the fallback font differs between machines).</summary>
    public const string Font = "DejaVu Sans";

    /// <summary>Colour of a dynamics (forward-sde, reverse-sde, pf-ode, lambda=X), the same in every figure.</summary>
    /// <param name="dynamics">Name.</param>
    /// <returns>Colour.</returns>
    public static OxyColor Of(string dynamics) => dynamics switch
    {
        "lambda=0" => Validation.ValidationFigures.ColorOf("pf-ode"),
        "lambda=1" => Validation.ValidationFigures.ColorOf("reverse-sde"),
        "lambda=2" => OxyColor.FromRgb(0xa6, 0x76, 0x1d),
        _ => Validation.ValidationFigures.ColorOf(dynamics),
    };

    /// <summary>A new model in the house style.</summary>
    /// <param name="title">Title.</param>
    /// <returns>The model.</returns>
    public static PlotModel Model(string title)
    {
        var m = new PlotModel
        {
            Title = title, DefaultFont = Font, DefaultFontSize = FontSize, TitleFontSize = FontSize + 2, TitleFontWeight = FontWeights.Normal,
            Background = OxyColors.White, PlotAreaBorderThickness = new OxyThickness(1), Padding = new OxyThickness(6),
        };
        return m;
    }

    /// <summary>A legend above the plot area, in one row.</summary>
    /// <param name="m">Model.</param>
    /// <param name="dark">A dark box (for white lines drawn over a heat map).</param>
    public static void LegendOnTop(PlotModel m, bool dark = false) => m.Legends.Add(new Legend
    {
        LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.TopCenter, LegendOrientation = LegendOrientation.Horizontal,
        LegendFontSize = FontSize - 2, LegendBorderThickness = 0, LegendItemSpacing = 12,
        LegendBackground = dark ? OxyColor.FromRgb(0x44, 0x01, 0x54) : OxyColors.Undefined, LegendTextColor = dark ? OxyColors.White : OxyColors.Automatic,
    });

    /// <summary>A perceptually uniform light ramp (white to mid grey, linear in lightness) for densities drawn behind
    /// coloured paths, where viridis would hide them.</summary>
    public static OxyPalette Greys { get; } = OxyPalette.Interpolate(256, OxyColors.White, OxyColor.FromRgb(0x6e, 0x6e, 0x6e));

    /// <summary>Points as markers without a line (ScatterSeries would take its colour from the model's colour axis).</summary>
    /// <param name="color">Marker colour.</param>
    /// <param name="size">Marker size.</param>
    /// <param name="type">Marker type.</param>
    /// <returns>The series.</returns>
    public static LineSeries Markers(OxyColor color, double size = 2.6, MarkerType type = MarkerType.Circle) => new()
    {
        LineStyle = LineStyle.None, MarkerType = type, MarkerSize = size, MarkerFill = color, MarkerStroke = color, Color = color,
    };

    /// <summary>A viridis colour axis (the colour bar) on the right.</summary>
    /// <param name="title">Colour-bar label.</param>
    /// <param name="min">Lower end, or NaN for automatic.</param>
    /// <param name="max">Upper end, or NaN for automatic.</param>
    /// <param name="palette">Palette (default viridis).</param>
    /// <returns>The axis (key "color").</returns>
    public static LinearColorAxis ColorBar(string title, double min = double.NaN, double max = double.NaN, OxyPalette? palette = null) => new()
    {
        Position = AxisPosition.Right, Palette = palette ?? OxyPalettes.Viridis(256), Title = title, Key = "color",
        Minimum = min, Maximum = max, HighColor = OxyColors.Undefined, LowColor = OxyColors.Undefined,
    };

    // A frame around one panel: a rectangle over the whole extent of its axes, drawn above the series.
    private static OxyPlot.Annotations.RectangleAnnotation Frame(string? xKey = null, string? yKey = null) => new()
    {
        XAxisKey = xKey, YAxisKey = yKey, Fill = OxyColors.Transparent, Stroke = OxyColors.Black, StrokeThickness = 1,
        Layer = OxyPlot.Annotations.AnnotationLayer.AboveSeries,
    };

    /// <summary>Vertical axes for n rows sharing one x axis, each row framed: row 0 at the top; returns their keys.</summary>
    /// <param name="m">Model.</param>
    /// <param name="titles">Title of each row's axis.</param>
    /// <param name="gap">Gap between rows (fraction of the height).</param>
    /// <returns>Keys "y0", "y1", ….</returns>
    public static string[] Rows(PlotModel m, IReadOnlyList<string> titles, double gap = 0.05)
    {
        int n = titles.Count;
        var keys = new string[n];
        double h = (1 - gap * (n - 1)) / n;
        for (int i = 0; i < n; i++)
        {
            keys[i] = $"y{i}";
            double top = 1 - i * (h + gap);
            // IntervalLength 36 (default 60): a short row still gets at least three labelled ticks.
            m.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Key = keys[i], Title = titles[i], StartPosition = top - h, EndPosition = top, IntervalLength = 36 });
            m.Annotations.Add(Frame(yKey: keys[i]));
        }
        m.PlotAreaBorderThickness = new OxyThickness(0);
        return keys;
    }

    /// <summary>
    /// Side-by-side 2D panels, each with its own x axis (keys "x0", "x1", …) spanning its share of the width with a gap
    /// between panels, all over one y axis on the left; each panel gets a frame, and the plot area's own border is
    /// removed. Series and annotations of panel k set XAxisKey = key k and use the panel's own coordinates.
    /// </summary>
    /// <param name="m">Model.</param>
    /// <param name="lower">Lower x of a panel.</param>
    /// <param name="upper">Upper x of a panel.</param>
    /// <param name="panels">Number of panels.</param>
    /// <param name="step">Tick step.</param>
    /// <param name="title">Axis title under each panel.</param>
    /// <param name="gap">Gap between panels (fraction of the width).</param>
    /// <returns>The x-axis keys.</returns>
    public static string[] Columns(PlotModel m, double lower, double upper, int panels, double step, string title, double gap = 0.05)
    {
        ArgumentNullException.ThrowIfNull(m);
        m.PlotAreaBorderThickness = new OxyThickness(0);
        double w = (1 - gap * (panels - 1)) / panels;
        var keys = new string[panels];
        for (int k = 0; k < panels; k++)
        {
            keys[k] = $"x{k}";
            m.Axes.Add(new LinearAxis
            {
                Position = AxisPosition.Bottom, Key = keys[k], Title = title, Minimum = lower, Maximum = upper, MajorStep = step, MinorStep = step / 2,
                StartPosition = k * (w + gap), EndPosition = k * (w + gap) + w,
            });
            m.Annotations.Add(Frame(xKey: keys[k]));
        }
        return keys;
    }

    /// <summary>A heat map of cell values on a uniform grid, values[i, j] at (x_i, y_j) (cell centres).</summary>
    /// <param name="values">Values.</param>
    /// <param name="x0">First x centre.</param>
    /// <param name="x1">Last x centre.</param>
    /// <param name="y0">First y centre.</param>
    /// <param name="y1">Last y centre.</param>
    /// <param name="yKey">Vertical axis key, or null.</param>
    /// <param name="xKey">Horizontal axis key (a panel of <see cref="Columns"/>), or null.</param>
    /// <returns>The series (colour axis "color").</returns>
    public static HeatMapSeries HeatMap(double[,] values, double x0, double x1, double y0, double y1, string? yKey = null, string? xKey = null) => new()
    {
        Data = values, X0 = x0, X1 = x1, Y0 = y0, Y1 = y1, Interpolate = false, RenderMethod = HeatMapRenderMethod.Bitmap,
        ColorAxisKey = "color", YAxisKey = yKey, XAxisKey = xKey, CoordinateDefinition = HeatMapCoordinateDefinition.Center,
    };

    /// <summary>A label in the top-left corner of a panel, on a translucent white box.</summary>
    /// <param name="text">Text.</param>
    /// <param name="x">Left x.</param>
    /// <param name="y">Top y.</param>
    /// <param name="yKey">Vertical axis key, or null.</param>
    /// <param name="xKey">Horizontal axis key, or null.</param>
    /// <returns>The annotation.</returns>
    public static OxyPlot.Annotations.TextAnnotation Label(string text, double x, double y, string? yKey = null, string? xKey = null) => new()
    {
        Text = text, TextPosition = new DataPoint(x, y), TextHorizontalAlignment = HorizontalAlignment.Left,
        TextVerticalAlignment = VerticalAlignment.Top, Background = OxyColor.FromAColor(210, OxyColors.White), StrokeThickness = 0,
        FontSize = FontSize - 1, Padding = new OxyThickness(3), YAxisKey = yKey, XAxisKey = xKey,
    };

    /// <summary>Least-squares slope of log y against log x.</summary>
    /// <param name="x">Abscissae (positive).</param>
    /// <param name="y">Ordinates (positive).</param>
    /// <returns>The slope.</returns>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var lx = x.Select(v => Math.Log(v)).ToArray(); var ly = y.Select(v => Math.Log(v)).ToArray();
        return MathNet.Numerics.Fit.Line(lx, ly).B;
    }
}
