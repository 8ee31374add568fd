using System.CommandLine;
using System.Globalization;
using FokkerPlanck.Learned;

namespace FokkerPlanck.Cli;

/// <summary>'judge': the exact errors of a trained score model and the exact laws of its samplers.</summary>
internal static class JudgeCommand
{
    public static Command Create(CancellationToken cancel)
    {
        var scenario = CliApp.ScenarioArgument();
        var common = new CommonOptions("judge", seed: true, format: false);
        var model = new Option<string>("--model", "-m")
        {
            Description = "The trained model: an ONNX file (float32; positions [N, d] and a time [N] or [N, 1] in, [N, d] out), or a table of its " +
                "field on a grid (.h5: datasets t, x[, y], field and a parametrisation attribute; see the README)",
            Required = true,
        };
        var par = new Option<string>("--parametrisation")
        {
            Description = "What the model outputs: score (s), noise (ε, s = −ε/σ), denoiser (E[x0|x], s = (α D − x)/σ²), velocity (PF velocity f − D s)",
            DefaultValueFactory = _ => "score",
        }.AcceptOnlyFromAmong("score", "noise", "denoiser", "velocity");
        var input = new Option<string?>("--input") { Description = "Name of the position input (default: found from the model)" };
        var timeInput = new Option<string?>("--time-input") { Description = "Name of the time input (default: found from the model)" };
        var output = new Option<string?>("--output") { Description = "Name of the output (default: the model's only output)" };
        var convention = new Option<string>("--time-convention")
        {
            Description = "What the time input is: t (process time), sigma (σ(t) of x_t = α x0 + σ ε), log-sigma", DefaultValueFactory = _ => "t",
        }.AcceptOnlyFromAmong("t", "sigma", "log-sigma");
        var sigmaData = new Option<double?>("--sigma-data") { Description = "Scale the positions by EDM's c_in = 1/√(σ² + σ_data²) before the model" };
        var tMin = new Option<double?>("--t-min") { Description = "Where the samplers stop (default time.start); noise and denoiser models need σ(t_min) > 0" };
        var times = new Option<int>("--times") { Description = "Times of the score error over [t_min, time.end] (odd: Simpson)", DefaultValueFactory = _ => 61, CustomParser = WholeNumbers.Int("--times", 3) };
        var particles = new Option<int>("--particles") { Description = "Particles per particle check (0: none)", DefaultValueFactory = _ => 20_000, CustomParser = WholeNumbers.Int("--particles", 0) };
        var steps = new Option<int>("--steps") { Description = "Time steps of each particle run", DefaultValueFactory = _ => 400, CustomParser = WholeNumbers.Int("--steps", 1) };
        var provider = new Option<string>("--provider")
        {
            Description = "Where ONNX Runtime runs the model: auto (CUDA when this build has it and a GPU answers, else the CPU), cpu, cuda " +
                "(an error when not available; the default build carries the CPU package, -p:OnnxRuntimeGpu=true the CUDA one)",
            DefaultValueFactory = _ => "auto",
        }.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var cmd = new Command("judge", "Judge a trained score model against the exact marginals of the scenario it was trained for: the weighted score " +
            "error E|s_θ − ∇log p_t|² per t and ½∫g²E|…|²dt (the KL bound), and the exact laws at t_min of its reverse SDE (reverse-time Fokker–Planck " +
            "on the grid) and PF-ODE (its flow map: 1D characteristics through the exact CDF, 2D p_T(Φ)|det DΦ|) from the exact p_T, with KL, TV and W1 (1D) against the true " +
            "marginal. Writes DIR/report.md, DIR/report.json and figures. Needs a process of the affine family and data with exact marginals.")
        {
            scenario, model, par, input, timeInput, output, convention, sigmaData, tMin, times, particles, steps, provider,
        };
        common.AddTo(cmd);
        cmd.SetAction(pr => Run(pr.GetValue(scenario), pr.GetValue(model)!, pr.GetValue(par)!, new NetworkInputs(pr.GetValue(input), pr.GetValue(timeInput),
            pr.GetValue(output), pr.GetValue(convention) switch { "sigma" => TimeConvention.Sigma, "log-sigma" => TimeConvention.LogSigma, _ => TimeConvention.Time },
            pr.GetValue(sigmaData)), new JudgeOptions { TMin = pr.GetValue(tMin), Times = pr.GetValue(times), Particles = pr.GetValue(particles), ParticleSteps = pr.GetValue(steps) },
            pr.GetValue(provider) switch { "cpu" => ExecutionProvider.Cpu, "cuda" => ExecutionProvider.Cuda, _ => ExecutionProvider.Auto },
            common.Read(pr), cancel));
        return cmd;
    }

