using System.Globalization;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>Points read from a user's file (see <see cref="PointFile.Read"/>).</summary>
/// <param name="X">First coordinates.</param>
/// <param name="Y">Second coordinates (2D), else null.</param>
/// <param name="Source">What was read, for messages ("samples.npy (1000, 2)", "particles.h5 positions, last snapshot").</param>
public sealed record PointSet(double[] X, double[]? Y, string Source)
{
    /// <summary>Number of points.</summary>
    public int Count => X.Length;
}

/// <summary>
/// Reads points (a user's samples or particles) from CSV, HDF5 or .npy, by the file's extension:
/// <list type="bullet">
/// <item>.csv: one point per row, columns x (and y in 2D); a header row is optional and, when it names columns x and y,
/// those are used, otherwise the first one or two columns; '#' lines are skipped.</item>
/// <item>.h5 / .hdf5 / .nc: a dataset "points" of shape (N) or (N, 1) in 1D, (N, 2) in 2D; or else the "positions" of a
/// particles.h5, (ns, N) or (ns, N, 2), of which the last snapshot is taken.</item>
/// <item>.npy: float64, float32, int64 or int32, shape (N) or (N, 1) in 1D, (N, 2) in 2D.</item>
/// </list>
/// Every value must be finite. Errors are <see cref="ArgumentException"/>s that name the file and the rule.
/// </summary>
public static class PointFile
{
    /// <summary>Reads the points.</summary>
    /// <param name="path">File.</param>
    /// <param name="dimension">1 or 2.</param>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <returns>The points.</returns>
    public static PointSet Read(string path, int dimension, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (dimension is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be 1 or 2");
        if (!File.Exists(path)) throw new ArgumentException($"{option}: {path} does not exist", option);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        PointSet p;
        try
        {
            p = ext switch
            {
                ".csv" => Csv(path, dimension),
                ".npy" => Npy(path, dimension),
                ".h5" or ".hdf5" or ".nc" => Hdf5(path, dimension),
                _ => throw new ArgumentException($"{path}: unknown extension '{ext}' (.csv, .h5, .hdf5, .nc or .npy)"),
            };
        }
        catch (ArgumentException e) when (e.ParamName != option)
        {
            throw new ArgumentException($"{option}: {e.Message}", option, e);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ArgumentException($"{option}: {e.Message}", option, e);
        }
        catch (Exception e) when (ext is ".h5" or ".hdf5" or ".nc" && e is not (ArgumentException or OutOfMemoryException or IOException))
        {
            throw new ArgumentException($"{option}: {path} is not a readable HDF5 file ({e.Message})", option, e);
        }
        if (p.Count == 0) throw new ArgumentException($"{option}: {p.Source} holds no points", option);
        for (int i = 0; i < p.Count; i++)
            if (!double.IsFinite(p.X[i]) || (p.Y is { } y && !double.IsFinite(y[i])))
                throw new ArgumentException($"{option}: {p.Source}: point {i} is not finite ({p.X[i]}{(p.Y is null ? "" : ", " + p.Y[i])})", option);
        return p;
    }

    private static PointSet FromShape(double[] v, int[] shape, int dimension, string what)
    {
        string s = $"({string.Join(", ", shape)})";
        if (dimension == 1 && (shape.Length == 1 || (shape.Length == 2 && shape[1] == 1))) return new PointSet(v, null, $"{what} {s}");
        if (dimension == 2 && shape.Length == 2 && shape[1] == 2)
        {
            int n = shape[0];
            var x = new double[n]; var y = new double[n];
            for (int i = 0; i < n; i++) { x[i] = v[2 * i]; y[i] = v[2 * i + 1]; }
            return new PointSet(x, y, $"{what} {s}");
        }
        throw new ArgumentException($"{what} has shape {s}; {dimension}D points need " + (dimension == 1 ? "(N) or (N, 1)" : "(N, 2)"));
    }

    private static PointSet Npy(string path, int dimension)
    {
        var (v, shape) = NpyFile.Read(path);
        return FromShape(v, shape, dimension, Path.GetFileName(path));
    }

    private static PointSet Hdf5(string path, int dimension)
    {
        using var f = H5File.OpenRead(path);
        string name = Path.GetFileName(path);
        if (f.LinkExists("points"))
        {
            var d = f.Dataset("points");
            int[] shape = d.Space.Dimensions.Select(n => checked((int)n)).ToArray();
            return FromShape(d.Read<double[]>(), shape, dimension, $"{name} points");
        }
        if (f.LinkExists("positions"))
        {
            var d = f.Dataset("positions");
            int[] shape = d.Space.Dimensions.Select(n => checked((int)n)).ToArray();
            if (shape.Length is < 2 or > 3) throw new ArgumentException($"{name} positions has shape ({string.Join(", ", shape)}); particles.h5 has (ns, N) or (ns, N, 2)");
            var all = d.Read<double[]>();
            int per = all.Length / shape[0];
            var last = all.AsSpan(all.Length - per).ToArray();
            return FromShape(last, shape[1..], dimension, $"{name} positions, last of {shape[0]} snapshots,");
        }
        throw new ArgumentException($"{name} has neither a dataset 'points' nor 'positions'");
    }

    private static PointSet Csv(string path, int dimension)
    {
        string name = Path.GetFileName(path);
        var lines = File.ReadLines(path).Select((l, i) => (Line: l.Trim(), No: i + 1)).Where(l => l.Line.Length > 0 && l.Line[0] != '#').ToList();
        if (lines.Count == 0) return new PointSet([], null, name);
        var first = lines[0].Line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        int ix = 0, iy = 1;
        bool header = !double.TryParse(first[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (header)
        {
            int hx = Array.FindIndex(first, c => c.Equals("x", StringComparison.OrdinalIgnoreCase));
            int hy = Array.FindIndex(first, c => c.Equals("y", StringComparison.OrdinalIgnoreCase));
            if (hx >= 0) ix = hx;
            if (hy >= 0) iy = hy;
            lines.RemoveAt(0);
        }
        var x = new double[lines.Count];
        var y = dimension == 2 ? new double[lines.Count] : null;
        for (int r = 0; r < lines.Count; r++)
        {
            var cells = lines[r].Line.Split(',');
            double Cell(int c)
            {
                if (c >= cells.Length) throw new ArgumentException($"{name} line {lines[r].No}: has {cells.Length} column(s), {dimension}D points need {(dimension == 1 ? "x" : "x and y")}");
                return double.TryParse(cells[c].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v : throw new ArgumentException($"{name} line {lines[r].No}: '{cells[c].Trim()}' is not a number");
            }
            x[r] = Cell(ix);
            if (y is not null) y[r] = Cell(iy);
        }
        return new PointSet(x, y, $"{name} ({lines.Count} rows)");
    }
}
