using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>
/// The test problems of fplanck (the grid Fokker–Planck tool its users compare against), as the scenario files in
/// validation/cases/fplanck, each against its closed form at 256 cells within fplanck's 1e-6: through <c>steady</c> (the CLI,
/// exit 0 and a file; the library's <see cref="SteadyEstimate"/>, extrapolated as the CLI's default) and a long <c>solve</c>
/// (the library, extrapolated as by default). Relative errors are max over cells of |grid - exact| / exact cell average, or of
/// the current; for the Gaussian densities (whose tails make a cell-wise ratio meaningless) the L1 error, which is relative
/// to the total mass 1.
/// </summary>
public sealed class FplanckCasesTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-fplanck-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Path(string name) => System.IO.Path.Combine(Scenarios.ScenarioSchemaTests.FindRoot(), "validation", "cases", "fplanck", name + ".json");

    private static GridSolution Long(Scenario sc) => FokkerPlanckSolver.Solve(sc.Process, sc.Grid1D!, sc.Initial1D!, sc.Times,
        new SolverOptions { Tolerance = 1e-10 }, TestCases.Managed);

    private static double MaxRelative(double[] grid, double[] exact) => grid.Zip(exact, (a, b) => Math.Abs(a - b) / b).Max();

    private SteadyResult Steady(string name, Scenario sc)
    {
        string outDir = System.IO.Path.Combine(_dir, name);
        var (code, stdout, err) = CliTests.Invoke("steady", Path(name), "--out", outDir, "--backend", "managed");
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        Assert.True(File.Exists(System.IO.Path.Combine(outDir, "solution.h5")));
        log.WriteLine(stdout.Trim());
        var r = SteadyEstimate.Solve(sc.Process, sc.Grid1D!);
        Assert.True(r.Extrapolated && r.ErrorEstimate < 1e-6, $"estimate {r.ErrorEstimate:E2}");
        return r;
    }

    [Fact]
    public void ConstantForceReflecting()
    {
        var sc = ScenarioParser.ParseFile(Path("constant-force-reflecting"));
        var g = sc.Grid1D!;
        double z = Math.Exp(4.0) - 1;
        var exact = Enumerable.Range(0, g.Cells).Select(i => (Math.Exp(g.Edge(i + 1)) - Math.Exp(g.Edge(i))) / z / g.H).ToArray();
        double s = MaxRelative(Steady("constant-force-reflecting", sc).Density, exact), l = MaxRelative(Long(sc).Densities[^1], exact);
        log.WriteLine($"constant force, reflecting: steady {s:E2}, long solve {l:E2}");
        Assert.True(s <= 1e-6 && l <= 1e-6, $"steady {s:E2}, long {l:E2}");
    }

    [Fact]
    public void ConstantForcePeriodic()
    {
        var sc = ScenarioParser.ParseFile(Path("constant-force-periodic"));
        double L = 2 * Math.PI, J = 0.7 / L;
        var r = Steady("constant-force-periodic", sc);
        var sol = Long(sc);
        var f = GridFields.FromSolution(sol, sc.Process, withCurrent: true);
        double s = r.Density.Max(p => Math.Abs(p * L - 1)), l = sol.Densities[^1].Max(p => Math.Abs(p * L - 1));
        double sj = r.Current.Max(j => Math.Abs(j / J - 1)), lj = f.Current![^1].Max(j => Math.Abs(j / J - 1));
        log.WriteLine($"constant force, periodic: density steady {s:E2}, long {l:E2}; current steady {sj:E2}, long {lj:E2}");
        Assert.True(Math.Max(Math.Max(s, l), Math.Max(sj, lj)) <= 1e-6);
    }

    [Fact]
    public void TiltedPeriodicPotential()
    {
        var sc = ScenarioParser.ParseFile(Path("tilted-periodic"));
        const double U0 = 1.0, F = 0.5, D = 0.5, L = 2 * Math.PI;
        static double U(double x) => U0 * Math.Cos(x) - F * x;
        const int m = 1024;
        double sum = 0, h = L / m;
        for (int i = 0; i < m; i++)
            for (int k = 0; k <= m; k++)
                sum += (k == 0 || k == m ? 1 : k % 2 == 1 ? 4 : 2) * Math.Exp((U(i * h + k * h) - U(i * h)) / D);
        double J = D * (1 - Math.Exp(-F * L / D)) / (sum * h * h / 3);
        var r = Steady("tilted-periodic", sc);
        var f = GridFields.FromSolution(Long(sc), sc.Process, withCurrent: true);
        double sj = r.Current.Max(j => Math.Abs(j / J - 1)), lj = f.Current![^1].Max(j => Math.Abs(j / J - 1));
        log.WriteLine($"tilted periodic potential: current {J:R}; steady {sj:E2}, long solve {lj:E2}");
        Assert.True(sj <= 1e-6 && lj <= 1e-6, $"steady {sj:E2}, long {lj:E2}");
    }

    /// <summary>Free diffusion on a circle: the wrapped Gaussian (images summed to |k| ≤ 10), against its exact cell
    /// averages at 256 cells; the plain scheme's order between 256 and 512 cells is 2 (the extrapolation removes that term).</summary>
    [Fact]
    public void FreeDiffusionPeriodic()
    {
        var sc = ScenarioParser.ParseFile(Path("free-diffusion-periodic"));
        double v = 0.05 + 2 * 0.5 * sc.End, L = 2 * Math.PI;
        double Cdf(double x) => Enumerable.Range(-10, 21).Sum(k => MathNet.Numerics.Distributions.Normal.CDF(k * L, Math.Sqrt(v), x));
        double L1(int cells, bool extrapolate)
        {
            var g = new Grid1D(-Math.PI, Math.PI, cells, Boundary.Periodic);
            var sol = FokkerPlanckSolver.Solve(sc.Process, g, sc.Initial1D!, [0.0, sc.End], new SolverOptions { Tolerance = 1e-10, Extrapolate = extrapolate }, TestCases.Managed);
            return Enumerable.Range(0, cells).Sum(i => Math.Abs(sol.Densities[^1][i] - (Cdf(g.Edge(i + 1)) - Cdf(g.Edge(i))) / g.H)) * g.H;
        }
        double a = L1(256, false), b = L1(512, false), x = L1(256, true);
        log.WriteLine($"free diffusion on a circle, t = {sc.End}: plain L1 {a:E2} (256 cells), {b:E2} (512 cells), order {Math.Log2(a / b):F3}; extrapolated L1 {x:E2} (256 cells)");
        Assert.InRange(Math.Log2(a / b), 1.8, 2.2);
        Assert.True(x <= 1e-6, $"{x:E2}");
    }

    /// <summary>The harmonic potential from a point mass at x = 1: every snapshot of the long solve against the exact
    /// Gaussian marginal, and the steady state against N(0, 1).</summary>
    [Fact]
    public void HarmonicPotentialFromAPointMass()
    {
        var sc = ScenarioParser.ParseFile(Path("harmonic"));
        Assert.IsType<PointMasses1D>(sc.Initial1D);
        var g = sc.Grid1D!;
        var sol = Long(sc);
        var err = sc.Times.Select((t, s) => CellAverages.Of(g, ExactMarginal.Of(sc.Process, sc.Initial1D!, 0, t)!)
            .Zip(sol.Densities[s], (a, b) => Math.Abs(a - b)).Sum() * g.H).ToArray();
        var stationary = CellAverages.Of(g, new GaussianMixture1D([1.0], [0.0], [1.0]));
        double s = Steady("harmonic", sc).Density.Zip(stationary, (a, b) => Math.Abs(a - b)).Sum() * g.H;
        log.WriteLine($"harmonic from a point mass: L1 of the long solve per snapshot {string.Join(" ", err.Select(e => e.ToString("E2")))}; steady L1 {s:E2}");
        Assert.Contains(sol.Warnings, w => w.StartsWith("point-mass start: the grid starts at t = ", StringComparison.Ordinal));
        Assert.True(s <= 1e-6, $"steady L1 {s:E2}");
        Assert.True(err.Max() <= 1e-6, $"L1 {err.Max():E2}");
    }
}