    private static int Run(string? scenarioArg, string modelPath, string par, NetworkInputs inputs, JudgeOptions asked, ExecutionProvider provider,
        Common c, CancellationToken cancel)
    {
        var sc = CliApp.LoadScenario(scenarioArg);
        var p = par switch { "noise" => Parametrisation.Noise, "denoiser" => Parametrisation.Denoiser, "velocity" => Parametrisation.Velocity, _ => Parametrisation.Score };
        if (inputs.SigmaData is { } sd && !(sd > 0)) throw new ArgumentOutOfRangeException("sigma-data", sd, $"--sigma-data must be > 0 (got {sd})");
        var o = c.Output;
        bool table = Path.GetExtension(modelPath).ToLowerInvariant() is ".h5" or ".hdf5";
        using ILearnedField field = table ? new TableField(modelPath, sc.Dimension) : new OnnxField(modelPath, sc.Dimension, p, inputs, LearnedScore.SigmaOf(sc.Process), provider);
        if (table && field.Parametrisation != p && par != "score")
            throw new ArgumentException($"--parametrisation {par} does not match the table's own '{ParametrisationNames.Of(field.Parametrisation)}' (a table states its parametrisation)", "parametrisation");
        var learned = new LearnedScore(field, sc.Process);
        var options = asked with { Seed = c.Seed, Cancellation = cancel, Progress = c.Quiet ? null : line => o.WriteLine($"  {line}") };
        options.Validate();
        if (c.DryRun)
        {
            o.WriteLine($"dry run: {field.Description} against scenario {sc.Name} ({sc.Dimension}D {sc.Process.Kind}); nothing computed or written");
            return ExitCodes.Ok;
        }
        if (!c.Quiet) o.WriteLine($"judging {field.Description} against scenario {sc.Name} ({sc.Dimension}D {sc.Process.Kind})");
        using var backend = c.Backends().Create();
        var r = ScoreJudge.Run(sc, learned, options, backend);
        cancel.ThrowIfCancellationRequested();
        Directory.CreateDirectory(c.OutDir);
        var figures = new List<string> { Figures.JudgeFigures.ScoreError(c.OutDir, r.Times, r.ScoreError, r.ScoreNorm, r.FlowMatching) };
        var laws = r.Laws.Select(l => (l.Name, l.Density)).ToArray();
        string at = r.FlowMatching ? $"t = {r.End.ToString("G6", CultureInfo.InvariantCulture)}" : "t_min";
        if (sc.Grid1D is { } g)
        {
            var x = g.Centers();
            if (r.ErrorMap is { } map) figures.Add(Figures.JudgeFigures.ErrorMap1D(c.OutDir, x, map.Times, map.Density, r.FlowMatching));
            figures.Add(Figures.JudgeFigures.Densities1D(c.OutDir, x, r.TrueDensity, laws, at));
        }
        else
        {
            var g2 = sc.Grid2D!;
            var bounds = (g2.X.Center(0), g2.X.Center(g2.X.Cells - 1), g2.Y.Center(0), g2.Y.Center(g2.Y.Cells - 1));
            if (r.ErrorMap is { } map) figures.Add(Figures.JudgeFigures.ErrorMap2D(c.OutDir, g2.X.Cells, g2.Y.Cells, bounds, map.Times, map.Density, r.FlowMatching));
            figures.Add(Figures.JudgeFigures.Differences2D(c.OutDir, g2.X.Cells, g2.Y.Cells, bounds, r.TrueDensity, laws, at));
        }
        File.WriteAllText(Path.Combine(c.OutDir, "report.json"), JudgeReport.Json(r, sc.ToJson()));
        File.WriteAllText(Path.Combine(c.OutDir, "report.md"), JudgeReport.Markdown(r, figures.Select(Path.GetFileName)!));
        var values = new List<(string, double)> { ("weightedError", r.WeightedError), ("largestError", r.ScoreError.Max()) };
        // The flow of a flow-matching path is reported under the PF-ODE's names (it is the path's probability flow).
        foreach (var (key, law) in new[] { ("reverseSde", r.ReverseSde), ("pfOde", (SamplerLaw?)r.ProbabilityFlow) })
        {
            values.Add((key + "KL", law?.KullbackLeibler ?? double.NaN)); values.Add((key + "TV", law?.TotalVariation ?? double.NaN));
            values.Add((key + "W1", law?.Wasserstein1 ?? double.NaN)); values.Add((key + "Estimate", law?.ErrorEstimate ?? double.NaN));
        }
        values.Add(("particleRejections", r.Particles.Count == 0 ? double.NaN : r.Particles.Count(p => p.Reference == "p" && p.Rejected)));
        values.Add(("evaluations", r.Evaluations));
        RunSummary.Write(c.OutDir, "judge", sc.Name, values);
        if (!c.Quiet)
        {
            o.WriteLine(r.FlowMatching
                ? $"velocity error: ∫E|v_θ − u|²dt = {E(r.WeightedError)} (the excess flow-matching loss); largest E|v_θ − u|² {E(r.ScoreError.Max())}"
                : $"score error: ½∫g²E|s_θ − ∇log p|²dt = {E(r.WeightedError)} (the KL bound of the reverse SDE); largest E|s_θ − ∇log p|² {E(r.ScoreError.Max())}");
            foreach (var l in r.Laws)
                o.WriteLine($"{l.Name}: KL(p ‖ p̂) {E(l.KullbackLeibler)}, TV {E(l.TotalVariation)}{(l.Wasserstein1 is { } w ? $", W1 {E(w)}" : "")}, mass {l.Mass:F12} (solve's estimate {E(l.ErrorEstimate)})");
            if (r.Particles.Count > 0)
                o.WriteLine($"particles: {r.Particles.Count(p => p.Reference == "p" && p.Rejected)} of {r.Particles.Count / 2} runs rejected against p, " +
                    $"{r.Particles.Count(p => p.Reference != "p" && p.Rejected)} against p̂ (FWER {r.Fwer} over all {r.Particles.Count} checks)");
            o.WriteLine($"wrote {Path.Combine(c.OutDir, "report.md")}, report.json and {figures.Count} figures");
        }
        return ExitCodes.Ok;
    }

    private static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);
}
