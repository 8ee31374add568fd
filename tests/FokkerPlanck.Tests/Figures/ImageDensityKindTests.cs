using FokkerPlanck.Cli;
using FokkerPlanck.Figures;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;
using SkiaSharp;

namespace FokkerPlanck.Tests.Figures;

/// <summary>The "image" density: a picture's luminance as a table density, top row at the upper edge, inverted on
/// request, large pictures block-averaged, and refusals with the JSON path.</summary>
public sealed class ImageDensityKindTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-image-").FullName;

    public ImageDensityKindTests() => ImageDensityKind.Register();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A w × h picture whose pixel (col, row) has gray level gray(col, row).
    private string Picture(string name, int w, int h, Func<int, int, byte> gray)
    {
        using var bmp = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) { byte g = gray(c, r); bmp.SetPixel(c, r, new SKColor(g, g, g, 255)); }
        string path = Path.Combine(_dir, name);
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private string Scenario(string initial, string grid = """{"lower": [-4, -4], "upper": [4, 4], "cells": [32, 32]}""")
    {
        string file = Path.Combine(_dir, "s.json");
        File.WriteAllText(file, "{\"name\": \"img\", \"process\": {\"kind\": \"ou\"}, \"initial\": " + initial + ", \"grid\": " + grid + ", \"time\": {\"end\": 0.3, \"snapshots\": 3}}");
        return file;
    }

    /// <summary>The image kind's rules live in the shipped schema (one copy; the kind registers without its own): an
    /// image object missing its file, or with an unknown field, violates it; a complete one does not.</summary>
    [Fact]
    public void TheShippedSchemaHoldsTheImageRules()
    {
        static IReadOnlyList<(string Path, string Rule)> Check(string initial) => ScenarioSchema.Violations(System.Text.Json.JsonDocument.Parse(
            """{"name": "img", "process": {"kind": "ou"}, "initial": """ + initial +
            """, "grid": {"lower": [-4, -4], "upper": [4, 4], "cells": [32, 32]}, "time": {"end": 0.3, "snapshots": 3}}""").RootElement);
        Assert.Empty(Check("""{"kind": "image", "file": "a.png", "lower": [-3, -3], "upper": [3, 3]}"""));
        Assert.Contains(Check("""{"kind": "image", "lower": [-3, -3], "upper": [3, 3]}"""), v => v.Path.StartsWith("$.initial", StringComparison.Ordinal));
        Assert.Contains(Check("""{"kind": "image", "file": "a.png", "lower": [-3, -3], "upper": [3, 3], "gamma": 2}"""), v => v.Path.StartsWith("$.initial", StringComparison.Ordinal));
    }

    [Fact]
    public void PixelsBecomeCellMassesWithTheTopRowAtTheUpperEdge()
    {
        // 3 columns × 2 rows: top row (row 0) 255, 0, 0; bottom row 0, 0, 51.
        Picture("p.png", 3, 2, (c, r) => (byte)(r == 0 && c == 0 ? 255 : r == 1 && c == 2 ? 51 : 0));
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "image", "file": "p.png", "lower": [-1.5, -1], "upper": [1.5, 1]}"""));
        var d = Assert.IsType<PiecewiseConstant2D>(sc.Initial2D);
        // Masses 1 : 0.2 (luminance 255 and 51), normalised: 5/6 in the top-left cell (x in [-1.5, -0.5], y in [0, 1]).
        Assert.Equal(5.0 / 6.0, d.Weight(0, 1), 1e-12);
        Assert.Equal(1.0 / 6.0, d.Weight(2, 0), 1e-12);
        Assert.Equal(0.0, d.Weight(0, 0));
        Assert.Equal(5.0 / 6.0, d.Density(-1.0, 0.5), 1e-12);
        Assert.True(sc.HasExactMarginal);
        var inv = (PiecewiseConstant2D)ScenarioParser.ParseFile(Scenario("""{"kind": "image", "file": "p.png", "lower": [-1.5, -1], "upper": [1.5, 1], "invert": true}""")).Initial2D!;
        Assert.Equal(0.0, inv.Weight(0, 1), 1e-12);
        Assert.Equal(1.0 / (4 + 0.8), inv.Weight(0, 0), 1e-12);
    }

    [Fact]
    public void LargePicturesAreBlockAveragedWithANote()
    {
        Picture("wide.png", 600, 9, (c, _) => (byte)(c < 300 ? 200 : 100));
        var sc = ScenarioParser.ParseFile(Scenario("""{"kind": "image", "file": "wide.png", "lower": [-3, -1], "upper": [3, 1]}"""));
        var d = (PiecewiseConstant2D)sc.Initial2D!;
        // Blocks of 3 × 3: 200 × 3 cells; the left half carries 2/3 of the mass.
        double left = 0;
        for (int i = 0; i < 100; i++) for (int j = 0; j < 3; j++) left += d.Weight(i, j);
        Assert.Equal(2.0 / 3.0, left, 1e-12);
        Assert.Contains(sc.Notes, n => n.Contains("averaged over 3 × 3 pixel blocks to 200 × 3 cells", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"kind": "image", "file": "none.png", "lower": [-1, -1], "upper": [1, 1]}""", "$.initial.file", "no such file")]
    [InlineData("""{"kind": "image", "file": "text.png", "lower": [-1, -1], "upper": [1, 1]}""", "$.initial.file", "not a picture")]
    [InlineData("""{"kind": "image", "file": "p.png", "lower": [-1], "upper": [1, 1]}""", "$.initial.lower", "2 entries")]
    [InlineData("""{"kind": "image", "file": "p.png", "lower": [1, -1], "upper": [-1, 1]}""", "$.initial.upper", "")]
    [InlineData("""{"kind": "image", "file": "p.png", "lower": [-1, -1], "upper": [1, 1], "colour": 1}""", "$.initial.colour", "")]
    public void BadImagesAreRefused(string initial, string path, string reason)
    {
        Picture("p.png", 2, 2, (_, _) => 100);
        File.WriteAllText(Path.Combine(_dir, "text.png"), "not a picture");
        CliRefusal.Check(Scenario(initial), Path.Combine(_dir, "o"), path, reason);
    }

    [Fact]
    public void ThePictureSolvesFromTheCli()
    {
        Picture("p.png", 4, 4, (c, r) => (byte)(40 * (c + r)));
        var (code, _, err) = CliTests.Invoke("solve", Scenario("""{"kind": "image", "file": "p.png", "lower": [-2, -2], "upper": [2, 2]}"""), "--out", Path.Combine(_dir, "o"), "-q");
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
    }
}
