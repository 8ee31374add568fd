using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Learned;

/// <summary>The judgement as report.json (every number, round-trip formatted) and report.md (the same for people).</summary>
public static class JudgeReport
{
    /// <summary>The JSON report.</summary>
    /// <param name="r">The result.</param>
    /// <param name="scenarioJson">The resolved scenario.</param>
    /// <returns>Indented JSON.</returns>
    public static string Json(JudgeResult r, string scenarioJson)
    {
        ArgumentNullException.ThrowIfNull(r);
        static JsonArray A(IEnumerable<double> v) => new(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
        static JsonObject Law(SamplerLaw l) => new()
        {
            ["sampler"] = l.Name, ["equation"] = l.Equation, ["kullbackLeibler"] = l.KullbackLeibler, ["totalVariation"] = l.TotalVariation,
            ["wasserstein1"] = l.Wasserstein1, ["mass"] = l.Mass, ["errorEstimate"] = l.ErrorEstimate, ["steps"] = l.Steps,
        };
        var o = new JsonObject
        {
            ["model"] = r.Model, ["scenario"] = JsonNode.Parse(scenarioJson), ["tMin"] = r.TMin, ["tEnd"] = r.End,
            ["kind"] = r.FlowMatching ? "flow-matching velocity" : "diffusion",
            ["scoreError"] = r.FlowMatching ? null : new JsonObject
            {
                ["times"] = A(r.Times), ["gSquared"] = A(r.GSquared), ["meanSquaredError"] = A(r.ScoreError), ["meanSquaredScore"] = A(r.ScoreNorm),
                ["weightedIntegral"] = r.WeightedError,
                ["definition"] = "E_{p_t}|s_theta - grad log p_t|^2 by midpoint quadrature over the grid cells (exact cell averages, exact score at the centres); " +
                    "weightedIntegral = 1/2 int g^2 E|...|^2 dt over [tMin, tEnd] (Simpson), the Girsanov bound on KL(p || p_hat) of the reverse SDE started from the exact p_T",
            },
            ["velocityError"] = r.VelocityError is { } ve ? new JsonObject
            {
                ["times"] = A(r.Times), ["meanSquaredError"] = A(ve),
                ["meanSquaredVelocity"] = r.FlowMatching ? A(r.ScoreNorm) : null, ["integral"] = r.FlowMatching ? r.WeightedError : null,
                ["definition"] = "E_{p_t}|v_theta - v_t|^2 with v_t = f - D grad log p_t the exact marginal velocity (the excess flow-matching loss), midpoint quadrature over the cells",
            } : null,
            ["reverseSde"] = r.ReverseSde is null ? null : Law(r.ReverseSde), [r.FlowMatching ? "flow" : "probabilityFlow"] = Law(r.ProbabilityFlow),
            ["particles"] = new JsonObject
            {
                ["fwer"] = r.Fwer,
                ["checks"] = new JsonArray(r.Particles.Select(c => (JsonNode)new JsonObject
                {
                    ["sampler"] = c.Sampler, ["integrator"] = c.Integrator, ["particles"] = c.Particles, ["steps"] = c.Steps, ["reference"] = c.Reference == "p" ? "p" : "p_hat",
                    ["statistic"] = c.Statistic, ["distance"] = c.Distance, ["pValue"] = c.PValue, ["rejected"] = c.Rejected,
                }).ToArray()),
            },
            ["modelEvaluations"] = r.Evaluations,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The Markdown report.</summary>
    /// <param name="r">The result.</param>
    /// <param name="figures">Figure files beside the report, to link.</param>
    /// <returns>Markdown.</returns>
    public static string Markdown(JudgeResult r, IEnumerable<string> figures)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(figures);
        var b = new StringBuilder();
        b.AppendLine($"# Judgement of {r.Model}").AppendLine();
        if (r.FlowMatching) FlowHeader(b, r);
        else ScoreHeader(b, r);
        b.AppendLine().AppendLine(r.FlowMatching ? $"## The learned flow's exact law at t = {G(r.End)}" : "## The learned samplers' exact laws at t_min").AppendLine();
        b.AppendLine("| sampler | KL(p ‖ p̂) | TV | W1 | mass of p̂ | solve's own error estimate (L1) | how |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var l in r.Laws)
            b.AppendLine($"| {l.Name} | {E(l.KullbackLeibler)} | {E(l.TotalVariation)} | {(l.Wasserstein1 is { } w ? E(w) : "—")} | {G(l.Mass)} | {E(l.ErrorEstimate)} | {l.Equation} |");
        b.AppendLine().AppendLine("TV and KL below the solve's estimate are at the solve's accuracy, not the model's. The flow-map estimate covers its " +
            "time steps (and in 2D its velocity table and lattice rules); the model's float32 round-off (about 1e-7 relative) is not in it.").AppendLine();
        if (r.Particles.Count > 0)
        {
            b.AppendLine("## Particles of the learned samplers").AppendLine();
            b.AppendLine((r.FlowMatching ? $"From exact samples of p at t = {G(r.TMin)}, moved by the model itself at every stage; " : "From exact samples of p_T, with the model tabulated on the grid; ") +
                "each end sample tested against p and against p̂; " +
                $"all {r.Particles.Count} checks together at FWER {G(r.Fwer)} (Bonferroni). Rejected against p but not against p̂: the model moved the samples; " +
                "rejected against p̂ too: the integrator's steps or the tabulation did.").AppendLine();
            b.AppendLine("| sampler | integrator | particles | steps | against | statistic | distance | p-value | verdict |").AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var c in r.Particles)
                b.AppendLine($"| {c.Sampler} | {c.Integrator} | {c.Particles} | {c.Steps} | {c.Reference} | {c.Statistic} | {c.Distance:F4} | {E(c.PValue)} | {(c.Rejected ? "rejected" : "not rejected")} |");
            b.AppendLine();
        }
        var figs = figures.ToArray();
        if (figs.Length > 0)
        {
            b.AppendLine("## Figures").AppendLine();
            foreach (var f in figs) b.AppendLine($"![{Path.GetFileNameWithoutExtension(f)}]({f})").AppendLine();
        }
        b.AppendLine($"{r.Evaluations} batched model evaluations.");
        return b.ToString();
    }

    private static void ScoreHeader(StringBuilder b, JudgeResult r)
    {
        b.AppendLine($"Scenario `{r.Scenario}`, samplers run from t = {G(r.End)} down to t_min = {G(r.TMin)}; everything below is against the exact marginals.").AppendLine();
        b.AppendLine("## Score error").AppendLine();
        b.AppendLine($"½ ∫ g(t)² E_(p_t) |s_θ − ∇log p_t|² dt = **{E(r.WeightedError)}** over [{G(r.TMin)}, {G(r.End)}]: the bound on KL(p_(t_min) ‖ p̂_(t_min)) " +
            "of the learned reverse SDE started from the exact p_T (Girsanov; the score-matching bound).").AppendLine();
        var ve = r.VelocityError;
        if (ve is not null)
            b.AppendLine("The model outputs a velocity: E\\|v_θ − v\\|² is its excess flow-matching loss against the exact marginal velocity v = f − D∇log p.").AppendLine();
        b.AppendLine("| t | g² | E\\|s_θ − ∇log p\\|² | E\\|∇log p\\|² | relative |" + (ve is null ? "" : " E\\|v_θ − v\\|² |"))
            .AppendLine("| --- | --- | --- | --- | --- |" + (ve is null ? "" : " --- |"));
        int step = Math.Max(1, (r.Times.Length - 1) / 10);
        for (int k = 0; k < r.Times.Length; k += step)
            b.AppendLine($"| {G(r.Times[k])} | {G(r.GSquared[k])} | {E(r.ScoreError[k])} | {E(r.ScoreNorm[k])} | {E(r.ScoreError[k] / r.ScoreNorm[k])} |" +
                (ve is null ? "" : $" {E(ve[k])} |"));
    }

    private static void FlowHeader(StringBuilder b, JudgeResult r)
    {
        b.AppendLine($"Scenario `{r.Scenario}` (a flow-matching path), the learned flow run from t = {G(r.TMin)} (noise) to t = {G(r.End)}; everything below is against the exact marginals.").AppendLine();
        b.AppendLine("## Velocity error").AppendLine();
        b.AppendLine($"∫ E_(p_t) |v_θ − u_t|² dt = **{E(r.WeightedError)}** over [{G(r.TMin)}, {G(r.End)}]: the excess flow-matching loss, the part of the " +
            "conditional flow-matching loss the model can still remove (u_t the exact marginal velocity). There is no reverse SDE: the path has no diffusion.").AppendLine();
        b.AppendLine("| t | E\\|v_θ − u\\|² | E\\|u\\|² | relative |").AppendLine("| --- | --- | --- | --- |");
        int step = Math.Max(1, (r.Times.Length - 1) / 10);
        for (int k = 0; k < r.Times.Length; k += step)
            b.AppendLine($"| {G(r.Times[k])} | {E(r.ScoreError[k])} | {E(r.ScoreNorm[k])} | {E(r.ScoreError[k] / r.ScoreNorm[k])} |");
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);
}
