using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using SkiaSharp;

namespace FokkerPlanck.Figures;

/// <summary>
/// The "image" density kind: a grayscale picture on a rectangle, one table cell per pixel (the picture's top row at the
/// rectangle's upper edge), brightness as density (or darkness with <c>invert</c>), normalised — a
/// <see cref="PiecewiseConstant2D"/>, so its marginals under every linear process are exact. Decoded with SkiaSharp
/// (PNG, JPEG, BMP, GIF, WebP), which is why the kind lives in this assembly and is registered from here
/// (<see cref="Register"/>; the command-line tool does it at start-up). Luminance Y = 0.2126 R + 0.7152 G + 0.0722 B
/// (Rec. 709) times alpha. Pictures wider or taller than <see cref="PiecewiseConstant2D.MaxCellsPerAxis"/> pixels are
/// averaged over square blocks of pixels first (a note says so).
/// </summary>
public static class ImageDensityKind
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Adds the kind to the scenario format (once; later calls do nothing).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            // Its schema rules are in the shipped scenario schema already (so an editor pointed at it knows the kind): none here.
            DensityKinds.Registry.Register(new ScenarioKind<(IDensity1D?, IDensity2D?)>("image", Read, null));
            _registered = true;
        }
    }

    private static (IDensity1D?, IDensity2D?) Read(JsonReader r, int dim)
    {
        if (dim != 2) throw r.Error(r.P("kind"), "image is 2D only, but the grid is 1D");
        string file = r.String("file");
        var lower = r.Numbers("lower");
        var upper = r.Numbers("upper");
        bool invert = r.Boolean("invert", false);
        if (lower.Length != 2) throw r.Error(r.P("lower"), $"must have 2 entries (got {lower.Length})");
        if (upper.Length != 2) throw r.Error(r.P("upper"), $"must have 2 entries (got {upper.Length})");
        string path = r.ResolvePath(file);
        if (!File.Exists(path)) throw r.Error(r.P("file"), $"no such file: {path}");
        using var bitmap = SKBitmap.Decode(path) ?? throw r.Error(r.P("file"), $"{path} is not a picture SkiaSharp decodes (PNG, JPEG, BMP, GIF, WebP)");
        int w = bitmap.Width, h = bitmap.Height, block = Math.Max(1, (int)Math.Ceiling(Math.Max(w, h) / (double)PiecewiseConstant2D.MaxCellsPerAxis));
        int nx = (w + block - 1) / block, ny = (h + block - 1) / block;
        var table = new double[nx, ny];
        var count = new int[nx, ny];
        for (int row = 0; row < h; row++)
            for (int col = 0; col < w; col++)
            {
                var c = bitmap.GetPixel(col, row);
                double y = (0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue) / 255.0;
                int i = col / block, j = ny - 1 - row / block;
                table[i, j] += (invert ? 1 - y : y) * (c.Alpha / 255.0);
                count[i, j]++;
            }
        for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) table[i, j] /= count[i, j]; // block means (partial blocks at the far edges)
        if (block > 1)
            r.Note(r.P("file"), $"the {w} × {h} picture was averaged over {block} × {block} pixel blocks to {nx} × {ny} cells (at most {PiecewiseConstant2D.MaxCellsPerAxis} per axis)");
        return (null, ScenarioParser.Wrap(r, r.Path, () => new PiecewiseConstant2D(lower[0], upper[0], lower[1], upper[1], table),
            p => p switch { "values" => "file", "xUpper" or "yUpper" => "upper", _ => p }));
    }
}
