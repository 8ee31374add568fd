using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>The density kinds a scenario file may name ("initial", a Langevin "target", flow-matching "data"). A new
/// density: its class and its <see cref="ScenarioKind{T}"/> in one file, and its line in the list below (or
/// <see cref="KindRegistry{T}.Register"/> from a friend assembly).</summary>
internal static class DensityKinds
{
    /// <summary>The registry; a kind reads as a 1D or a 2D density, matching the grid.</summary>
    public static KindRegistry<(IDensity1D? D1, IDensity2D? D2)> Registry { get; } = new("density",
    [
        new("gaussian-mixture", GaussianMixture),
        new("laplace-mixture", (r, dim) =>
        {
            if (dim != 1) throw r.Error(r.P("kind"), "laplace-mixture is 1D only, but the grid is 2D");
            var w = Weights(r);
            var loc = r.Numbers("locations");
            var sc = r.Numbers("scales");
            return (ScenarioParser.Wrap(r, r.Path, () => new LaplaceMixture1D(w, loc, sc), p => p), null);
        }),
        new("point-mass", (r, dim) =>
        {
            if (dim != 1) throw r.Error(r.P("kind"), "point-mass is 1D only for now, but the grid is 2D");
            var vectors = r.Vectors("points");
            for (int k = 0; k < vectors.Length; k++)
                if (vectors[k].Length != 1) throw r.Error($"{r.P("points")}[{k}]", $"must have 1 entry to match the grid (got {vectors[k].Length})");
            var points = vectors.Select(v => v[0]).ToArray();
            double[] w = r.Has("weights") ? Weights(r) : [.. Enumerable.Repeat(1.0 / Math.Max(points.Length, 1), points.Length)];
            return (ScenarioParser.Wrap(r, r.Path, () => new PointMasses1D(w, points), p => p), null);
        }),
        new("funnel", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "funnel is 2D only, but the grid is 1D");
            double sv = r.Number("sigmaV", 3.0), a = r.Number("a", 1.0), b = r.Number("b", 0.5);
            return (null, ScenarioParser.Wrap(r, r.Path, () => new Funnel2D(sv, a, b), p => p));
        }),
        new("eight-gaussians", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "eight-gaussians is 2D only, but the grid is 1D");
            int count = r.Integer("count", 8);
            double radius = r.Number("radius", 4 / Math.Sqrt(2)), sd = r.Number("sd", 0.5 / Math.Sqrt(2));
            return (null, ScenarioParser.Wrap(r, r.Path, () => ToyData2D.Gaussians(count, radius, sd), p => p));
        }),
        new("checkerboard", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "checkerboard is 2D only, but the grid is 1D");
            int squares = r.Integer("squares", 4);
            double half = r.Number("half", 2.0);
            return (null, ScenarioParser.Wrap(r, r.Path, () => PiecewiseConstant2D.Checkerboard(squares, half), p => p));
        }),
        new("rings", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "rings is 2D only, but the grid is 1D");
            var radii = r.Numbers("radii");
            double sd = r.Number("sd", 0.08);
            return (null, ScenarioParser.Wrap(r, r.Path, () => ToyData2D.Rings(radii, sd), p => p));
        }),
        new("samples", SampleDensity.Read),
        new("tabulated", (r, dim) =>
        {
            var lower = r.Numbers("lower");
            var upper = r.Numbers("upper");
            if (dim == 1) return (Tabulated1D(r, lower, upper), null);
            if (lower.Length != 2) throw r.Error(r.P("lower"), $"must have 2 entries (got {lower.Length})");
            if (upper.Length != 2) throw r.Error(r.P("upper"), $"must have 2 entries (got {upper.Length})");
            bool hasFile = r.Has("file"), hasValues = r.Has("values");
            if (hasFile == hasValues) throw r.Error(r.P(hasFile ? "values" : "file"), hasFile ? "give file or values, not both" : "required: file or values");
            double[,] table;
            if (hasValues)
            {
                var rows = r.Vectors("values");
                int ny = rows.Length == 0 ? 0 : rows[0].Length;
                for (int i = 0; i < rows.Length; i++)
                    if (rows[i].Length != ny) throw r.Error($"{r.P("values")}[{i}]", $"must have {ny} entries like values[0] (got {rows[i].Length})");
                table = new double[rows.Length, ny];
                for (int i = 0; i < rows.Length; i++) for (int j = 0; j < ny; j++) table[i, j] = rows[i][j];
            }
            else table = TableFile(r);
            return (null, ScenarioParser.Wrap(r, r.Path, () => new PiecewiseConstant2D(lower[0], upper[0], lower[1], upper[1], table),
                p => p switch { "values" => hasValues ? "values" : "file", "xUpper" or "yUpper" => "upper", _ => p }));
        }),
        new("two-moons", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "two-moons is 2D only, but the grid is 1D");
            double scale = r.Number("scale", 2.0), sd = r.Number("sd", 0.2);
            return (null, ScenarioParser.Wrap(r, r.Path, () => ToyData2D.TwoMoons(scale, sd), p => p));
        }),
        new("swiss-roll", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "swiss-roll is 2D only, but the grid is 1D");
            double scale = r.Number("scale", 0.2), sd = r.Number("sd", 0.2);
            return (null, ScenarioParser.Wrap(r, r.Path, () => ToyData2D.SwissRoll(scale, sd), p => p));
        }),
        new("pinwheel", (r, dim) =>
        {
            if (dim != 2) throw r.Error(r.P("kind"), "pinwheel is 2D only, but the grid is 1D");
            int arms = r.Integer("arms", 5);
            double radialSd = r.Number("radialSd", 0.3), rate = r.Number("rate", 0.25), scale = r.Number("scale", 2.0), sd = r.Number("sd", 0.2);
            return (null, ScenarioParser.Wrap(r, r.Path, () => ToyData2D.Pinwheel(arms, radialSd, rate, scale, sd), p => p));
        }),
    ]);

    /// <summary>Reads a density object.</summary>
    /// <param name="r">Its reader.</param>
    /// <param name="dim">The grid's dimension.</param>
    /// <returns>The density, 1D or 2D.</returns>
    public static (IDensity1D? D1, IDensity2D? D2) Read(JsonReader r, int dim) => Registry.Read(r, dim);

    private static (IDensity1D?, IDensity2D?) GaussianMixture(JsonReader r, int dim)
    {
        var w = Weights(r);
        var means = r.Vectors("means");
        var covs = r.Matrices("covariances");
        for (int k = 0; k < means.Length; k++)
            if (means[k].Length != dim) throw r.Error($"{r.P("means")}[{k}]", $"must have {dim} entries to match the grid (got {means[k].Length})");
        for (int k = 0; k < covs.Length; k++)
        {
            if (covs[k].Length != dim || covs[k].Any(row => row.Length != dim))
                throw r.Error($"{r.P("covariances")}[{k}]", $"must be a {dim}×{dim} matrix");
        }
        if (dim == 1)
        {
            return (ScenarioParser.Wrap(r, r.Path, () => new GaussianMixture1D(w, means.Select(m => m[0]).ToArray(), covs.Select(c => c[0][0]).ToArray()),
                p => p.Replace("variances", "covariances")), null);
        }
        return (null, ScenarioParser.Wrap(r, r.Path, () => new GaussianMixture2D(w,
            means.Select(m => (IReadOnlyList<double>)m).ToArray(),
            covs.Select(c => (IReadOnlyList<IReadOnlyList<double>>)c.Select(row => (IReadOnlyList<double>)row).ToArray()).ToArray()), p => p));
    }

    /// <summary>
    /// The weights, normalised when they do not sum to 1 within round-off (16 ulps per weight): the recorded scenario
    /// then has the normalised weights and a note says so, so that the file that is written is the mixture that was run.
    /// Invalid weights are passed through for the model's own message.
    /// </summary>
    private static double[] Weights(JsonReader r)
    {
        var w = r.Numbers("weights");
        if (w.Length == 0 || w.Any(v => !(v > 0))) return w;
        double sum = w.Sum();
        if (double.IsFinite(sum) && Math.Abs(sum - 1) <= 16 * w.Length * 2.220446049250313e-16) return w; // 16 ulps of 1 per weight
        Model.MixtureChecks.Weights(w, out var normalised);
        r.Store("weights", new System.Text.Json.Nodes.JsonArray([.. normalised.Select(v => (System.Text.Json.Nodes.JsonNode?)v)]));
        r.Note(r.P("weights"), $"weights summed to {sum:G17}; normalised to 1 (the recorded scenario has the normalised weights)");
        return normalised;
    }

    // The 1D table: lower and upper of one entry each, values a list or file an .npy of shape (n,).
    private static IDensity1D Tabulated1D(JsonReader r, double[] lower, double[] upper)
    {
        if (lower.Length != 1) throw r.Error(r.P("lower"), $"must have 1 entry on a 1D grid (got {lower.Length})");
        if (upper.Length != 1) throw r.Error(r.P("upper"), $"must have 1 entry on a 1D grid (got {upper.Length})");
        bool hasFile = r.Has("file"), hasValues = r.Has("values");
        if (hasFile == hasValues) throw r.Error(r.P(hasFile ? "values" : "file"), hasFile ? "give file or values, not both" : "required: file or values");
        double[] values;
        if (hasValues) values = r.Numbers("values");
        else
        {
            var t = TableFile(r, oneD: true);
            if (t.GetLength(1) != 1) throw r.Error(r.P("file"), $"a 1D table needs an .npy of shape (n,) or (n, 1) (got ({t.GetLength(0)}, {t.GetLength(1)}))");
            values = [.. Enumerable.Range(0, t.GetLength(0)).Select(i => t[i, 0])];
        }
        return ScenarioParser.Wrap(r, r.Path, () => new PiecewiseConstant1D(lower[0], upper[0], values),
            p => p switch { "values" => hasValues ? "values" : "file", "xUpper" => "upper", _ => p });
    }

    // A tabulated density's table from an .npy file of shape (nx, ny), relative to the scenario file's folder.
    private static double[,] TableFile(JsonReader r, bool oneD = false)
    {
        string file = r.String("file");
        string path = r.ResolvePath(file);
        if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) throw r.Error(r.P("file"), $"{file}: a table is read from .npy (shape (nx, ny))");
        if (!File.Exists(path)) throw r.Error(r.P("file"), $"{path} does not exist");
        (double[] values, int[] shape) t;
        try { t = IO.NpyFile.Read(path); }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or UnauthorizedAccessException or OverflowException)
        {
            throw r.Error(r.P("file"), $"{file}: {e.Message}", e);
        }
        if (oneD && t.shape.Length == 1) t = (t.values, [t.shape[0], 1]); // a 1D table
        if (t.shape.Length != 2 || t.shape[0] < 1 || t.shape[1] < 1 || (long)t.shape[0] * t.shape[1] != t.values.Length)
            throw r.Error(r.P("file"), $"{file}: shape ({string.Join(", ", t.shape)}) with {t.values.Length} values, expected (nx, ny) with nx, ny ≥ 1 (or (n,) on a 1D grid)");
        var table = new double[t.shape[0], t.shape[1]];
        for (int i = 0; i < t.shape[0]; i++) for (int j = 0; j < t.shape[1]; j++) table[i, j] = t.values[i * t.shape[1] + j];
        return table;
    }
}
