using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>The steady solve (inverse iteration on the discrete operator) against closed forms.</summary>
public class SteadyStateTests(ITestOutputHelper log)
{
    private static Process ConstantForce(double f, double d) =>
        SdeCompiler.Sde(["F"], "sqrt(2 * D)", new Dictionary<string, double> { ["F"] = f, ["D"] = d });

    [Fact]
    public void ConstantForceBetweenReflectingWallsGivesTheExponential()
    {
        // Scharfetter–Gummel is exact for a constant drift, and e^{Fx/D}'s cell averages have the ratio e^{Fh/D} of its point
        // values: the discrete steady state is the exact one to round-off.
        const double F = 1.0, D = 1.0, L = 4.0;
        var g = new Grid1D(0, L, 256);
        var r = SteadyState.Solve(ConstantForce(F, D), g);
        double z = D / F * (Math.Exp(F * L / D) - 1), worst = 0;
        for (int i = 0; i < g.Cells; i++)
        {
            double exact = D / F * (Math.Exp(F * g.Edge(i + 1) / D) - Math.Exp(F * g.Edge(i) / D)) / z / g.H;
            worst = Math.Max(worst, Math.Abs(r.Density[i] - exact) / exact);
        }
        log.WriteLine($"reflecting: largest relative error {worst:E2}; residual {r.Residual:E2}; {r.Iterations} iterations; largest |J| {r.Current.Max(Math.Abs):E2}");
        Assert.True(worst <= 1e-10, $"{worst:E2}");
        Assert.All(r.Current, j => Assert.True(Math.Abs(j) <= 1e-12, $"J = {j:E2}"));
        Assert.True(r.Residual <= 1e-13);
    }

    [Fact]
    public void ConstantForceOnACircleIsUniformWithCurrentFOverL()
    {
        const double F = 0.7, D = 0.4, L = 2 * Math.PI;
        var g = new Grid1D(0, L, 256, Boundary.Periodic);
        var r = SteadyState.Solve(ConstantForce(F, D), g);
        Assert.All(r.Density, p => Assert.Equal(1 / L, p, 1e-12));
        Assert.All(r.Current, j => Assert.Equal(F / L, j, 1e-12));
    }

    /// <summary>
    /// The tilted periodic potential U = U0 cos x - F x on a circle of length 2π (fplanck's ratchet case): the stationary
    /// current is J = D (1 - e^{-2πF/D}) / ∫₀^{2π}∫₀^{2π} e^{(U(x+z) - U(x))/D} dz dx (Stratonovich; the double integral by
    /// the trapezoid rule in x, periodic and spectrally accurate, and Simpson's rule in z, on 1024 intervals each). The grid's current is within
    /// 2.1e-9 relative at 256 cells and 1.1e-10 at 512 (measured: order 4.2 for this smooth periodic case).
    /// </summary>
    [Fact]
    public void TiltedPeriodicPotentialCarriesTheStratonovichCurrent()
    {
        const double U0 = 1.0, F = 0.5, D = 0.5, L = 2 * Math.PI;
        var p = SdeCompiler.Sde(["U0 * sin(x) + F"], "sqrt(2 * D)", new Dictionary<string, double> { ["U0"] = U0, ["F"] = F, ["D"] = D });
        static double U(double x) => U0 * Math.Cos(x) - F * x;
        const int m = 1024;
        double sum = 0, h = L / m;
        for (int i = 0; i < m; i++)
            for (int k = 0; k <= m; k++)
            {
                // Simpson in z (the integrand is not periodic in z: the tilt), periodic trapezoid in x.
                double w = k == 0 || k == m ? 1 : k % 2 == 1 ? 4 : 2;
                sum += w * Math.Exp((U(i * h + k * h) - U(i * h)) / D);
            }
        double exact = D * (1 - Math.Exp(-F * L / D)) / (sum * h * h / 3);
        double J(int cells) => SteadyState.Solve(p, new Grid1D(0, L, cells, Boundary.Periodic)).Current.Average();
        double j256 = J(256), j512 = J(512);
        double e256 = Math.Abs(j256 / exact - 1), e512 = Math.Abs(j512 / exact - 1);
        log.WriteLine($"current: exact {exact:R}; 256 cells {j256:R} ({e256:E2}); 512 cells {j512:R} ({e512:E2}); observed order {Math.Log2(e256 / e512):F3}");
        // fplanck's acceptance: 1e-6 relative at 256 cells (measured 2.1e-9), and convergence at least at second order.
        Assert.True(e256 <= 1e-6, $"256 cells: {e256:E2}");
        Assert.True(Math.Log2(e256 / e512) >= 1.9, $"order {Math.Log2(e256 / e512):F3}");
        // The current is the same at every face (a steady state).
        var r = SteadyState.Solve(p, new Grid1D(0, L, 256, Boundary.Periodic));
        Assert.All(r.Current, c => Assert.Equal(r.Current[0], c, 1e-12));
    }

    [Fact]
    public void TimeDependentProcessesAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => SteadyState.Solve(new VpProcess(), new Grid1D(-5, 5, 64)));
        Assert.Contains("depends on time", e.Message);
        Assert.Throws<ArgumentException>(() => SteadyState.Solve(SdeCompiler.Sde(["-x * t"], "1", new Dictionary<string, double>()), new Grid1D(-5, 5, 64)));
        Assert.Throws<ArgumentException>(() => SteadyState.Solve(SdeCompiler.Sde(["-x"], "1 + t", new Dictionary<string, double>()), new Grid1D(-5, 5, 64)));
        // An absorbing domain has no steady state but 0.
        var a = Assert.Throws<ArgumentException>(() => SteadyState.Solve(new OuProcess(), new Grid1D(-5, 5, 64, Boundary.Absorbing)));
        Assert.Contains("absorbing", a.Message);
    }

    [Fact]
    public void OuSteadyStateIsTheLongTimeSolution()
    {
        // OU's stationary N(0, σ²/2θ): the steady solve and a long solve (t = 20, the transient down by e^{-40}) give the
        // same discrete state to the solver's tolerance.
        var ou = new OuProcess(1.0, Math.Sqrt(2));
        var g = new Grid1D(-8, 8, 256);
        var r = SteadyState.Solve(ou, g);
        var sol = FokkerPlanckSolver.Solve(ou, g, TestCases.Mixture3, [0.0, 20.0], new SolverOptions { Tolerance = 1e-10, Extrapolate = false }, TestCases.Managed);
        double diff = r.Density.Zip(sol.Densities[^1], (a, b) => Math.Abs(a - b)).Max() / r.Density.Max();
        double exact = 0;
        for (int i = 0; i < g.Cells; i++)
            exact = Math.Max(exact, Math.Abs(r.Density[i] - (MathNet.Numerics.Distributions.Normal.CDF(0, 1, g.Edge(i + 1)) - MathNet.Numerics.Distributions.Normal.CDF(0, 1, g.Edge(i))) / g.H));
        log.WriteLine($"OU: steady vs long solve {diff:E2} of the peak; steady vs exact N(0, 1) cell averages {exact:E2} (absolute, 256 cells)");
        Assert.True(diff <= 1e-8, $"{diff:E2}");
    }
}
