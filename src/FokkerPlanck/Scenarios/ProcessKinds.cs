using FokkerPlanck.Model;

namespace FokkerPlanck.Scenarios;

/// <summary>The process kinds a scenario file may name. A new process: its class (with its face-drift functor, or for a
/// linear process its schedule struct) in one file, and its entry in the list below with its rules in the shipped schema
/// (or <see cref="KindRegistry{T}.Register"/> with its schema rules from a friend assembly).</summary>
internal static class ProcessKinds
{
    /// <summary>The registry.</summary>
    public static KindRegistry<Process> Registry { get; } = new("process",
    [
        new("ou", (r, _) =>
        {
            double theta = r.Number("theta", 1.0), sigma = r.Number("sigma", Math.Sqrt(2.0));
            return ScenarioParser.Wrap(r, r.Path, () => new OuProcess(theta, sigma), p => p);
        }),
        new("vp", (r, _) =>
        {
            double bmin = r.Number("betaMin", 0.1), bmax = r.Number("betaMax", 20.0);
            return ScenarioParser.Wrap(r, r.Path, () => new VpProcess(bmin, bmax), p => p);
        }),
        new("ve", (r, _) =>
        {
            double smin = r.Number("sigmaMin", 0.01), smax = r.Number("sigmaMax", 5.0);
            return ScenarioParser.Wrap(r, r.Path, () => new VeProcess(smin, smax), p => p);
        }),
        new("sub-vp", (r, _) =>
        {
            double bmin = r.Number("betaMin", 0.1), bmax = r.Number("betaMax", 20.0);
            return ScenarioParser.Wrap(r, r.Path, () => new SubVpProcess(bmin, bmax), p => p);
        }),
        new("cosine", (r, _) =>
        {
            double s = r.Number("s", 0.008);
            return ScenarioParser.Wrap(r, r.Path, () => new CosineProcess(s), p => p);
        }),
        new("edm", (r, _) => new EdmProcess()),
        new("affine", (r, _) => ReadAffine(r)),
        new("sde", ReadSde),
        new("langevin", (r, dim) =>
        {
            double sigma = r.Number("sigma", Math.Sqrt(2.0));
            var t = r.Object("target");
            var (t1, t2) = DensityKinds.Read(t, dim);
            t.RejectUnknown();
            r.Store("target", t.Resolved);
            return ScenarioParser.Wrap(r, r.Path, () => t1 is not null ? new LangevinProcess(t1, sigma) : new LangevinProcess(t2!, sigma), p => p);
        }),
        new("flow-matching", (r, dim) =>
        {
            var dr = r.Object("data");
            var (d1, d2) = DensityKinds.Read(dr, dim);
            dr.RejectUnknown();
            r.Store("data", dr.Resolved);
            var (path, description) = ReadFlowPath(r);
            if (d1 is GaussianMixture1D g1) return new FlowMatchingProcess(new FlowMatchingPath(g1, path, description));
            if (d2 is GaussianMixture2D g2) return new FlowMatchingProcess(new FlowMatchingPath(g2, path, description));
            throw r.Error(dr.P("kind"), "flow-matching data must be a gaussian-mixture");
        }),
    ]);

    // "affine": alpha(t) and exactly one of sigma(t) / variance(t), as expressions over t and the optional parameters.
    private static Process ReadAffine(JsonReader r)
    {
        var parameters = ReadParameters(r);
        string alpha = r.String("alpha");
        bool hasSigma = r.Has("sigma"), hasVariance = r.Has("variance");
        if (hasSigma == hasVariance)
            throw r.Error(r.P(hasSigma ? "variance" : "sigma"), hasSigma ? "give sigma or variance, not both" : "required: sigma or variance");
        string spreadName = hasSigma ? "sigma" : "variance";
        string spread = r.String(spreadName);
        try { return Expressions.ScheduleCompiler.Affine(alpha, spread, hasVariance, parameters); }
        catch (Expressions.ExpressionException e)
        {
            throw r.Error(e.Which is null ? r.Path : r.P(e.Which), "expression " + e.Message, e);
        }
    }

    // A flow-matching path's optional alpha and sigma / variance (expressions in t; absent: the rectified path t, 1 - t).
    private static (Kernels.IFlowPath? Path, string? Description) ReadFlowPath(JsonReader r)
    {
        bool hasAlpha = r.Has("alpha"), hasSigma = r.Has("sigma"), hasVariance = r.Has("variance");
        var parameters = ReadParameters(r);
        if (!hasAlpha && !hasSigma && !hasVariance)
        {
            if (parameters.Count > 0) throw r.Error(r.P("parameters"), "parameters go with a path given by alpha and sigma or variance");
            return (null, null);
        }
        if (!hasAlpha) throw r.Error(r.P("alpha"), "required with sigma or variance (the path is X_t = alpha(t) Z + sigma(t) noise)");
        if (hasSigma == hasVariance)
            throw r.Error(r.P(hasSigma ? "variance" : "sigma"), hasSigma ? "give sigma or variance, not both" : "required with alpha: sigma or variance");
        string alpha = r.String("alpha"), spreadName = hasSigma ? "sigma" : "variance", spread = r.String(spreadName);
        try { return (Expressions.ScheduleCompiler.FlowPath(alpha, spread, hasVariance, parameters), $"alpha = {alpha}, {spreadName} = {spread}"); }
        catch (Expressions.ExpressionException e)
        {
            throw r.Error(e.Which is null ? r.Path : r.P(e.Which), "expression " + e.Message, e);
        }
    }

