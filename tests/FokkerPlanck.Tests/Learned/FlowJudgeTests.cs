using FokkerPlanck.Learned;
using FokkerPlanck.Scenarios;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Learned;

/// <summary>
/// The judge of flow-matching velocity models on judge-fm-1d.json (rectified flow to a two-component mixture): the exact
/// marginal velocity u_t as a model is judged exact; u_t + δ with δ = 0.1 sin x gets E|δ|² in closed form, a flow law away
/// from p, and particles rejected against p and not against p̂ (FWER 1e-3 over the 6 checks: Bonferroni, each KS at
/// 1e-3 / 6). Thresholds: the exact model is exact in double precision, so its loss is round-off (≤ 1e-20); the flow
/// map's law at 256 cells is within its estimate (≈ 1e-9), so KL ≤ 1e-6 leaves orders of magnitude and the perturbed
/// model's KL (≈ 1e-2) misses it by four.
/// </summary>
public sealed class FlowJudgeTests(ITestOutputHelper log)
{
    private static Scenario Fm() => ScenarioParser.ParseFile(Path.Combine(ScoreJudgeTests.Models, "judge-fm-1d.json"));

    private static JudgeResult Judge(double c, int particles = 20_000)
    {
        var sc = Fm();
        using var field = new PathVelocity(sc, c);
        return ScoreJudge.Run(sc, new LearnedScore(field, sc.Process), new JudgeOptions { Times = 21, Particles = particles, FlowSteps = 400 }, TestCases.Managed);
    }

    private void Log(string what, JudgeResult r)
    {
        log.WriteLine($"{what}: max E|Δv|² {r.ScoreError.Max():E2}, ∫ {r.WeightedError:E2}; flow KL {r.ProbabilityFlow.KullbackLeibler:E2}, TV {r.ProbabilityFlow.TotalVariation:E2} (estimate {r.ProbabilityFlow.ErrorEstimate:E2})");
        foreach (var p in r.Particles) log.WriteLine($"  {p.Integrator} vs {p.Reference}: D {p.Distance:F4}, p {p.PValue:E2}");
    }

    [Fact]
    public void TheExactPathVelocityIsJudgedExact()
    {
        var r = Judge(0);
        Log("exact velocity", r);
        Assert.True(r.FlowMatching);
        Assert.Null(r.ReverseSde);
        Assert.True(r.ScoreError.Max() <= 1e-20, $"{r.ScoreError.Max():E2}");
        Assert.True(r.ProbabilityFlow.KullbackLeibler <= 1e-6, $"KL {r.ProbabilityFlow.KullbackLeibler:E2}");
        Assert.True(2 * r.ProbabilityFlow.TotalVariation <= Math.Max(r.ProbabilityFlow.ErrorEstimate, 1e-12) * 10, $"L1 {2 * r.ProbabilityFlow.TotalVariation:E2}");
        Assert.Equal(6, r.Particles.Count);
        Assert.DoesNotContain(r.Particles, p => p.Rejected);
        var md = JudgeReport.Markdown(r, []);
        Assert.Contains("excess flow-matching loss", md);
        Assert.DoesNotContain("| reverse SDE |", md);
    }

    /// <summary>The perturbation's mean square under the path's marginal N-mixture (means t m_k, variances t² v_k + (1 − t)²):
    /// c² E sin²X = ½ c² (1 − Σ w e^{−2 var} cos 2μ).</summary>
    private static double DeltaSquared(double t, double c)
    {
        double[] w = [0.3, 0.7], m = [-2.0, 1.5], v = [0.25, 0.5];
        double e = 0;
        for (int k = 0; k < 2; k++) e += w[k] * Math.Exp(-2 * (t * t * v[k] + (1 - t) * (1 - t))) * Math.Cos(2 * t * m[k]);
        return c * c * 0.5 * (1 - e);
    }

    [Fact]
    public void APerturbedVelocityGetsItsClosedFormAndItsParticlesAreRejectedAgainstP()
    {
        var r = Judge(0.1);
        Log("perturbed velocity", r);
        for (int k = 0; k < r.Times.Length; k++)
            Assert.True(Math.Abs(r.ScoreError[k] / DeltaSquared(r.Times[k], 0.1) - 1) <= 0.01, $"t = {r.Times[k]}: {r.ScoreError[k]:E4} vs {DeltaSquared(r.Times[k], 0.1):E4}");
        Assert.True(r.ProbabilityFlow.KullbackLeibler > 1e-4, $"KL {r.ProbabilityFlow.KullbackLeibler:E2}");
        Assert.All(r.Particles.Where(p => p.Reference == "p"), p => Assert.True(p.Rejected, $"{p.Integrator} not rejected against p: {p.PValue:E2}"));
        Assert.DoesNotContain(r.Particles, p => p.Reference != "p" && p.Rejected);
    }

    [Fact]
    public void AFlowMatchingPathTakesOnlyVelocityModels()
    {
        var sc = Fm();
        using var field = new PathVelocity(sc, 0, Parametrisation.Score);
        var e = Assert.Throws<LearnedModelException>(() => new LearnedScore(field, sc.Process));
        Assert.Contains("judged from a velocity model", e.Message);
    }

    // u_t(x) + c sin x with the path's exact marginal velocity.
    private sealed class PathVelocity(Scenario sc, double c, Parametrisation p = Parametrisation.Velocity) : ILearnedField
    {
        public int Dimension => 1;
        public Parametrisation Parametrisation => p;
        public string Description => $"path velocity + {c} sin x";
        public long Evaluations { get; private set; }

        public void Evaluate(ReadOnlySpan<double> points, double t, Span<double> output)
        {
            Evaluations++;
            Span<double> f = stackalloc double[1];
            for (int i = 0; i < points.Length; i++)
            {
                sc.Process.Drift(points.Slice(i, 1), t, f);
                output[i] = f[0] + c * Math.Sin(points[i]);
            }
        }

        public void Dispose() { }
    }
}
