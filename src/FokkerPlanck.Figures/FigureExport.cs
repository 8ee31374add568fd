using OxyPlot;

namespace FokkerPlanck.Figures;

/// <summary>Exports a figure as PNG, SVG and PDF through OxyPlot.SkiaSharp (headless; no display needed).</summary>
public static class FigureExport
{
    /// <summary>Resolution of the PNG files (dots per inch; 96 is one pixel per unit of the model's size).</summary>
    public const float PngDpi = 192;

    /// <summary>The formats <see cref="Write"/> knows.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["png", "svg", "pdf"];

    /// <summary>Writes the model as DIR/NAME.FORMAT for each format, each under a temporary name renamed when complete.</summary>
    /// <param name="model">Plot.</param>
    /// <param name="directory">Directory (created).</param>
    /// <param name="name">File name without extension.</param>
    /// <param name="width">Width in device-independent units (1/96 in).</param>
    /// <param name="height">Height in the same units.</param>
    /// <param name="formats">Formats (png, svg, pdf).</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(PlotModel model, string directory, string name, int width, int height, IEnumerable<string>? formats = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var format in formats ?? Formats)
        {
            string path = Path.Combine(directory, $"{name}.{format}");
            string tmp = Path.Combine(directory, $".{name}.{format}.{Environment.ProcessId}.partial");
            try
            {
                using (var s = File.Create(tmp)) Export(model, s, format, width, height);
                File.Move(tmp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            written.Add(path);
        }
        return written;
    }

    /// <summary>Exports the model to a stream.</summary>
    /// <param name="model">Plot.</param>
    /// <param name="stream">Target.</param>
    /// <param name="format">png, svg or pdf.</param>
    /// <param name="width">Width (1/96 in).</param>
    /// <param name="height">Height (1/96 in).</param>
    public static void Export(PlotModel model, Stream stream, string format, int width, int height)
    {
        switch (format)
        {
            case "png":
                new OxyPlot.SkiaSharp.PngExporter { Width = width * (int)PngDpi / 96, Height = height * (int)PngDpi / 96, Dpi = PngDpi }.Export(model, stream);
                break;
            case "svg":
                new OxyPlot.SkiaSharp.SvgExporter { Width = width, Height = height }.Export(model, stream);
                break;
            case "pdf":
                // PDF units are points (1/72 in).
                new OxyPlot.SkiaSharp.PdfExporter { Width = width * 72f / 96f, Height = height * 72f / 96f }.Export(model, stream);
                break;
            default:
                throw new ArgumentException($"unknown figure format '{format}' (expected {string.Join(", ", Formats)})", nameof(format));
        }
    }
}
