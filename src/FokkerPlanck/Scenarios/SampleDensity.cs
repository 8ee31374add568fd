using FokkerPlanck.IO;
using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// The "samples" density kind: a Gaussian kernel density estimate of the user's samples (CSV, HDF5 or .npy, read by
/// <see cref="PointFile"/>), which is the Gaussian mixture with one equal-weight component per sample and the kernel
/// covariance H as every component's covariance; so its marginals, scores and samples under a linear process are exact.
/// Bandwidth rules, with Σ the samples' covariance, n their number and d the dimension:
/// "scott" (default) H = n^{-2/(d+4)} Σ; "silverman" H = (4/(d+2))^{2/(d+4)} n^{-2/(d+4)} Σ; a number h gives H = h² I.
/// At most <see cref="MaxSamples"/> samples (every evaluation sums over them). A relative file path is relative to the
/// scenario file's folder.
/// </summary>
internal static class SampleDensity
{
    /// <summary>Most samples a file may hold.</summary>
    public const int MaxSamples = 5000;

    public static (IDensity1D?, IDensity2D?) Read(JsonReader r, int dim)
    {
        string file = r.String("file");
        string path = r.ResolvePath(file);
        PointSet p;
        try { p = PointFile.Read(path, dim, r.P("file")); }
        catch (ArgumentException ex) { throw r.Error(r.P("file"), ex.Message.StartsWith(r.P("file") + ": ", StringComparison.Ordinal) ? ex.Message[(r.P("file").Length + 2)..] : ex.Message, ex); }
        int n = p.Count;
        if (n < 2) throw r.Error(r.P("file"), $"{p.Source}: {n} sample(s); at least 2 are needed for a bandwidth");
        if (n > MaxSamples) throw r.Error(r.P("file"), $"{p.Source}: {n} samples, at most {MaxSamples} (each is a mixture component): subsample the file");
        var bw = r.Raw("bandwidth");
        string rule = "scott";
        double? fixedH = null;
        if (bw is { } e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.String) rule = e.GetString()!;
            else fixedH = r.ToDouble(e, r.P("bandwidth"));
            if (fixedH is double h && !(h > 0 && double.IsFinite(h))) throw r.Error(r.P("bandwidth"), $"must be > 0 (got {h})");
            if (fixedH is null && rule is not ("scott" or "silverman")) throw r.Error(r.P("bandwidth"), $"unknown rule \"{rule}\" (expected scott, silverman or a number)");
            r.Store("bandwidth", fixedH is double v ? System.Text.Json.Nodes.JsonValue.Create(v)! : System.Text.Json.Nodes.JsonValue.Create(rule)!);
        }
        double factor = rule == "silverman" ? Math.Pow(4.0 / (dim + 2), 2.0 / (dim + 4)) * Math.Pow(n, -2.0 / (dim + 4)) : Math.Pow(n, -2.0 / (dim + 4));
        double mx = p.X.Average(), my = p.Y?.Average() ?? 0;
        double sxx = p.X.Sum(x => (x - mx) * (x - mx)) / (n - 1);
        double syy = p.Y?.Sum(y => (y - my) * (y - my)) / (n - 1) ?? 0;
        double sxy = p.Y is null ? 0 : p.X.Zip(p.Y, (x, y) => (x - mx) * (y - my)).Sum() / (n - 1);
        double hxx = fixedH is double f ? f * f : factor * sxx, hyy = fixedH is double g ? g * g : factor * syy, hxy = fixedH is null ? factor * sxy : 0;
        string desc = fixedH is null ? $"{rule}'s rule" : "the given bandwidth";
        if (dim == 1)
        {
            if (!(hxx > 0)) throw r.Error(r.P("file"), $"{p.Source}: the samples have no spread (variance {sxx:R}): give a bandwidth");
            r.Note(r.P("file"), $"{p.Source}: {n} samples, Gaussian kernel of variance {hxx:G6} ({desc})");
            double[] w = [.. Enumerable.Repeat(1.0 / n, n)];
            return (new GaussianMixture1D(w, p.X, [.. Enumerable.Repeat(hxx, n)]), null);
        }
        if (!(hxx > 0 && hyy > 0 && hxx * hyy - hxy * hxy > 0))
            throw r.Error(r.P("file"), $"{p.Source}: the samples' covariance is singular (they lie on a line): give a bandwidth");
        r.Note(r.P("file"), $"{p.Source}: {n} samples, Gaussian kernel of covariance [[{hxx:G6}, {hxy:G6}], [{hxy:G6}, {hyy:G6}]] ({desc})");
        IReadOnlyList<IReadOnlyList<double>> cov = [new[] { hxx, hxy }, new[] { hxy, hyy }];
        return (null, new GaussianMixture2D([.. Enumerable.Repeat(1.0 / n, n)],
            [.. Enumerable.Range(0, n).Select(i => (IReadOnlyList<double>)new[] { p.X[i], p.Y![i] })], [.. Enumerable.Range(0, n).Select(_ => cov)]));
    }
}