    // "sde": drift (an expression in 1D, a list of two in 2D, over x, y, t and the parameters) and g (an expression in t)
    // or diffusion (D, an expression over x, y, t: Itô, dX = f dt + sqrt(2 D) dW).
    private static Process ReadSde(JsonReader r, int dim)
    {
        var parameters = ReadParameters(r);
        if (r.Has("potential")) return ReadPotential(r, dim, parameters);
        if (r.Has("temperature")) throw r.Error(r.P("temperature"), "a temperature goes with a potential (\"potential\": U); with a drift give g or diffusion");
        var raw = r.Raw("drift") ?? throw r.Error(r.P("drift"), "required field is missing");
        string[] drift;
        if (raw.ValueKind == System.Text.Json.JsonValueKind.String) drift = [raw.GetString()!];
        else if (raw.ValueKind == System.Text.Json.JsonValueKind.Array && raw.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String))
            drift = raw.EnumerateArray().Select(e => e.GetString()!).ToArray();
        else throw r.Error(r.P("drift"), $"must be an expression (1D) or a list of {dim} expressions (got {JsonReader.Kind(raw)})");
        if (drift.Length != dim)
            throw r.Error(r.P("drift"), dim == 1 ? $"the grid is 1D: give one drift expression (got {drift.Length})" : $"the grid is 2D: give two drift expressions, f_x and f_y (got {drift.Length})");
        r.Store("drift", raw.ValueKind == System.Text.Json.JsonValueKind.String ? System.Text.Json.Nodes.JsonValue.Create(drift[0])! : new System.Text.Json.Nodes.JsonArray([.. drift.Select(d => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(d))]));
        bool hasG = r.Has("g"), hasD = r.Has("diffusion");
        if (hasG == hasD)
            throw r.Error(r.P(hasG ? "diffusion" : "g"), hasG ? "give g (noise g(t)) or diffusion (D(x, t)), not both" : "required: g (noise g(t)) or diffusion (D(x, t))");
        string? g = hasG ? r.String("g") : null, diffusion = hasD ? r.String("diffusion") : null;
        try { return Expressions.SdeCompiler.Sde(drift, g, parameters, diffusion); }
        catch (Expressions.ExpressionException e)
        {
            string path = e.Which switch
            {
                null => r.Path,
                "g" => r.P("g"),
                "diffusion" => r.P("diffusion"),
                _ => raw.ValueKind == System.Text.Json.JsonValueKind.String ? r.P("drift") : $"{r.Path}.{e.Which}",
            };
            throw r.Error(path, "expression " + e.Message, e);
        }
    }

    // "sde" by a potential: U (an expression over x, t; x, y, t in 2D) and a temperature (a number, or an expression in t).
    private static Process ReadPotential(JsonReader r, int dim, Dictionary<string, double> parameters)
    {
        foreach (string other in new[] { "drift", "g", "diffusion" })
            if (r.Has(other)) throw r.Error(r.P(other), $"not with a potential: its drift is -grad U and its noise sqrt(2 T)");
        string u = r.String("potential");
        var raw = r.Raw("temperature") ?? throw r.Error(r.P("temperature"), "required with a potential (the noise is sqrt(2 T))");
        string temperature = raw.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Number => raw.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonValueKind.String => raw.GetString()!,
            _ => throw r.Error(r.P("temperature"), $"must be a number or an expression in t (got {JsonReader.Kind(raw)})"),
        };
        r.Store("temperature", raw.ValueKind == System.Text.Json.JsonValueKind.Number
            ? System.Text.Json.Nodes.JsonValue.Create(raw.GetDouble()) : System.Text.Json.Nodes.JsonValue.Create(temperature));
        try { return Expressions.SdeCompiler.Potential(u, temperature, dim, parameters); }
        catch (Expressions.ExpressionException e)
        {
            throw r.Error(e.Which is null ? r.Path : r.P(e.Which), "expression " + e.Message, e);
        }
    }

    /// <summary>The optional "parameters" object: names (identifiers, not a variable, function or constant) to numbers.</summary>
    internal static Dictionary<string, double> ReadParameters(JsonReader r)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (r.Raw("parameters") is not { } e) return result;
        string path = r.P("parameters");
        if (e.ValueKind != System.Text.Json.JsonValueKind.Object) throw r.Error(path, $"must be an object of named numbers (got {JsonReader.Kind(e)})");
        var resolved = new System.Text.Json.Nodes.JsonObject();
        foreach (var p in e.EnumerateObject())
        {
            string name = p.Name, at = $"{path}.{name}";
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw r.Error(at, "a parameter name must be letters, digits and _ (not starting with a digit)");
            if (name is "t" or "x" or "y" || Expressions.MathWhitelist.Functions.ContainsKey(name) || Expressions.MathWhitelist.Constants.ContainsKey(name))
                throw r.Error(at, $"'{name}' is already a variable, function or constant");
            double v = r.ToDouble(p.Value, at);
            result[name] = v;
            resolved[name] = v;
        }
        r.Store("parameters", resolved);
        return result;
    }
}
