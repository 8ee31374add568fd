using System.Diagnostics;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Fields;

public class WallInfluenceTests(ITestOutputHelper log)
{
    // 1D: a Gaussian at 1.5 relaxing under OU toward N(0, 1); at t = 1 it is N(0.55, 0.94²), with p(4.5) about 1e-4 and
    // p(-4) about 1e-5 of the peak: walls there bend score and velocity by far more than the tolerance.
    private static readonly GaussianMixture1D Bump = new([1.0], [1.5], [0.3]);
    private static readonly double[] Times1D = [0.0, 0.5, 1.0];

    private static (GridSolution Sol, GridFields F, WallInfluence W) Run1D(Grid1D g, SolverOptions? o = null)
    {
        o ??= new SolverOptions();
        var p = new OuProcess();
        var sol = FokkerPlanckSolver.Solve(p, g, Bump, Times1D, o, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        return (sol, f, WallInfluence.Check(f, Bump, o, TestCases.Managed));
    }

    private static (double Score, double Velocity) Errors1D(GridFields f, int s, bool trustedOnly) =>
        FieldErrors.Relative(f, s, ExactMarginal.Of(f.Process, Bump, f.Times[0], f.Times[s]), null, trustedOnly: trustedOnly);

    [Theory]
    [InlineData(Boundary.Reflecting)]
    [InlineData(Boundary.Absorbing)]
    public void AWallTooCloseIsFoundAndItsCellsAreUntrusted(Boundary boundary)
    {
        var (_, f, w) = Run1D(new Grid1D(-4, 4.5, 136, boundary));
        var before = Errors1D(f, 2, trustedOnly: false);
        var after = Errors1D(f, 2, trustedOnly: true);
        log.WriteLine($"{boundary}: untrusted {f.UntrustedCells} (weight alone {f.Weight.Sum(x => x.Count(v => v < 1))}); field errors at t = 1 " +
                      $"before {before.Score:E2}/{before.Velocity:E2}, trusted after {after.Score:E2}/{after.Velocity:E2}");
        foreach (var m in f.Warnings) log.WriteLine(m);
        Assert.True(w.Checked);
        Assert.Same(w, f.Walls);
        Assert.True(before.Score > 100 * WallInfluence.FieldTolerance, $"the wall case must be one: {before.Score}");
        Assert.True(after.Score <= WallInfluence.FieldTolerance && after.Velocity <= WallInfluence.FieldTolerance, $"{after}");
        var exact = ExactMarginal.Of(f.Process, Bump, 0, 1.0)!;
        int compared = Enumerable.Range(0, 136).Count(i => f.IsTrusted(2, i) && exact.Density(f.Solution.Grid1!.Center(i)) >= FieldErrors.DefaultFloor * exact.Density(0.55));
        Assert.True(compared > 136 / 3, $"the wall's influence is not the whole domain ({compared} of 136 cells stay trusted)");
        // The upper wall (nearer the mass) is named with a bound beyond it; the outermost cell at t = 1 is untrusted.
        var upper = Assert.Single(w.Walls, r => r.Upper);
        Assert.Equal(4.5, upper.Position);
        Assert.True(upper.SuggestedBound > 4.5 + upper.Depth, $"{upper}");
        Assert.Contains(f.Warnings, m => m.Contains("move grid.upper[0] to at least", StringComparison.Ordinal)
            && m.Contains(boundary.ToString().ToLowerInvariant() + " wall at x = 4.5", StringComparison.Ordinal));
        Assert.False(f.IsTrusted(2, 135));
        // Monotone toward the wall: no trusted cell lies between an untrusted one and the upper wall.
        for (int s = 0; s < f.Times.Length; s++)
        {
            int first = Enumerable.Range(68, 68).FirstOrDefault(i => w.Influenced[s][i], -1);
            if (first >= 0) Assert.All(Enumerable.Range(first, 136 - first), i => Assert.True(w.Influenced[s][i]));
        }
        // The weights (what particles read) are untouched.
        Assert.Equal(f.Weight.Sum(x => x.Count(v => v < 1)), GridFields.FromSolution(f.Solution, f.Process).UntrustedCells);
    }

    [Fact]
    public void AWideDomainIsNotCheckedAndNothingChanges()
    {
        var g = new Grid1D(-12, 12, 384);
        var (sol, f, w) = Run1D(g);
        Assert.False(w.Checked);
        Assert.Empty(w.Walls);
        Assert.Empty(f.Warnings);
        Assert.Equal(0, w.Cells);
        Assert.Equal(f.Weight.Sum(x => (long)x.Count(v => v < 1)), f.UntrustedCells);
        // The widened solve is the same method: on the same grid it gives the solver's densities bit for bit.
        var again = FokkerPlanckSolver.SolveWithoutEstimate(f.Process, g, Bump, Times1D, new SolverOptions(), TestCases.Managed);
        for (int s = 0; s < Times1D.Length; s++) Assert.Equal(sol.Densities[s], again.Densities[s]);
    }

    [Fact]
    public void PeriodicDomainsAreExempt()
    {
        var (_, f, w) = Run1D(new Grid1D(-3, 3, 96, Boundary.Periodic));
        Assert.False(w.Checked);
        Assert.Empty(f.Warnings);
    }

    [Fact]
    [Trait("Tier", "Full")]
    public void TheIssuesTwoDimensionalWallIsFoundAndTheRestMeetsTheTolerance()
    {
        // The issue's case at 64² (256² in the issue; 128² measured 422 s on a loaded 2-core machine): OU from the
        // two-component mixture on [-6, 6]², reflecting walls, t = 1.
        var clock = Stopwatch.StartNew();
        var p = new OuProcess();
        var g1 = new Grid1D(-6, 6, 64);
        var o = new SolverOptions();
        double[] times = [0.0, 1.0];
        var sol = FokkerPlanckSolver.Solve(p, new Grid2D(g1, g1), TestCases.Mixture2D, times, o, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        var w = WallInfluence.Check(f, TestCases.Mixture2D, o, TestCases.Managed);
        var exact = ExactMarginal.Of(p, TestCases.Mixture2D, 0, 1.0)!;
        // Down to 1e-9 of max p (inside the trust weight's 1e-11), where the issue's 12 % lives; at 64² the
        // discretisation error alone is above the field tolerance, so the trusted cells are held to the tool's own
        // estimate instead, and the wall's share is shown by how much the untrusting removes.
        const double floor = 1e-9;
        var before = FieldErrors.Relative(f, 1, null, exact, floor);
        var est = ErrorEstimates.Of(f, p)!;
        var after = FieldErrors.Relative(f, 1, null, exact, floor, trustedOnly: true);
        log.WriteLine($"2D: untrusted {f.UntrustedCells} (weight alone {f.Weight.Sum(x => x.Count(v => v < 1))}, wall {w.Cells}); t = 1 field errors " +
                      $"before {before.Score:E2}/{before.Velocity:E2}, trusted after {after.Score:E2}/{after.Velocity:E2}; estimates {est.Score[1]:E2}/{est.Velocity[1]:E2}; {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var m in f.Warnings) log.WriteLine(m);
        Assert.True(w.Checked);
        Assert.True(before.Score > 10 * after.Score && before.Velocity > 10 * after.Velocity, $"before {before}, after {after}");
        Assert.True(after.Score <= est.Score[1] && after.Velocity <= est.Velocity[1], $"after {after}, estimates {est.Score[1]}/{est.Velocity[1]}");
        Assert.Contains(f.Warnings, m => m.Contains("reflecting wall at", StringComparison.Ordinal) && m.Contains("to at least", StringComparison.Ordinal));
        // The outermost ring at t = 1 (p ≈ 1e-6 max p at x = 6, the issue's 12 %) is untrusted.
        Assert.All(Enumerable.Range(0, 64), j => Assert.False(f.IsTrusted(1, 63 * 64 + j)));
    }
}
