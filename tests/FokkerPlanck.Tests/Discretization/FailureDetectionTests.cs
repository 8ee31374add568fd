using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Transport;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>Planted faults must stop the evolutions with <see cref="SolverFailureException"/> and the right cause.</summary>
public sealed class FailureDetectionTests
{
    // OU drift -x that turns NaN from t = 0.3 on (a user functor with a bug).
    private readonly struct NaNAfter : IFaceDrift1D
    {
        public double Face(double xl, double xr, double auxL, double auxR, double t) => t >= 0.3 ? double.NaN : -0.5 * (xl + xr);
    }

    private readonly struct Ou : IFaceDrift1D
    {
        public double Face(double xl, double xr, double auxL, double auxR, double t) => -0.5 * (xl + xr);
    }

    private static readonly Grid1D Grid = new(-6, 6, 32, Boundary.Reflecting);

    private static double[] Initial(Grid1D g) =>
        g.Centers().Select(x => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI)).ToArray();

    private static SolverFailureException Fails(Func<double, double> diffusion, double[] times, SolverOptions o, Boundary boundary = Boundary.Reflecting)
    {
        using var b = new ManagedBackend(1);
        var g = new Grid1D(-6, 6, 32, boundary);
        return Assert.Throws<SolverFailureException>(() => FokkerPlanckSolver.Solve(g, new Ou(), diffusion, null, Initial(g), times, o, b));
    }

    [Theory]
    [InlineData(TimeScheme.Explicit)]
    [InlineData(TimeScheme.Implicit)]
    public void ADriftThatTurnsNaNStopsTheRunNearThatTime(TimeScheme scheme)
    {
        using var b = new ManagedBackend(1);
        var e = Assert.Throws<SolverFailureException>(() => FokkerPlanckSolver.Solve(Grid, new NaNAfter(), _ => 0.5, null, Initial(Grid),
            [0, 0.5, 1.0], new SolverOptions { Scheme = scheme }, b));
        Assert.True(e.Cause is FailureCause.NonFiniteRates or FailureCause.NonFinite or FailureCause.StepCollapse, e.Message);
        Assert.InRange(e.Time, 0.25, 0.5);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AStiffeningDiffusionCollapsesTheExplicitStep()
    {
        // D grows without bound towards t = 0.5 and is huge after: the positivity bound shrinks below a few ulps of t.
        var e = Fails(t => t < 0.5 ? 1 / Math.Pow(0.5 - t, 4) : 1e250, [0, 1], new SolverOptions { Scheme = TimeScheme.Explicit, Extrapolate = false });
        // Whichever check sees it first as t nears 0.5: the step collapsing, the projected budget, or D overflowing.
        Assert.True(e.Cause is FailureCause.StepCollapse or FailureCause.StepBudget or FailureCause.NonFiniteRates, e.Message);
        Assert.InRange(e.Time, 0.4, 0.5);
    }

    [Fact]
    public void AnUnderResolvedStartIsATransientNotAFailure()
    {
        // OU from N(1, 0.01) on cells of 1/16 (the start is 1.6 cells wide): the implicit controller crawls for tens of
        // thousands of steps while the unresolved start smooths out, then grows its steps. It used to be stopped after
        // 1000 of them by the projected budget (exit 3, "the run needs more than 10000000 steps").
        var ou = new OuProcess(1.0, Math.Sqrt(2));
        var init = new GaussianMixture1D([1.0], [1.0], [0.01]);
        var sol = FokkerPlanckSolver.Solve(ou, new Grid1D(-8, 8, 256), init, [0.0, 1.0, 10.0], backend: TestCases.Managed);
        var err = TestCases.L1Errors(sol, ou, init);
        Assert.True(err[1] <= 1e-6 && err[2] <= 1e-6, $"L1 {err[1]:E2}, {err[2]:E2}");
        Assert.True(sol.Steps > FailureChecks.MaxForcedSteps);
    }

    [Fact]
    public void AFixedStepWithTooManyStepsIsRefusedBeforeTheRun()
    {
        var e = Fails(_ => 0.5, [0, 1, 2], new SolverOptions { FixedStep = 1e-7 });
        Assert.Equal(FailureCause.StepBudget, e.Cause);
        Assert.Contains(FailureChecks.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.True(e.Time == 0, $"refused up front, not after running to t = {e.Time}");
    }

    [Fact]
    public void AFixedStepJustInsideTheBudgetIsNotRefused()
    {
        // The bound counts steps exactly: 2 intervals of 0.5 / 0.25 = 4 steps run.
        using var b = new ManagedBackend(1);
        var r = FokkerPlanckSolver.Solve(Grid, new Ou(), _ => 0.5, null, Initial(Grid), [0, 0.5, 1], new SolverOptions { FixedStep = 0.25 }, b);
        Assert.Equal(4, r.Steps);
    }

    [Fact]
    public void MassLostOnAReflectingDomainIsAFailureButNotOnAnAbsorbingOne()
    {
        // t up to 1e300: the implicit steps of ~1e296 lose the mass in round-off (all-zero density before this check).
        var e = Fails(_ => 0.5, [0, 1e300], new SolverOptions { Extrapolate = false });
        Assert.Equal(FailureCause.MassDrift, e.Cause);
        Assert.Contains("mass drifted", e.Message);
        // Absorbing: a mass change is the physics; the same run must not report drift (it may end with another cause or none).
        using var b = new ManagedBackend(1);
        var g = new Grid1D(-6, 6, 32, Boundary.Absorbing);
        try { FokkerPlanckSolver.Solve(g, new Ou(), _ => 0.5, null, Initial(g), [0, 1e300], new SolverOptions(), b); }
        catch (SolverFailureException x) { Assert.NotEqual(FailureCause.MassDrift, x.Cause); }
    }

    [Fact]
    public void NegativeDensityOfTheExplicitSchemeIsCaught()
    {
        // A planted fault: the diffusion spikes only around each fixed step's midpoint, where the step's stability check
        // (at its two ends) does not look, so the middle SSP-RK3 stage overshoots far past positivity.
        const double h = 0.01;
        double Spike(double t) { double f = t / h - Math.Floor(t / h); return Math.Abs(f - 0.5) < 0.05 ? 200 : 0.01; }
        var e = Fails(Spike, [0, 0.02, 0.04], new SolverOptions { Scheme = TimeScheme.Explicit, FixedStep = h, Extrapolate = false });
        Assert.Equal(FailureCause.NegativeDensity, e.Cause);
        Assert.NotNull(e.Where);
        Assert.Contains("density fell to", e.Message);
    }

    [Fact]
    public void InfiniteDiffusionIsRefusedBeforeTheFirstStep()
    {
        var e = Fails(_ => double.PositiveInfinity, [0, 1], new SolverOptions());
        Assert.Equal(FailureCause.NonFiniteRates, e.Cause);
        Assert.Equal(0, e.Time);
    }

    private sealed class Velocity(Func<double, double> u) : IFaceVelocity
    {
        public void Fill(double t, Span<double> ux, Span<double> uy)
        {
            for (int i = 1; i < ux.Length - 1; i++) ux[i] = u(t);
            ux[0] = 0; ux[^1] = 0;
        }
    }

    [Fact]
    public void TheContinuitySolverStopsOnStepCollapseAndOverflowingRates()
    {
        using var b = new ManagedBackend(1);
        var collapse = Assert.Throws<SolverFailureException>(() =>
            ContinuitySolver.Solve(Grid, new Velocity(t => t < 0.5 ? 1 : 1e250), Initial(Grid), [0, 1], null, b));
        Assert.Equal(FailureCause.StepCollapse, collapse.Cause);
        var rates = Assert.Throws<SolverFailureException>(() =>
            ContinuitySolver.Solve(new Grid1D(0, 1e-300, 32), new Velocity(_ => 1e100), Enumerable.Repeat(1e300, 32).ToArray(), [0, 1], null, b));
        Assert.Equal(FailureCause.NonFiniteRates, rates.Cause);
    }

    [Fact]
    public void HealthyRunsPassEveryCheck()
    {
        using var b = new ManagedBackend(1);
        foreach (var scheme in new[] { TimeScheme.Explicit, TimeScheme.Implicit })
        {
            var r = FokkerPlanckSolver.Solve(Grid, new Ou(), _ => 0.5, null, Initial(Grid), [0, 0.5, 1], new SolverOptions { Scheme = scheme }, b);
            Assert.All(r.Masses, m => Assert.Equal(r.Masses[0], m, 1e-12));
        }
    }
}
