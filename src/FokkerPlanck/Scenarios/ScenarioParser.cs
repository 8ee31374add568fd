using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// Parses scenario JSON (camelCase; format in the README). Strict: unknown fields, wrong types, missing required
/// fields and out-of-range values raise <see cref="ScenarioException"/> naming the source, JSON path and rule.
/// </summary>
public static class ScenarioParser
{
    /// <summary>Parses a scenario file.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The scenario.</returns>
    public static Scenario ParseFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, "$", $"cannot read the file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses scenario text.</summary>
    /// <param name="json">JSON text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <returns>The scenario.</returns>
    // Long by design: it reads the file's sections in their order (grid, time, process, initial, solver) with each check
    // inline, so that every message carries its JSON path; the kinds' own readers are in ProcessKinds and DensityKinds.
    public static Scenario Parse(string json, string source = "scenario")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ScenarioException(source, e.Path ?? "$", $"invalid JSON at line {(e.LineNumber ?? 0) + 1}: {FirstLine(e.Message)}", e);
        }
        using (doc)
        {
            var root = new JsonReader(source, "$", doc.RootElement);
            string name = root.String("name", "scenario");
            if (name.Length == 0) throw root.Error("$.name", "must not be empty");
            string description = root.String("description", "");

            var g = root.Object("grid");
            var lower = g.Numbers("lower");
            var upper = g.Numbers("upper");
            var cells = g.Integers("cells");
            int dim = lower.Length;
            if (dim is not (1 or 2)) throw g.Error(g.P("lower"), $"must have 1 or 2 entries (got {dim})");
            if (upper.Length != dim) throw g.Error(g.P("upper"), $"must have {dim} entries like lower (got {upper.Length})");
            if (cells.Length != dim) throw g.Error(g.P("cells"), $"must have {dim} entries like lower (got {cells.Length})");
            var sides = GridBoundaries.Read(g, dim);
            g.RejectUnknown();
            var axes = new Grid1D[dim];
            for (int d = 0; d < dim; d++)
            {
                int d1 = d;
                axes[d] = Wrap(g, $"{g.Path}", () => new Grid1D(lower[d1], upper[d1], cells[d1], sides[d1].Lower, sides[d1].Upper), p => p switch
                {
                    "lower" => $"lower[{d1}]",
                    "upper" => $"upper[{d1}]",
                    "cells" => $"cells[{d1}]",
                    _ => p,
                });
            }

            var grid2 = dim == 2 ? Wrap(g, g.Path, () => new Grid2D(axes[0], axes[1]), p => p) : null;

            var ti = root.Object("time");
            double start = ti.Number("start", 0.0);
            double end = ti.Number("end");
            if (!(end > start)) throw ti.Error(ti.P("end"), $"must be > time.start = {start:R} (got {end:R})");
            var times = SnapshotTimes.Read(ti, start, end);
            ti.RejectUnknown();

            var pr = root.Object("process");
            var process = ProcessKinds.Registry.Read(pr, dim);
            pr.RejectUnknown();
            // A schedule that is not finite over the scenario's times: a user's expressions are at fault (reported at the
            // process), a built-in schedule's range at the time that leaves it.
            if (process.TimeRangeProblem(start, end) is { } timeProblem)
                throw process.FromExpressions ? pr.Error(pr.Path, timeProblem)
                    : ti.Error(ti.P(process.TimeRangeProblem(start, start) is null ? "end" : "start"), timeProblem);
            // A process compiled from expressions must be finite on the grid: checked at its cell centres and faces (every
            // one up to 2048 cells per axis in 1D and 128 in 2D, evenly spaced ones beyond) and up to 33 snapshot times.
            if (process.GridProblem(Points(axes[0], dim == 2 ? 257 : 4097), dim == 2 ? Points(axes[1], 257) : null, Some(times)) is { } gridProblem)
                throw pr.Error(pr.Path, $"not finite on the grid: {gridProblem}");

            IDensity1D? init1; IDensity2D? init2;
            JsonReader? ini = null;
            if (process is FlowMatchingProcess fm)
            {
                if (root.Has("initial"))
                    throw root.Error("$.initial", "not allowed with process kind flow-matching: the path starts from its own marginal at time.start");
                if (start < 0 || end >= 1)
                    throw ti.Error(ti.P(end >= 1 ? "end" : "start"), $"the flow-matching path needs 0 ≤ time.start < time.end < 1 (got [{start:R}, {end:R}])");
                // A path from expressions: alpha finite and sigma > 0 (the velocity divides by it) at 4097 times over the run
                // (sigma changes sign where the path passes through sigma = 0; a variance that only touches 0 between two
                // of them is not seen here, and the solver stops on the velocity that is not finite there).
                for (int k = 0; k <= 4096; k++)
                {
                    double t = start + (end - start) * k / 4096.0, a = fm.Path.Path.Alpha(t), sg = fm.Path.Path.Sigma(t);
                    double u = fm.Path.Path.Velocity(t, 1.0, 0.5);
                    if (!double.IsFinite(a) || !(sg > 0) || !double.IsFinite(sg) || !double.IsFinite(u))
                        throw pr.Error(pr.Path, $"the path {fm.Path.Description} is not usable at t = {t:R}: alpha = {a:R}, sigma = {sg:R}, velocity coefficients {(double.IsFinite(u) ? "finite" : "not finite")} (sigma must stay > 0 and the derivatives finite over [time.start, time.end])");
                }
                init1 = fm.Path.Data1D is null ? null : fm.Path.Marginal1D(start);
                init2 = fm.Path.Data2D is null ? null : fm.Path.Marginal2D(start);
            }
            else
            {
                ini = root.Object("initial");
                (init1, init2) = DensityKinds.Read(ini, dim);
                ini.RejectUnknown();
                if (init1 is PointMasses1D && process is not LinearProcess)
                    throw ini.Error(ini.P("kind"), $"a point-mass start needs a process whose transition law is known in closed form (ou, vp, ve, sub-vp, " +
                        $"cosine, edm, affine); process '{process.Kind}' has none: start from a narrow gaussian-mixture instead");
                if (init1 is PointMasses1D && axes[0].Periodic)
                    throw ini.Error(ini.P("kind"), "a point-mass start on a periodic grid is not supported (its exact law would need the images of the Gaussian)");
                if (init1 is PointMasses1D pmi)
                    for (int k = 0; k < pmi.Points.Count; k++)
                        if (!(pmi.Points[k] > axes[0].Lower && pmi.Points[k] < axes[0].Upper))
                            throw ini.Error($"{ini.P("points")}[{k}]", $"must lie inside the grid ({axes[0].Lower:R}, {axes[0].Upper:R}) (got {pmi.Points[k]:R})");
            }

            var solver = root.Has("solver") ? ParseSolver(root.Object("solver"), out var solverNode) : Default(out solverNode);

            root.RejectUnknown("grid", "time", "initial", "process", "solver");

            // The shipped schema is the contract: the checks above give specific messages, this one guarantees that
            // nothing the schema forbids gets through (a test asserts it never fires on ≥ 1000 mutated scenarios).
            if (ScenarioSchema.Violations(doc.RootElement) is [var (vPath, vRule), ..]) throw root.Error(vPath, vRule);

            var ordered = new JsonObject
            {
                ["name"] = name,
                ["description"] = description,
                ["process"] = pr.Resolved,
                ["grid"] = g.Resolved,
                ["time"] = ti.Resolved,
                ["solver"] = solverNode,
            };
            if (ini is not null) ordered.Insert(3, "initial", ini.Resolved);
            return new Scenario(name, process, init1, init2, dim == 1 ? axes[0] : null, dim == 2 ? grid2 : null,
                times, solver, ordered) { Description = description, Source = source, Notes = root.Notes };
        }
    }

    private static SolverOptions ParseSolver(JsonReader r, out JsonObject node)
    {
        var d = new SolverOptions();
        string scheme = r.String("scheme", "implicit");
        var ts = scheme switch
        {
            "implicit" => TimeScheme.Implicit,
            "explicit" => TimeScheme.Explicit,
            _ => throw r.Error(r.P("scheme"), $"must be implicit or explicit (got \"{scheme}\")"),
        };
        var o = new SolverOptions
        {
            Scheme = ts,
            Tolerance = r.Number("tolerance", d.Tolerance),
            FixedStep = r.OptionalNumber("fixedStep"),
            Cfl = r.Number("cfl", d.Cfl),
            StartupSteps = r.Integer("startupSteps", d.StartupSteps),
            MaxStep = r.OptionalNumber("maxStep") ?? d.MaxStep,
            Extrapolate = r.Boolean("extrapolate", d.Extrapolate),
        };
        r.RejectUnknown();
        Wrap(r, r.Path, () => { o.Validate(); return 0; }, p => char.ToLowerInvariant(p[0]) + p[1..]);
        node = r.Resolved;
        return o;
    }

    private static SolverOptions Default(out JsonObject node)
    {
        var d = new SolverOptions();
        node = new JsonObject { ["scheme"] = "implicit", ["tolerance"] = d.Tolerance, ["cfl"] = d.Cfl, ["startupSteps"] = d.StartupSteps, ["extrapolate"] = d.Extrapolate };
        return d;
    }

    // Runs a model constructor and turns its ArgumentException into a ScenarioException at path/param.
    internal static T Wrap<T>(JsonReader r, string basePath, Func<T> make, Func<string, string> mapParam)
    {
        try { return make(); }
        catch (ArgumentException e) when (e is not ScenarioException)
        {
            string param = e.ParamName is { Length: > 0 } p ? mapParam(p) : "";
            string rule = FirstLine(e.Message);
            int cut = rule.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (cut >= 0) rule = rule[..cut];
            string path = param.Length > 0 ? $"{basePath}.{param}" : basePath;
            // Messages from the model start with the parameter name; keep the rule itself.
            string leaf = param.Contains('[') ? param[..param.IndexOf('[')] : param;
            if (leaf.Length > 0 && rule.StartsWith(leaf, StringComparison.Ordinal))
            {
                string rest = rule[leaf.Length..];
                int sp = rest.IndexOf(' ');
                if (rest.StartsWith('[') && sp > 0) rest = rest[sp..];
                rule = rest.TrimStart();
            }
            throw r.Error(path, rule, e);
        }
    }

    private static string FirstLine(string s)
    {
        int n = s.IndexOfAny(['\r', '\n']);
        return n < 0 ? s : s[..n];
    }

    // The cell centres and faces of one axis, at most `most` of them (evenly spaced, ends included), so that the check of
    // an expression's values costs little on any grid (a 2D grid: 257 per axis; 1D: 4097).
    private static double[] Points(Grids.Grid1D g, int most)
    {
        long n = 2L * g.Cells + 1;
        int m = (int)Math.Min(n, most);
        var p = new double[m];
        for (int i = 0; i < m; i++)
        {
            long k = m == n ? i : (long)Math.Round((double)i * (n - 1) / (m - 1));
            p[i] = g.Lower + 0.5 * k * (g.Upper - g.Lower) / g.Cells;
        }
        return p;
    }

    // The snapshot times, at most 33 of them (first and last included).
    private static double[] Some(double[] times) =>
        times.Length <= 33 ? times : [.. Enumerable.Range(0, 33).Select(i => times[(int)Math.Round(i * (times.Length - 1) / 32.0)])];
}
