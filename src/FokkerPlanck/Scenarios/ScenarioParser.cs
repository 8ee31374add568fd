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
            string boundaryText = g.String("boundary", "reflecting");
            var boundary = boundaryText switch
            {
                "reflecting" => Boundary.Reflecting,
                "periodic" => Boundary.Periodic,
                "absorbing" => Boundary.Absorbing,
                _ => throw g.Error(g.P("boundary"), $"must be reflecting, periodic or absorbing (got \"{boundaryText}\")"),
            };
            g.RejectUnknown();
            var axes = new Grid1D[dim];
            for (int d = 0; d < dim; d++)
            {
                int d1 = d;
                axes[d] = Wrap(g, $"{g.Path}", () => new Grid1D(lower[d1], upper[d1], cells[d1], boundary), p => p switch
                {
                    "lower" => $"lower[{d1}]",
                    "upper" => $"upper[{d1}]",
                    "cells" => $"cells[{d1}]",
                    _ => p,
                });
            }

            var ti = root.Object("time");
            double start = ti.Number("start", 0.0);
            double end = ti.Number("end");
            if (!(end > start)) throw ti.Error(ti.P("end"), $"must be > time.start = {start:R} (got {end:R})");
            var times = SnapshotTimes.Read(ti, start, end);
            ti.RejectUnknown();

            var pr = root.Object("process");
            var process = ParseProcess(pr, dim);
            pr.RejectUnknown();

            IDensity1D? init1; IDensity2D? init2;
            JsonReader? ini = null;
            if (process is FlowMatchingProcess fm)
            {
                if (root.Has("initial"))
                    throw root.Error("$.initial", "not allowed with process kind flow-matching: the path starts from its own marginal at time.start");
                if (start < 0 || end >= 1)
                    throw ti.Error(ti.P(end >= 1 ? "end" : "start"), $"the flow-matching path needs 0 ≤ time.start < time.end < 1 (got [{start:R}, {end:R}])");
                init1 = fm.Path.Data1D is null ? null : fm.Path.Marginal1D(start);
                init2 = fm.Path.Data2D is null ? null : fm.Path.Marginal2D(start);
            }
            else
            {
                ini = root.Object("initial");
                (init1, init2) = ParseDensity(ini, dim);
                ini.RejectUnknown();
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
            return new Scenario(name, process, init1, init2, dim == 1 ? axes[0] : null, dim == 2 ? new Grid2D(axes[0], axes[1]) : null,
                times, solver, ordered) { Description = description, Source = source };
        }
    }

    /// <summary>Parses a density object ("initial", or a Langevin "target").</summary>
    private static (IDensity1D?, IDensity2D?) ParseDensity(JsonReader r, int dim)
    {
        string kind = r.String("kind");
        switch (kind)
        {
            case "gaussian-mixture":
            {
                var w = r.Numbers("weights");
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
                    return (Wrap(r, r.Path, () => new GaussianMixture1D(w, means.Select(m => m[0]).ToArray(), covs.Select(c => c[0][0]).ToArray()),
                        p => p.Replace("variances", "covariances")), null);
                }
                return (null, Wrap(r, r.Path, () => new GaussianMixture2D(w,
                    means.Select(m => (IReadOnlyList<double>)m).ToArray(),
                    covs.Select(c => (IReadOnlyList<IReadOnlyList<double>>)c.Select(row => (IReadOnlyList<double>)row).ToArray()).ToArray()), p => p));
            }
            case "laplace-mixture":
            {
                if (dim != 1) throw r.Error(r.P("kind"), "laplace-mixture is 1D only, but the grid is 2D");
                var w = r.Numbers("weights");
                var loc = r.Numbers("locations");
                var sc = r.Numbers("scales");
                return (Wrap(r, r.Path, () => new LaplaceMixture1D(w, loc, sc), p => p), null);
            }
            case "funnel":
            {
                if (dim != 2) throw r.Error(r.P("kind"), "funnel is 2D only, but the grid is 1D");
                double sv = r.Number("sigmaV", 3.0), a = r.Number("a", 1.0), b = r.Number("b", 0.5);
                return (null, Wrap(r, r.Path, () => new Funnel2D(sv, a, b), p => p));
            }
            default:
                throw r.Error(r.P("kind"), $"unknown density kind \"{kind}\" (expected gaussian-mixture, laplace-mixture or funnel)");
        }
    }

    private static Process ParseProcess(JsonReader r, int dim)
    {
        string kind = r.String("kind");
        switch (kind)
        {
            case "ou":
            {
                double theta = r.Number("theta", 1.0), sigma = r.Number("sigma", Math.Sqrt(2.0));
                return Wrap(r, r.Path, () => new OuProcess(theta, sigma), p => p);
            }
            case "vp":
            {
                double bmin = r.Number("betaMin", 0.1), bmax = r.Number("betaMax", 20.0);
                return Wrap(r, r.Path, () => new VpProcess(bmin, bmax), p => p);
            }
            case "ve":
            {
                double smin = r.Number("sigmaMin", 0.01), smax = r.Number("sigmaMax", 5.0);
                return Wrap(r, r.Path, () => new VeProcess(smin, smax), p => p);
            }
            case "langevin":
            {
                double sigma = r.Number("sigma", Math.Sqrt(2.0));
                var t = r.Object("target");
                var (t1, t2) = ParseDensity(t, dim);
                t.RejectUnknown();
                r.Store("target", t.Resolved);
                return Wrap(r, r.Path, () => t1 is not null ? new LangevinProcess(t1, sigma) : new LangevinProcess(t2!, sigma), p => p);
            }
            case "flow-matching":
            {
                var dr = r.Object("data");
                var (d1, d2) = ParseDensity(dr, dim);
                dr.RejectUnknown();
                r.Store("data", dr.Resolved);
                if (d1 is GaussianMixture1D g1) return new FlowMatchingProcess(new FlowMatchingPath(g1));
                if (d2 is GaussianMixture2D g2) return new FlowMatchingProcess(new FlowMatchingPath(g2));
                throw r.Error(dr.P("kind"), "flow-matching data must be a gaussian-mixture");
            }
            default:
                throw r.Error(r.P("kind"), $"unknown process kind \"{kind}\" (expected ou, vp, ve, langevin or flow-matching)");
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
    private static T Wrap<T>(JsonReader r, string basePath, Func<T> make, Func<string, string> mapParam)
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
}
