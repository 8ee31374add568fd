using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Expressions;

/// <summary>
/// An <c>sde</c> given by a potential U and a temperature T: drift −∇U, noise sqrt(2T). The grid's difference-quotient face
/// drift makes the discrete stationary state e^{−U/T} at the centres exactly; the particle drift and its Jacobian −∇²U
/// come exactly from hyper-dual numbers.
/// </summary>
public sealed class PotentialTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-potential-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dictionary<string, double> None = [];

    private static double U(double x) => Math.Pow(x * x - 1, 2) + 0.5 * x;

    [Fact]
    public void TheDiscreteStationaryStateIsExactlyGibbsAtTheCentres()
    {
        var p = SdeCompiler.Potential("pow(x * x - 1, 2) + 0.5 * x", "0.5", 1, None);
        foreach (var g in new[] { new Grid1D(-2.5, 2.5, 40), new Grid1D(-2.5, 2.5, 256) })
        {
            var r = SteadyState.Solve(p, g);
            // Where p ≥ 1e-8 max p: the inverse iteration converges relative to the peak, so the far tails (p down to
            // e^-55 here) carry its round-off relative to the peak, not to themselves.
            double top = r.Density.Max();
            var q = g.Centers().Select((x, i) => (p: r.Density[i], q: r.Density[i] * Math.Exp(U(x) / 0.5))).Where(c => c.p >= 1e-8 * top).Select(c => c.q).ToArray();
            double spread = (q.Max() - q.Min()) / q.Average();
            log.WriteLine($"{g.Cells} cells: p e^(U/T) relative spread {spread:E2} over the {q.Length} cells with p ≥ 1e-8 max p");
            Assert.True(spread < 1e-12, $"{spread:E2}");
        }
    }

    /// <summary>Against the exact cell averages of e^{−U/T} (extrapolated steady solve, 256 cells), with the tool's
    /// estimate within a factor 10 of the error; and the plain second-order result is worse (the check can fail).</summary>
    [Fact]
    public void TheSteadyStateMatchesTheGibbsDensity()
    {
        var p = SdeCompiler.Potential("pow(x * x - 1, 2) + 0.5 * x", "0.5", 1, None);
        var g = new Grid1D(-2.5, 2.5, 256);
        var w = Enumerable.Range(0, g.Cells).Select(i => MathNet.Numerics.Integration.GaussLegendreRule.Integrate(x => Math.Exp(-U(x) / 0.5), g.Edge(i), g.Edge(i + 1), 16)).ToArray();
        double z = w.Sum();
        var exact = w.Select(v => v / z / g.H).ToArray();
        double L1(double[] d) => d.Zip(exact, (a, b) => Math.Abs(a - b)).Sum() * g.H;
        var r = SteadyEstimate.Solve(p, g);
        double e = L1(r.Density), plain = L1(SteadyState.Solve(p, g).Density);
        log.WriteLine($"tilted double well, T = 0.5, 256 cells: L1 {e:E2} (estimate {r.ErrorEstimate:E2}); plain scheme {plain:E2}");
        Assert.True(e < 1e-7, $"{e:E2}");
        Assert.InRange(r.ErrorEstimate / e, 1.0, 10.0);
        Assert.True(plain > 10 * e);
    }

    [Fact]
    public void AHarmonicPotentialIsOu()
    {
        var g = new Grid1D(-6, 6, 90);
        var init = new GaussianMixture1D([0.4, 0.6], [-1.0, 1.5], [0.3, 0.2]);
        var o = new SolverOptions { Extrapolate = false };
        var a = FokkerPlanckSolver.Solve(new OuProcess(1, Math.Sqrt(2)), g, init, [0.0, 0.5, 1.0], o, TestCases.Managed);
        var b = FokkerPlanckSolver.Solve(SdeCompiler.Potential("0.5 * x * x", "1", 1, None), g, init, [0.0, 0.5, 1.0], o, TestCases.Managed);
        double diff = a.Densities[^1].Zip(b.Densities[^1], (x, y) => Math.Abs(x - y)).Max() / a.Densities[^1].Max();
        log.WriteLine($"U = x²/2, T = 1 against ou(1, √2): {diff:E2} of the peak");
        Assert.True(diff < 1e-12, $"{diff:E2}");
    }

    [Fact]
    public void ParticleDriftAndJacobianAreMinusTheGradientAndHessian()
    {
        var p1 = (PointProcess)SdeCompiler.Potential("pow(x * x - 1, 2) + 0.5 * x", "0.5", 1, None);
        var p2 = (PointProcess)SdeCompiler.Potential("x * x * y + sin(y) * x + 0.25 * pow(y, 4)", "0.3", 2, None);
        foreach (var (x, y) in new[] { (0.3, -0.7), (-1.4, 0.2), (2.0, 1.1) })
        {
            var (fx, _, jxx, _, _, _) = Probe(p1, x, 0);
            Assert.Equal(-(4 * x * (x * x - 1) + 0.5), fx, 1e-13);
            Assert.Equal(-(12 * x * x - 4), jxx, 1e-12);
            var (gx, gy, hxx, hxy, hyx, hyy) = Probe(p2, x, y);
            Assert.Equal(-(2 * x * y + Math.Sin(y)), gx, 1e-13);
            Assert.Equal(-(x * x + Math.Cos(y) * x + Math.Pow(y, 3)), gy, 1e-13);
            Assert.Equal(-2 * y, hxx, 1e-13);
            Assert.Equal(-(2 * x + Math.Cos(y)), hxy, 1e-13);
            Assert.Equal(hxy, hyx);
            Assert.Equal(-(-Math.Sin(y) * x + 3 * y * y), hyy, 1e-12);
        }
        Assert.Equal(Math.Sqrt(0.6), p2.G(0), 1e-15);
    }

    private static (double, double, double, double, double, double) Probe(PointProcess p, double x, double y) =>
        p.UsePointProcess(new DriftProbe(x, y));

    private sealed class DriftProbe(double x, double y) : IPointProcessUser<(double, double, double, double, double, double)>
    {
        public (double, double, double, double, double, double) Use<TProcess>(TProcess process) where TProcess : struct, FokkerPlanck.Kernels.IPointProcess
        {
            process.Drift(x, y, 0.3, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy);
            return (fx, fy, jxx, jxy, jyx, jyy);
        }
    }

    [Theory]
    [InlineData("""{"kind": "sde", "potential": "x * x", "temperature": 1, "drift": "-x"}""", "$.process.drift", "not with a potential")]
    [InlineData("""{"kind": "sde", "potential": "x * x"}""", "$.process.temperature", "required with a potential")]
    [InlineData("""{"kind": "sde", "potential": "x * x", "temperature": -1}""", "$.process", "temperature T(0) = -1")]
    [InlineData("""{"kind": "sde", "potential": "x * x", "temperature": "0.2 - t"}""", "$.process", "(it must be finite and ≥ 0)")]
    [InlineData("""{"kind": "sde", "drift": "-x", "g": "1", "temperature": 1}""", "$.process.temperature", "goes with a potential")]
    [InlineData("""{"kind": "sde", "potential": "x * q", "temperature": 1}""", "$.process.potential", "unknown variable 'q'")]
    [InlineData("""{"kind": "sde", "potential": "log(x)", "temperature": 1}""", "$.process", "not finite on the grid")]
    [InlineData("""{"kind": "sde", "potential": "x * x", "temperature": true}""", "$.process.temperature", "must be a number or an expression")]
    public void BadPotentialsAreRefused(string process, string path, string reason) => ProcessRefusal.Check(_dir, process, path, reason);
}
