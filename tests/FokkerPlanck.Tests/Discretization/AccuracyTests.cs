using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>Grid against exact marginals, default solver options.</summary>
public class AccuracyTests(ITestOutputHelper log)
{
    // The processes over their usual ranges (cosine ends before its singular t = 1; EDM's time is its noise level). OU in
    // the default tier; the others, costlier (VE 19 s, VP 12 s on 2 cores), with the named schedules in the full tier.
    public static TheoryData<string, double, double, int, double> Cases => new()
    {
        { "ou", -10, 10, 2048, 1.0 },
    };

    // VP, VE and the named schedules (full tier: about 75 s together).
    public static TheoryData<string, double, double, int, double> Schedules => new()
    {
        { "vp", -10, 10, 2048, 1.0 },
        { "ve", -25, 25, 4096, 1.0 },
        { "sub-vp", -10, 10, 2048, 1.0 },
        { "cosine", -10, 10, 2048, 0.95 },
        { "edm", -20, 20, 4096, 2.0 },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    [Trait("Tier", "Full")]
    public void NamedScheduleMatchesExactMarginalAtEverySnapshot(string kind, double lower, double upper, int cells, double end) =>
        MixtureMatchesExactMarginalAtEverySnapshot(kind, lower, upper, cells, end);

    private static Process Make(string kind) => kind switch
    {
        "ou" => new OuProcess(1.0, Math.Sqrt(2)),
        "vp" => new VpProcess(0.1, 20),
        "ve" => new VeProcess(0.01, 5),
        "sub-vp" => new SubVpProcess(0.1, 20),
        "cosine" => new CosineProcess(0.008),
        "edm" => new EdmProcess(),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MixtureMatchesExactMarginalAtEverySnapshot(string kind, double lower, double upper, int cells, double end)
    {
        var p = Make(kind);
        using var b = TestCases.Managed;
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(lower, upper, cells), TestCases.Mixture3, TestCases.Times(end, 11), backend: b);
        var err = TestCases.L1Errors(sol, p, TestCases.Mixture3);
        log.WriteLine($"{kind}: L1 per snapshot {string.Join(" ", err.Select(e => e.ToString("E2")))}; steps {sol.Steps}, {sol.WallTime.TotalSeconds:F1} s");
        Assert.All(err, e => Assert.True(e <= 1e-5, $"L1 {e:E3} > 1e-5"));
        // Round-off budget of the tridiagonal solves: 1e-15 per accepted step (measured: VE 1.4e-11 after 44 000 steps).
        Assert.All(sol.Masses, m => Assert.Equal(sol.Masses[0], m, 1e-15 * sol.Steps));
    }

    [Fact]
    public void LaplaceMixtureUnderOu()
    {
        var p = new OuProcess();
        var init = new LaplaceMixture1D([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]);
        using var b = TestCases.Managed;
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, 2048), init, TestCases.Times(1.0, 11), backend: b);
        var err = TestCases.L1Errors(sol, p, init);
        log.WriteLine($"laplace: {string.Join(" ", err.Select(e => e.ToString("E2")))}");
        for (int s = 1; s < err.Length; s++) Assert.True(err[s] <= 1e-4, $"t = {sol.Times[s]}: L1 {err[s]:E3}");
        // Without the L-stable start Crank–Nicolson rings at the kinks (large steps): negative values and excess total variation.
        foreach (int startup in new[] { 0, 2 })
        {
            var sol1 = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, 2048), init, [0.0, 0.05],
                new SolverOptions { StartupSteps = startup, FixedStep = 0.05, Extrapolate = false }, b);
            var d = sol1.Densities[1];
            double tv = d.Skip(1).Select((v, i) => Math.Abs(v - d[i])).Sum(), min = d.Min();
            log.WriteLine($"dt = 0.05, startup steps {startup}: min {min:E3}, total variation {tv:F4}");
            if (startup == 0) Assert.True(min < 0 && tv > 1.05 * 1.3274, $"expected ringing: min {min}, TV {tv}");
            else Assert.True(min >= 0 && tv < 1.3275, $"expected no ringing: min {min}, TV {tv}");
        }
    }

    [Fact]
    public void TwoDimensionalOuMixture()
    {
        var p = new OuProcess();
        using var b = TestCases.Managed;
        var o = new SolverOptions { Tolerance = 1e-6, Extrapolate = false };
        int[] n = [32, 64, 128, 256];
        var final = new double[n.Length];
        for (int k = 0; k < n.Length; k++)
        {
            var g = new Grid1D(-8, 8, n[k]);
            var sol = FokkerPlanckSolver.Solve(p, new Grid2D(g, g), TestCases.Mixture2D, TestCases.Times(0.5, 3), o, b);
            var err = TestCases.L1Errors(sol, p, TestCases.Mixture2D);
            final[k] = err.Max();
            log.WriteLine($"{n[k]}²: L1 {string.Join(" ", err.Select(e => e.ToString("E2")))} ({sol.WallTime.TotalSeconds:F1} s)");
        }
        Assert.True(final[^1] <= 1e-3, $"L1 at 256² = {final[^1]:E3}");
        double order = TestCases.Order(n.Select(c => 16.0 / c).ToArray(), final);
        log.WriteLine($"2D spatial order {order:F3}");
        Assert.True(order >= 1.9, $"order {order}");
    }
}
