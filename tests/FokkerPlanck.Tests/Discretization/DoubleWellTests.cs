using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>
/// The double well U = (x² - 1)² at temperature ½ (an <c>sde</c> with drift -U' = -4x (x² - 1), g = 1) between
/// reflecting walls on [-2.5, 2.5]. The discrete operator is assembled column by column from the solver's own kernels
/// (face rates and stencil, managed backend) and its spectrum taken by MathNet's dense eigen-solver: its smallest nonzero
/// eigenvalue λ₁ (the barrier-crossing rate) converges at second order in the cell size, and a long grid solve decays
/// towards the discrete stationary state at exactly that rate.
/// </summary>
public class DoubleWellTests(ITestOutputHelper log)
{
    private static PointProcess Well() => SdeCompiler.Sde(["-4 * x * (x * x - 1)"], "1", new Dictionary<string, double>());

    // The discrete generator L (dp/dt = L p) of the process on the grid, and its eigenvalues sorted by real part, descending.
    private static (Matrix<double> L, double[] Eigen) Spectrum(Process p, Grid1D g)
    {
        var m = p.UseFaceDrift(new Assemble(g, p.Diffusion(0)));
        var evd = m.Evd();
        var ev = evd.EigenValues.Select(z => z.Real).OrderByDescending(x => x).ToArray();
        Assert.All(evd.EigenValues, z => Assert.True(Math.Abs(z.Imaginary) <= 1e-9 * Math.Abs(ev[^1]), $"complex eigenvalue {z}"));
        return (m, ev);
    }

    private sealed class Assemble(Grid1D g, double d) : IFaceDriftUser<Matrix<double>>
    {
        public int Dimension => 1;

        public Matrix<double> Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D
        {
            using var b = new ManagedBackend(1);
            int n = g.Cells;
            var ax = g.ToAxis();
            var zero = b.Allocate(n); var aP = b.Allocate(n + 1); var aM = b.Allocate(n + 1); var e = b.Allocate(n); var r = b.Allocate(n);
            b.Upload(new double[n], zero);
            b.FaceRates1D(ax, 0.0, d, drift, zero, aP, aM);
            var m = Matrix<double>.Build.Dense(n, n);
            var unit = new double[n]; var col = new double[n];
            for (int j = 0; j < n; j++)
            {
                Array.Clear(unit); unit[j] = 1;
                b.Upload(unit, e);
                b.Apply1D(ax, aP, aM, e, r);
                b.Download(r, col);
                for (int i = 0; i < n; i++) m[i, j] = col[i];
            }
            foreach (var v in new[] { zero, aP, aM, e, r }) v.Dispose();
            return m;
        }

        public Matrix<double> Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D =>
            throw new InvalidOperationException("1D");
    }

    [Fact]
    public void SmallestNonzeroEigenvalueConvergesAtSecondOrder()
    {
        var p = Well();
        int[] cells = [64, 128, 256, 512];
        var l1 = cells.Select(n => Spectrum(p, new Grid1D(-2.5, 2.5, n)).Eigen).Select(ev =>
        {
            // The null space (mass conservation) is one eigenvalue 0 to round-off.
            Assert.True(Math.Abs(ev[0]) <= 1e-10 * Math.Abs(ev[^1]), $"λ₀ = {ev[0]:E2}");
            return -ev[1];
        }).ToArray();
        double order = Math.Log2((l1[1] - l1[0]) / (l1[2] - l1[1])), order2 = Math.Log2((l1[2] - l1[1]) / (l1[3] - l1[2]));
        log.WriteLine($"λ₁ at {string.Join(", ", cells)} cells: {string.Join(", ", l1.Select(x => x.ToString("R")))}; observed orders {order:F3}, {order2:F3}");
        Assert.InRange(order, 1.9, 2.1);
        Assert.InRange(order2, 1.9, 2.1);
        // Kramers' estimate (high-barrier limit, ΔU/T = 2: only the order of magnitude) brackets it: √(U''(1)|U''(0)|)/π e^{-ΔU/T}.
        double kramers = Math.Sqrt(8 * 4) / Math.PI * Math.Exp(-2);
        Assert.InRange(l1[^1], 0.5 * kramers, 2 * kramers);
    }

    [Fact]
    public void LongTimeSolutionDecaysAtTheSmallestNonzeroEigenvalue()
    {
        var p = Well();
        var g = new Grid1D(-2.5, 2.5, 256);
        var (m, ev) = Spectrum(p, g);
        double l1 = -ev[1], gap = -ev[2] - l1;
        // Stationary state: the null vector of L, normalised to mass 1.
        var evd = m.Evd();
        int k0 = Enumerable.Range(0, g.Cells).MinBy(k => Math.Abs(evd.EigenValues[k].Real));
        var pi = evd.EigenVectors.Column(k0).Select(z => z).ToArray();
        double mass = pi.Sum() * g.H;
        pi = pi.Select(x => x / mass).ToArray();
        // Start in the left well; by t₁ the second mode has decayed by e^{-gap t₁} < 1e-9 relative to the first.
        double t1 = Math.Ceiling(21 / gap), t2 = t1 + 2 / l1;
        var sol = FokkerPlanckSolver.Solve(p, g, new GaussianMixture1D([1.0], [-1.0], [0.05]), [0.0, t1, t2],
            new SolverOptions { Tolerance = 1e-11, Extrapolate = false }, TestCases.Managed);
        double Distance(double[] q) => q.Zip(pi, (a, b) => Math.Abs(a - b)).Sum() * g.H;
        double d1 = Distance(sol.Densities[1]), d2 = Distance(sol.Densities[2]);
        double measured = Math.Log(d1 / d2) / (t2 - t1);
        log.WriteLine($"λ₁ = {l1:R} (gap to λ₂ {gap:F3}); decay of the L1 distance to the stationary state between t = {t1} and {t2:F2}: " +
            $"{measured:R}, relative difference {Math.Abs(measured / l1 - 1):E2}; distances {d1:E3}, {d2:E3}; steps {sol.Steps}");
        // The distances are ≥ 1e-2 and the solver's error is ~1e-11 per unit time: the rate is good to 1e-6 relative.
        Assert.True(Math.Abs(measured / l1 - 1) <= 1e-6, $"decay {measured:R} vs λ₁ {l1:R}");
        // Control: the rate of the next mode is far from it.
        Assert.True(Math.Abs(-ev[2] / l1 - 1) > 0.5);
    }
}
