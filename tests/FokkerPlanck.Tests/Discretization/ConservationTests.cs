using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

public class ConservationTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(TimeScheme.Explicit)]
    [InlineData(TimeScheme.Implicit)]
    public void MassConservedOverTenThousandStepsAndNeverNegative(TimeScheme scheme)
    {
        var p = new VpProcess();
        var g = new Grid1D(-10, 10, 512);
        var init = CellAverages.Of(g, TestCases.Mixture3);
        // 10^4 steps over [0, 1]; dt = 1e-4 is below the explicit positivity bound (h²/(2 D_max) ≈ 7.6e-5 · ... checked by the solver)
        // and below the Crank–Nicolson positivity bound 2 / max outflow.
        var o = new SolverOptions { Scheme = scheme, FixedStep = scheme == TimeScheme.Explicit ? 7e-5 : 1e-4 };
        var sol = FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, init, TestCases.Times(1.0, 101), o, TestCases.Managed);
        double drift = sol.Masses.Max(m => Math.Abs(m / sol.Masses[0] - 1));
        double min = sol.Densities.Min(d => d.Min());
        log.WriteLine($"{scheme}: {sol.Steps} steps, max relative mass change {drift:E2}, min density {min:E2}");
        Assert.True(sol.Steps >= 10000);
        Assert.True(drift <= 1e-12, $"mass drift {drift}");
        Assert.True(min >= 0, $"negative density {min}");
    }

    [Fact]
    public void PeriodicConservesMassAndAbsorbingReportsItsLoss()
    {
        var p = new OuProcess(0.2, 2.0);
        var init = new GaussianMixture1D([1.0], [1.0], [0.5]);
        var periodic = FokkerPlanckSolver.Solve(p, new Grid1D(-4, 4, 256, Boundary.Periodic), init, TestCases.Times(2.0, 5), backend: TestCases.Managed);
        Assert.All(periodic.Masses, m => Assert.Equal(periodic.Masses[0], m, 1e-12));
        Assert.Empty(periodic.Warnings);

        var absorbing = FokkerPlanckSolver.Solve(p, new Grid1D(-4, 4, 256, Boundary.Absorbing), init, TestCases.Times(2.0, 5), backend: TestCases.Managed);
        var lost = absorbing.MassLost;
        log.WriteLine($"absorbing: mass lost {string.Join(" ", lost.Select(l => l.ToString("E3")))}");
        for (int s = 1; s < lost.Length; s++) Assert.True(lost[s] > lost[s - 1], "mass must decrease monotonically");
        Assert.True(lost[^1] > 0.05);
        Assert.Contains(absorbing.Warnings, w => w.Contains("absorbing boundary") && w.Contains("left the domain"));
    }

    [Fact]
    public void AbsorbingLossMatchesTheExactSurvivalOfBrownianMotion()
    {
        // f = 0, D = 1 (g = √2) on [-L, L] from a narrow Gaussian at 0: survival = Σ_k (4/π)(-1)^k/(2k+1) exp(-(2k+1)² π² D t / (4 L²)).
        const double L = 2, T = 0.5;
        var g = new Grid1D(-L, L, 800, Boundary.Absorbing);
        var init = new GaussianMixture1D([1.0], [0.0], [1e-3]);
        var sol = FokkerPlanckSolver.Solve(new VeProcess(1, Math.E), g, init, [0.0, T], backend: TestCases.Managed); // ve with ln(σmax/σmin) = 1: g(t)² = 2 e^{2t}
        // D(t) = e^{2t}: the exact survival uses ∫ D dt = (e^{2T} - 1)/2.
        // The initial N(0, 1e-3) is Brownian motion from 0 after τ0 = 1e-3 / (2 D) = 5e-4 (the edges are 60 sd away).
        double tau = (Math.Exp(2 * T) - 1) / 2 + 5e-4, survival = 0;
        for (int k = 0; k < 200; k++)
            survival += 4 / Math.PI * (k % 2 == 0 ? 1 : -1) / (2 * k + 1) * Math.Exp(-(2 * k + 1) * (2 * k + 1) * Math.PI * Math.PI * tau / (4 * L * L));
        log.WriteLine($"survival grid {sol.Masses[1]:F8} exact {survival:F8}");
        Assert.Equal(survival, sol.Masses[1] / sol.Masses[0], 1e-5);
    }

    [Fact]
    public void EdgeMassWarningOnlyWhenMassReachesTheEdge()
    {
        var p = new OuProcess();
        var narrow = FokkerPlanckSolver.Solve(p, new Grid1D(-3, 3, 128), TestCases.Mixture3, TestCases.Times(1, 3), backend: TestCases.Managed);
        Assert.Contains(narrow.Warnings, w => w.Contains("reflecting edge"));
        var wide = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, 256), TestCases.Mixture3, TestCases.Times(1, 3), backend: TestCases.Managed);
        Assert.Empty(wide.Warnings);
    }

    [Fact]
    public void ExplicitFixedStepAboveTheStabilityBoundIsRefused()
    {
        var p = new OuProcess();
        var g = new Grid1D(-5, 5, 100);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0, 1],
            new SolverOptions { Scheme = TimeScheme.Explicit, FixedStep = 0.1 }, TestCases.Managed));
        Assert.Contains("stability bound", e.Message);
    }

    [Fact]
    public void BadTimesAndOptionsAreRefused()
    {
        var p = new OuProcess();
        var g = new Grid1D(-5, 5, 50);
        Assert.Throws<ArgumentException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0, 1.0, 1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0, 1.0], new SolverOptions { Tolerance = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, [0.0, 1.0], new SolverOptions { Cfl = 1.5 }));
        var bad = CellAverages.Of(g, TestCases.Mixture3);
        bad[3] = -1;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FokkerPlanckSolver.Solve(g, p.FaceDrift, p.Diffusion, null, bad, [0.0, 1.0]));
        Assert.Contains("initial[3]", e.Message);
    }
}
