using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Model;

/// <summary>Affine paths from expressions: the VP schedule written as alpha and variance expressions is the built-in VP to
/// round-off, in its formulas and in the grid solution, and a path with no built-in twin meets the built-ins' L1 bound.</summary>
public class AffineProcessTests(ITestOutputHelper log)
{
    private static LinearProcess VpByExpression() => ScheduleCompiler.Affine("exp(-0.5 * (b0 * t + 0.5 * (b1 - b0) * t * t))",
        "-expm1(-(b0 * t + 0.5 * (b1 - b0) * t * t))", spreadIsVariance: true, new Dictionary<string, double> { ["b0"] = 0.1, ["b1"] = 20 });

    [Fact]
    public void VpWrittenAsExpressionsIsTheBuiltInVp()
    {
        var e = VpByExpression();
        var vp = new VpProcess(0.1, 20);
        Assert.Equal("affine", e.Kind);
        double worst = 0;
        var fe = new double[1]; var fv = new double[1];
        for (int k = 0; k <= 200; k++)
        {
            double t = k / 200.0;
            e.Drift([1.0], t, fe); vp.Drift([1.0], t, fv);
            foreach (var (a, b) in new[] { (fe[0], fv[0]), (e.G(t), vp.G(t)), (e.MeanFactor(t), vp.MeanFactor(t)), (e.AddedVariance(t), vp.AddedVariance(t)) })
                worst = Math.Max(worst, Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300));
        }
        log.WriteLine($"largest relative difference of a, g, m, v over 201 times: {worst:E2}");
        Assert.True(worst <= 1e-12, $"{worst:E2}");

        // The grid solutions agree to 1e-12 relative to the largest density.
        var g = new Grid1D(-10, 10, 512);
        var o = new SolverOptions { Tolerance = 1e-7 };
        double[] times = [0.0, 0.5, 1.0];
        var a1 = FokkerPlanckSolver.Solve(e, g, TestCases.Mixture3, times, o, TestCases.Managed);
        var b1 = FokkerPlanckSolver.Solve(vp, g, TestCases.Mixture3, times, o, TestCases.Managed);
        double diff = 0, scale = b1.Densities[^1].Max();
        int bits = 0;
        for (int s = 0; s < times.Length; s++)
            for (int i = 0; i < g.Cells; i++)
            {
                diff = Math.Max(diff, Math.Abs(a1.Densities[s][i] - b1.Densities[s][i]) / scale);
                if (a1.Densities[s][i] != b1.Densities[s][i]) bits++;
            }
        log.WriteLine($"grid: largest difference {diff:E2} of the peak; {bits} of {times.Length * g.Cells} values differ in their bits; steps {a1.Steps} vs {b1.Steps}");
        Assert.True(diff <= 1e-12, $"{diff:E2}");
        // Control: a 1 % different beta is far more than round-off apart.
        var c = FokkerPlanckSolver.Solve(new VpProcess(0.1, 20.2), g, TestCases.Mixture3, times, o, TestCases.Managed);
        Assert.True(Math.Abs(c.Densities[1].Max() - b1.Densities[1].Max()) > 1e-6 * scale);
    }

    [Fact]
    [Trait("Tier", "Full")]
    public void TrigonometricPathMatchesItsExactMarginal()
    {
        // X_t = cos(πt/2) X + sin(πt/2) Z: no built-in process has it.
        var p = ScheduleCompiler.Affine("cos(0.5 * pi * t)", "pow(sin(0.5 * pi * t), 2)", true, new Dictionary<string, double>());
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, 2048), TestCases.Mixture3, TestCases.Times(0.9, 10), backend: TestCases.Managed);
        var err = TestCases.L1Errors(sol, p, TestCases.Mixture3);
        log.WriteLine($"trig path: L1 per snapshot {string.Join(" ", err.Select(x => x.ToString("E2")))}; steps {sol.Steps}");
        Assert.All(err, x => Assert.True(x <= 1e-5, $"L1 {x:E3} > 1e-5"));
        // Control: the same grid against the VP marginal.
        Assert.True(TestCases.L1Errors(sol, new VpProcess(), TestCases.Mixture3)[^1] > 1e-2);
    }
}
