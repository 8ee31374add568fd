using System.Globalization;
using PureHDF;

namespace FokkerPlanck.Learned;

/// <summary>
/// A learned field given as a table on a grid, for models that cannot be exported to ONNX: an HDF5 file with datasets
/// <c>t</c> (nt ≥ 4 increasing process times), <c>x</c> (nx ≥ 4 evenly spaced), in 2D <c>y</c> (ny ≥ 4 evenly spaced),
/// and <c>field</c> of shape (nt, nx) in 1D or (nt, nx, ny, 2) in 2D, with a root attribute <c>parametrisation</c>
/// (score, noise, denoiser or velocity). Values between the nodes are the cubic Lagrange interpolants through the four
/// nearest nodes along each axis (t, x, y): error O(h⁴) for a smooth field. A point outside the table is an error, not an
/// extrapolation.
/// </summary>
public sealed class TableField : ILearnedField
{
    private readonly double[] _t, _x, _y, _v;
    private long _evaluations;

    /// <summary>Reads the table.</summary>
    /// <param name="path">The HDF5 file.</param>
    /// <param name="dimension">The scenario's dimension.</param>
    /// <exception cref="LearnedModelException">The file is missing or not a table of this layout and dimension.</exception>
    public TableField(string path, int dimension)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new LearnedModelException($"table file '{path}' not found");
        Dimension = dimension;
        string name = Path.GetFileName(path);
        try
        {
            using var f = H5File.OpenRead(path);
            string Need(string n) => f.LinkExists(n) ? n : throw new LearnedModelException($"table '{name}' has no dataset '{n}' (a table has t, x{(dimension == 2 ? ", y" : "")} and field)");
            if (!f.AttributeExists("parametrisation")) throw new LearnedModelException($"table '{name}' has no 'parametrisation' attribute (score, noise, denoiser or velocity)");
            string p = f.Attribute("parametrisation").Read<string>();
            Parametrisation = p switch
            {
                "score" => Parametrisation.Score, "noise" => Parametrisation.Noise, "denoiser" => Parametrisation.Denoiser, "velocity" => Parametrisation.Velocity,
                _ => throw new LearnedModelException($"table '{name}': parametrisation must be score, noise, denoiser or velocity (got \"{p}\")"),
            };
            _t = f.Dataset(Need("t")).Read<double[]>();
            _x = f.Dataset(Need("x")).Read<double[]>();
            _y = dimension == 2 ? f.Dataset(Need("y")).Read<double[]>() : [];
            var field = f.Dataset(Need("field"));
            long[] shape = field.Space.Dimensions.Select(d => (long)d).ToArray();
            long[] want = dimension == 1 ? [_t.Length, _x.Length] : [_t.Length, _x.Length, _y.Length, 2];
            if (!shape.SequenceEqual(want))
                throw new LearnedModelException($"table '{name}': field has shape ({string.Join(", ", shape)}), but a {dimension}D table with these t, x{(dimension == 2 ? ", y" : "")} needs ({string.Join(", ", want)})");
            _v = field.Read<double[]>();
        }
        catch (Exception e) when (e is not LearnedModelException)
        {
            throw new LearnedModelException($"'{path}' is not a readable HDF5 table: {e.Message.Split('\n')[0]}", e);
        }
        Check(_t, "t", name, even: false);
        Check(_x, "x", name, even: true);
        if (dimension == 2) Check(_y, "y", name, even: true);
        for (int i = 0; i < _v.Length; i++)
            if (!double.IsFinite(_v[i])) throw new LearnedModelException($"table '{name}': field[{i}] is not finite ({_v[i]})");
        Description = $"{name} (table; {ParametrisationNames.Of(Parametrisation)} on {_t.Length} times × {_x.Length}{(dimension == 2 ? $" × {_y.Length}" : "")} points, cubic interpolation)";
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public Parametrisation Parametrisation { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Writes a table in the layout this class reads (the same field on other nodes, or a model's own export).</summary>
    /// <param name="path">Target.</param>
    /// <param name="parametrisation">What the values are.</param>
    /// <param name="t">Times.</param>
    /// <param name="x">x nodes.</param>
    /// <param name="y">y nodes (2D) or null.</param>
    /// <param name="field">Values, flat in the order (t, x) or (t, x, y, component).</param>
    public static void Write(string path, Parametrisation parametrisation, double[] t, double[] x, double[]? y, double[] field)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(field);
        var file = new H5File
        {
            ["t"] = t, ["x"] = x,
            ["field"] = new H5Dataset(field, fileDims: y is null ? [(ulong)t.Length, (ulong)x.Length] : [(ulong)t.Length, (ulong)x.Length, (ulong)y.Length, 2UL]),
        };
        if (y is not null) file["y"] = y;
        file.Attributes["parametrisation"] = ParametrisationNames.Of(parametrisation);
        file.Write(path);
    }

    /// <inheritdoc />
    public void Evaluate(ReadOnlySpan<double> points, double t, Span<double> output)
    {
        int d = Dimension, n = points.Length / d;
        var (k0, wt) = Stencil(_t, t, "t", t);
        int nx = _x.Length, ny = _y.Length;
        Span<double> wx = stackalloc double[4], wy = stackalloc double[4];
        for (int p = 0; p < n; p++)
        {
            double px = points[p * d];
            int i0 = Even(_x, px, wx, "x", t);
            if (d == 1)
            {
                double s = 0;
                for (int a = 0; a < 4; a++)
                    for (int b = 0; b < 4; b++) s += wt[a] * wx[b] * _v[(k0 + a) * nx + i0 + b];
                output[p] = s;
                continue;
            }
            double py = points[p * d + 1];
            int j0 = Even(_y, py, wy, "y", t);
            double sx = 0, sy = 0;
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                    for (int c = 0; c < 4; c++)
                    {
                        double w = wt[a] * wx[b] * wy[c];
                        long idx = ((((long)(k0 + a) * nx + i0 + b) * ny) + j0 + c) * 2;
                        sx += w * _v[idx]; sy += w * _v[idx + 1];
                    }
            output[2 * p] = sx; output[2 * p + 1] = sy;
        }
        Interlocked.Increment(ref _evaluations);
    }

    /// <inheritdoc />
    public void Dispose() { }

    // Cubic Lagrange weights through the four nodes nearest to v (any spacing).
    private static (int K0, double[] W) Stencil(double[] nodes, double v, string axis, double t)
    {
        if (!(v >= nodes[0] - 1e-12 * Math.Abs(nodes[^1] - nodes[0]) && v <= nodes[^1] + 1e-12 * Math.Abs(nodes[^1] - nodes[0])))
            throw Outside(axis, v, nodes, t);
        int hi = Array.BinarySearch(nodes, v);
        int i = hi >= 0 ? hi : ~hi - 1;
        int k0 = Math.Clamp(i - 1, 0, nodes.Length - 4);
        var w = new double[4];
        for (int a = 0; a < 4; a++)
        {
            double c = 1;
            for (int b = 0; b < 4; b++) if (b != a) c *= (v - nodes[k0 + b]) / (nodes[k0 + a] - nodes[k0 + b]);
            w[a] = c;
        }
        return (k0, w);
    }

    // The same on evenly spaced nodes, without a search.
    private static int Even(double[] nodes, double v, Span<double> w, string axis, double t)
    {
        double h = (nodes[^1] - nodes[0]) / (nodes.Length - 1), u = (v - nodes[0]) / h;
        if (!(u >= -1e-9 && u <= nodes.Length - 1 + 1e-9)) throw Outside(axis, v, nodes, t);
        return CubicLagrange.Weights(u, nodes.Length, w);
    }

    private static LearnedModelException Outside(string axis, double v, double[] nodes, double t) =>
        new($"the table covers {axis} in [{G(nodes[0])}, {G(nodes[^1])}], but the judge needs {axis} = {G(v)} (t = {G(t)}): tabulate over the scenario's grid and times");

    private static void Check(double[] v, string axis, string name, bool even)
    {
        if (v.Length < 4) throw new LearnedModelException($"table '{name}': {axis} has {v.Length} nodes; cubic interpolation needs ≥ 4");
        for (int i = 1; i < v.Length; i++)
            if (!(v[i] > v[i - 1])) throw new LearnedModelException($"table '{name}': {axis} must increase strictly ({axis}[{i}] = {G(v[i])} after {G(v[i - 1])})");
        if (!even) return;
        double h = (v[^1] - v[0]) / (v.Length - 1);
        for (int i = 0; i < v.Length; i++)
            if (Math.Abs(v[i] - (v[0] + i * h)) > 1e-9 * Math.Abs(h) * v.Length)
                throw new LearnedModelException($"table '{name}': {axis} must be evenly spaced ({axis}[{i}] = {G(v[i])}, expected {G(v[0] + i * h)})");
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
