using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Transport;

namespace FokkerPlanck.Tests.Fields;

public class FieldEdgeCaseTests
{
    [Fact]
    public void BackwardRunsAbsorbingEdgesAndNonFiniteVelocitiesAreRefused()
    {
        var g = new Grid1D(-6, 6, 64);
        var init = CellAverages.Of(g, TestCases.Mixture3);
        var backward = ContinuitySolver.Solve(g, new AnalyticVelocity(g, (x, t) => 0.1 * x), init, [1.0, 0.5], null, TestCases.Managed);
        Assert.Equal([1.0, 0.5], backward.Times);
        Assert.Throws<ArgumentException>(() => GridFields.FromSolution(backward, new OuProcess()));

        var absorbing = FokkerPlanckSolver.Solve(new OuProcess(), new Grid1D(-4, 4, 64, Boundary.Absorbing), TestCases.Mixture3, [0.0, 0.1], null, TestCases.Managed);
        Assert.Throws<NotSupportedException>(() => new GridFaceVelocity(GridFields.FromSolution(absorbing, new OuProcess())));

        var e = Assert.Throws<ArgumentException>(() =>
            ContinuitySolver.Solve(g, new AnalyticVelocity(g, (x, t) => t > 0.2 ? double.NaN : 1.0), init, [0.0, 1.0], null, TestCases.Managed));
        Assert.Contains("not finite", e.Message);
    }

    [Fact]
    public void WithoutDiffusionTheFaceVelocityIsTheDrift()
    {
        var path = new FlowMatchingPath(TestCases.Mixture3);
        var g = new Grid1D(-6, 6, 128);
        var sol = ContinuitySolver.Solve(g, new AnalyticVelocity(g, path.Velocity), CellAverages.Of(g, path.Marginal1D(0)), [0.0, 0.3], null, TestCases.Managed);
        var f = GridFields.FromSolution(sol, new FlowMatchingProcess(path));
        for (int s = 0; s < 2; s++)
            for (int k = 1; k < g.Cells; k++)
                if (f.Weight[s][k - 1] >= 1 && f.Weight[s][k] >= 1) Assert.Equal(f.FaceDrift[s][k], f.FaceVelocity[s][k]);
    }

    [Fact]
    public void SamplerWrapsAroundAPeriodicSeam()
    {
        var p = new OuProcess(0.1, 1.5);
        var g = new Grid1D(-3, 3, 60, Boundary.Periodic);
        var sol = FokkerPlanckSolver.Solve(p, g, new GaussianMixture1D([1.0], [2.5], [0.6]), [0.0, 0.1], new SolverOptions { Extrapolate = false }, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        var sm = new FieldSampler(f);
        // Exactly on the seam: half-way between the last and the first centre.
        double expected = 0.5 * (f.Score[0][59] + f.Score[0][0]);
        Assert.Equal(expected, sm.At(-3.0, 0.0).ScoreX, 1e-12);
        Assert.Equal(expected, sm.At(3.0, 0.0).ScoreX, 1e-12);
    }
}
