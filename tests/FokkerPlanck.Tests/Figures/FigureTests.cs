using System.Xml.Linq;
using FokkerPlanck.Cli;
using FokkerPlanck.Figures;
using FokkerPlanck.Tests.Cli;
using FokkerPlanck.Tests.Scenarios;
using SkiaSharp;

namespace FokkerPlanck.Tests.Figures;

/// <summary>The runs behind the figures, made once (quick settings) for all figure tests.</summary>
public sealed class QuickFigureData
{
    /// <summary>Shared runs.</summary>
    public FigureData Data { get; } = new(FigureSettings.Quick);
}

/// <summary>Every figure rendered headlessly to PNG, SVG and PDF, and the gallery against the command.</summary>
public sealed class FigureTests(QuickFigureData fixture) : IClassFixture<QuickFigureData>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-fig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var n in FigureCatalog.Names) d.Add(n);
        return d;
    }

    /// <summary>Pixel checks of a PNG: its size, more than one colour, pixel variance, ink.</summary>
    internal static (int Width, int Height, int Colours, double Variance, double Ink) Inspect(byte[] png)
    {
        using var bmp = SKBitmap.Decode(png) ?? throw new InvalidDataException("not a decodable PNG");
        var colours = new HashSet<uint>();
        double sum = 0, sum2 = 0; long ink = 0, n = 0;
        for (int y = 0; y < bmp.Height; y += 2)
            for (int x = 0; x < bmp.Width; x += 2)
            {
                var c = bmp.GetPixel(x, y);
                colours.Add((uint)c);
                double l = 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
                sum += l; sum2 += l * l; n++;
                if (l < 240) ink++;
            }
        double mean = sum / n;
        return (bmp.Width, bmp.Height, colours.Count, sum2 / n - mean * mean, (double)ink / n);
    }

    [Trait("Tier", "Full")]
    [Theory]
    [MemberData(nameof(Names))]
    public void FigureRendersToValidNonBlankPngSvgAndPdf(string name)
    {
        var spec = FigureCatalog.Get(name);
        var model = spec.Make(fixture.Data);
        Assert.False(string.IsNullOrEmpty(model.Title));
        Assert.NotEmpty(model.Series);
        Assert.All(model.Axes.Where(a => a.Position is OxyPlot.Axes.AxisPosition.Bottom or OxyPlot.Axes.AxisPosition.Left && a.Key is null or "y0"),
            a => Assert.False(string.IsNullOrEmpty(a.Title), $"axis {a.Position} has no label"));

        var files = FigureExport.Write(model, _dir, name, spec.Width, spec.Height);
        Assert.Equal(3, files.Count);
        var (w, h, colours, variance, ink) = Inspect(File.ReadAllBytes(Path.Combine(_dir, name + ".png")));
        Assert.Equal((spec.Width * 2, spec.Height * 2), (w, h)); // 192 dpi
        Assert.True(colours > 16, $"{colours} colours");
        Assert.True(variance > 100, $"luminance variance {variance}");
        Assert.True(ink > 0.02, $"ink fraction {ink}");

        var svg = XDocument.Load(Path.Combine(_dir, name + ".svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.True(svg.Descendants().Count() > 20, "SVG has hardly any elements");
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName is "path" or "text");

        var pdf = File.ReadAllBytes(Path.Combine(_dir, name + ".pdf"));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(pdf.Length > 2000, $"PDF of {pdf.Length} bytes");
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));
    }

    [Fact]
    public void BlankModelIsCaughtByTheChecks()
    {
        // Negative control for the pixel checks: an empty plot must fail them.
        var empty = new OxyPlot.PlotModel { Background = OxyPlot.OxyColors.White };
        using var s = new MemoryStream();
        FigureExport.Export(empty, s, "png", 400, 300);
        var (_, _, colours, variance, ink) = Inspect(s.ToArray());
        Assert.False(colours > 16 && variance > 100 && ink > 0.02);
    }

    [Fact]
    public void GalleryImagesExistWithTheSizesTheCommandMakes()
    {
        string gallery = Path.Combine(ScenarioSchemaTests.FindRoot(), "docs", "figures");
        foreach (var spec in FigureCatalog.All)
        {
            string png = Path.Combine(gallery, spec.Name + ".png");
            Assert.True(File.Exists(png), $"missing gallery image {png}");
            var (w, h, _, _, _) = Inspect(File.ReadAllBytes(png));
            Assert.Equal((spec.Width * 2, spec.Height * 2), (w, h));
        }
        // The documented command regenerates them (quick sizes here; the image size does not depend on them).
        string outDir = Path.Combine(_dir, "cmd");
        var (code, stdout, stderr) = CliTests.Invoke("figures", "--case", "density-evolution", "--case", "kim-milman", "--quick", "--format", "png", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("density-evolution: density-evolution.png", stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "density-evolution", "kim-milman" })
        {
            var made = Inspect(File.ReadAllBytes(Path.Combine(outDir, name + ".png")));
            var committed = Inspect(File.ReadAllBytes(Path.Combine(gallery, name + ".png")));
            Assert.Equal((committed.Width, committed.Height), (made.Width, made.Height));
        }
    }

    [Theory]
    [InlineData("--case", "nope", "unknown figure 'nope'")]
    [InlineData("--format", "gif", "gif")]
    public void BadFigureOptionsExitWithTwoAndWriteNothing(string option, string value, string message)
    {
        string outDir = Path.Combine(_dir, "bad");
        var (code, stdout, stderr) = CliTests.Invoke("figures", option, value, "--quick", "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(outDir));
    }
}
