using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Fields;

public class GridFieldsTests(ITestOutputHelper log)
{
    private static Process Make(string kind) => kind switch
    {
        "ou" => new OuProcess(),
        "vp" => new VpProcess(),
        _ => new VeProcess(0.01, 5),
    };

    /// <summary>max |Δ|/(1 + |exact|) of score and PF velocity over cells whose exact density is ≥ floor · max.</summary>
    internal static (double Score, double Velocity) Errors(GridFields f, Process p, IDensity1D initial, int s, double floor)
    {
        var g = f.Solution.Grid1!;
        double t = f.Times[s], d = p.Diffusion(t);
        var exact = ExactMarginal.Of(p, initial, f.Times[0], t)!;
        var dens = g.Centers().Select(exact.Density).ToArray();
        double max = dens.Max(), es = 0, ev = 0;
        var fx = new double[1];
        for (int i = 0; i < g.Cells; i++)
        {
            if (dens[i] < floor * max) continue;
            double x = g.Center(i), se = exact.Score(x);
            p.Drift([x], t, fx);
            double ve = fx[0] - d * se;
            es = Math.Max(es, Math.Abs(f.Score[s][i] - se) / (1 + Math.Abs(se)));
            ev = Math.Max(ev, Math.Abs(f.Velocity[s][i] - ve) / (1 + Math.Abs(ve)));
        }
        return (es, ev);
    }

    // VE ends with sd 5: on [-40, 40] the reflecting edges stay out of the region p ≥ 1e-10 max p that is compared.
    public static TheoryData<string, double, int> Cases => new() { { "ou", 10, 2048 }, { "vp", 10, 2048 }, { "ve", 40, 4096 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScoreAndVelocityMatchTheExactMixtureFields(string kind, double half, int cells)
    {
        var p = Make(kind);
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-half, half, cells), TestCases.Mixture3, TestCases.Times(1.0, 6), backend: TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        var rows = Enumerable.Range(0, f.Times.Length).Select(s => (Errors(f, p, TestCases.Mixture3, s, 1e-6), Errors(f, p, TestCases.Mixture3, s, 1e-10))).ToArray();
        for (int s = 0; s < rows.Length; s++)
            log.WriteLine($"{kind} t={f.Times[s]:F1}: p≥1e-6: score {rows[s].Item1.Score:E2} velocity {rows[s].Item1.Velocity:E2}; p≥1e-10: score {rows[s].Item2.Score:E2} velocity {rows[s].Item2.Velocity:E2}");
        foreach (var ((s6, v6), (s10, v10)) in rows)
        {
            Assert.True(s6 <= 2e-4 && v6 <= 2e-4, $"{s6}, {v6}");
            Assert.True(s10 <= 1e-3 && v10 <= 1e-3, $"{s10}, {v10}");
        }
        // Error against depth into the tail, in standard deviations of the Gaussianised marginal (t = T).
        var g = sol.Grid1!;
        var exact = ExactMarginal.Of(p, TestCases.Mixture3, 0, 1.0)!;
        var worst = new double[12];
        for (int i = 0; i < g.Cells; i++)
        {
            double x = g.Center(i), u = exact.Cdf(x), z = Math.Abs(MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(u, 1e-300, 1 - 1e-16)));
            int bin = (int)Math.Min(11, z);
            if (f.Weight[^1][i] < 1) continue;
            double se = exact.Score(x);
            worst[bin] = Math.Max(worst[bin], Math.Abs(f.Score[^1][i] - se) / (1 + Math.Abs(se)));
        }
        log.WriteLine($"{kind} t=1 score error by depth |z| = 0..1, 1..2, ...: {string.Join(" ", worst.Select(w => w.ToString("E1")))}");
    }

    [Fact]
    public void ScoreOrderIsTwo()
    {
        var p = new VpProcess();
        int[] n = [256, 512, 1024];
        var err = n.Select(c =>
        {
            var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-10, 10, c), TestCases.Mixture3, [0.0, 0.3, 0.6], backend: TestCases.Managed);
            var f = GridFields.FromSolution(sol, p);
            return Enumerable.Range(0, 3).Max(s => Errors(f, p, TestCases.Mixture3, s, 1e-6).Score);
        }).ToArray();
        double order = TestCases.Order(n.Select(c => 20.0 / c).ToArray(), err);
        log.WriteLine($"score errors {string.Join(" ", err.Select(e => e.ToString("E3")))}; order {order:F3}");
        Assert.True(order >= 1.9, $"{order}");
    }

    /// <summary>Overlapping anisotropic mixture: no deep valley inside the compared region.</summary>
    internal static GaussianMixture2D Overlapping => new([0.6, 0.4], [[-0.8, 0.3], [0.9, -0.4]],
        [[[0.5, 0.2], [0.2, 0.35]], [[0.4, -0.1], [-0.1, 0.6]]]);

    private static double MaxError2D(GridFields f, int s, IDensity2D exact)
    {
        var g = f.Solution.Grid2!;
        var dens = CellAverages.Values(g, exact.Density);
        double max = dens.Max(), err = 0;
        for (int i = 0; i < g.X.Cells; i++)
            for (int j = 0; j < g.Y.Cells; j++)
            {
                int c = g.Index(i, j);
                if (dens[c] < 1e-6 * max) continue;
                var (sx, sy) = exact.Score(g.X.Center(i), g.Y.Center(j));
                err = Math.Max(err, Math.Max(Math.Abs(f.Score[s][c] - sx) / (1 + Math.Abs(sx)), Math.Abs(f.ScoreY![s][c] - sy) / (1 + Math.Abs(sy))));
            }
        return err;
    }

    // VE in 2D uses sigmaMax = 1 on [-9, 9]: at 256² a grid wide enough for sigmaMax = 5 (or 1.5, 2: the reflecting
    // edges then reach the compared region p ≥ 1e-6 max p) cannot also resolve the data's 0.37 standard deviation.
    [Trait("Tier", "Full")]
    [Theory]
    [InlineData("ou", 8.0)]
    [InlineData("vp", 8.0)]
    [InlineData("ve", 9.0)]
    public void TwoDimensionalFields(string kind, double half)
    {
        Process p = kind switch { "ou" => new OuProcess(), "vp" => new VpProcess(), _ => new VeProcess(0.01, 1.0) };
        var g1 = new Grid1D(-half, half, 256);
        var g = new Grid2D(g1, g1);
        var sol = FokkerPlanckSolver.Solve(p, g, Overlapping, [0.0, 0.5, 1.0], new SolverOptions { Tolerance = 1e-6 }, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        for (int s = 0; s < 3; s++)
        {
            var exact = ExactMarginal.Of(p, Overlapping, 0, sol.Times[s])!;
            double err = MaxError2D(f, s, exact);
            var (es, ev) = FieldErrors.Relative(f, s, null, exact);
            log.WriteLine($"2D {kind} 256² t={sol.Times[s]}: score {es:E2}, PF velocity {ev:E2}");
            Assert.Equal(err, es, 1e-15);
            Assert.True(es <= 1e-2 && ev <= 1e-2, $"{es}, {ev}");
        }
    }

    [Trait("Tier", "Full")]
    [Fact]
    public void TwoDimensionalScoreInADeepValleyConvergesAtHighOrder()
    {
        // The separated mixture has a valley at 1e-6 of the peak where ln p turns sharply: the hardest place for
        // differences. Exact cell averages at t = 0; the error falls at order ≥ 3 (measured 2.4e-1, 2.4e-2, 2.4e-3).
        var errs = new[] { 128, 256, 512 }.Select(n =>
        {
            var g1 = new Grid1D(-8, 8, n);
            var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid2D(g1, g1), TestCases.Mixture2D, [0.0, 1e-12],
                new SolverOptions { Extrapolate = false }, TestCases.Managed);
            return MaxError2D(GridFields.FromSolution(sol, new OuProcess()), 0, TestCases.Mixture2D);
        }).ToArray();
        double order = TestCases.Order([4.0, 2.0, 1.0], errs);
        log.WriteLine($"valley: {string.Join(" ", errs.Select(e => e.ToString("E2")))}; order {order:F2}");
        Assert.True(order >= 3, $"{order}");
    }

    [Fact]
    public void SingleGaussianGivesALinearScore()
    {
        var p = new OuProcess(0.7, 1.1);
        var init = new GaussianMixture1D([1.0], [1.0], [0.3]);
        var g = new Grid1D(-8, 8, 512);
        var sol = FokkerPlanckSolver.Solve(p, g, init, [0.0, 0.5, 1.0], backend: TestCases.Managed);
        var f = GridFields.FromSolution(sol, p);
        for (int s = 0; s < 3; s++)
        {
            var idx = Enumerable.Range(0, g.Cells).Where(i => f.Weight[s][i] >= 1).ToArray();
            var xs = idx.Select(g.Center).ToArray();
            var ys = idx.Select(i => f.Score[s][i]).ToArray();
            var (a, b) = MathNet.Numerics.Fit.Line(xs, ys);
            double resid = idx.Select((i, k) => Math.Abs(ys[k] - (a + b * xs[k])) / (1 + Math.Abs(ys[k]))).Max();
            var exact = CellAverages.Of(g, ExactMarginal.Of(p, init, 0, sol.Times[s])!);
            double relErr = idx.Max(i => Math.Abs(sol.Densities[s][i] / exact[i] - 1));
            log.WriteLine($"t={sol.Times[s]}: slope {b:F6}, residual from a line {resid:E2} (max relative density error in the trusted region {relErr:E2})");
            // Nonlinearity comes only from the O((h/σ)⁴) terms of the cell-average correction: 3e-6 at h/σ = 0.057.
            Assert.True(resid <= 1e-5, $"{resid}");
        }
    }

    [Fact]
    public void TrustRegionFallsBackContinuouslyAndIsCounted()
    {
        var p = new OuProcess();
        var sol = FokkerPlanckSolver.Solve(p, new Grid1D(-12, 12, 400), TestCases.Mixture3, [0.0, 0.2], new SolverOptions { Extrapolate = false }, TestCases.Managed);
        var f = GridFields.FromSolution(sol, p, new TrustRegion { Floor = 1e-8 });
        var w = f.Weight[1];
        Assert.Contains(w, v => v == 0);
        Assert.Contains(w, v => v > 0 && v < 1);
        Assert.All(f.Score[1], v => Assert.True(double.IsFinite(v)));
        // The documented blend: grid value where w = 1, the moment-matched Gaussian's score where w = 0, in between otherwise.
        var g = sol.Grid1!;
        var d = sol.Densities[1];
        double m0 = d.Sum(), mean = d.Select((v, i) => v * g.Center(i)).Sum() / m0;
        double var = d.Select((v, i) => v * (g.Center(i) - mean) * (g.Center(i) - mean)).Sum() / m0;
        var plain = GridFields.FromSolution(sol, p, new TrustRegion { Floor = 1e-300 });
        for (int i = 1; i < w.Length - 1; i++)
        {
            double fb = -(g.Center(i) - mean) / var, grid = plain.Score[1][i], got = f.Score[1][i];
            if (w[i] == 1) Assert.Equal(grid, got, 1e-12 * (1 + Math.Abs(grid)));
            else if (w[i] == 0) Assert.Equal(fb, got, 1e-9 * (1 + Math.Abs(fb)));
            else Assert.InRange(got, Math.Min(grid, fb) - 1e-9, Math.Max(grid, fb) + 1e-9);
        }
        var sampler = new FieldSampler(f);
        sampler.At(0.0, 0.1);
        sampler.At(11.5, 0.1);
        Assert.Equal(2, sampler.Samples);
        Assert.Equal(1, sampler.Fallbacks);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegion { Floor = 2 }.Validate());
    }

    [Fact]
    public void SamplerInterpolatesAtTheDocumentedOrders()
    {
        // Exact cell averages as 'snapshots' isolate the interpolation error from the solver's.
        var p = new OuProcess();
        var init = TestCases.Mixture3;
        GridFields Exact(Grid1D g, double[] times) => GridFields.FromSolution(new GridSolution(g, null, times,
            times.Select(t => CellAverages.Of(g, ExactMarginal.Of(p, init, 0, t)!)).ToArray(), times.Select(_ => 1.0).ToArray(),
            "exact", 0, 0, [], TimeSpan.Zero), p);
        // Space: midpoints between centres, one time.
        int[] n = [256, 512, 1024];
        var es = n.Select(c =>
        {
            var g = new Grid1D(-10, 10, c);
            var sm = new FieldSampler(Exact(g, [0.3, 0.4]));
            return Enumerable.Range(0, c - 1).Select(i => g.Edge(i + 1)).Where(x => Math.Abs(x) < 4)
                .Max(x => Math.Abs(sm.At(x, 0.3).ScoreX - ExactMarginal.Of(p, init, 0, 0.3)!.Score(x)));
        }).ToArray();
        double so = TestCases.Order(n.Select(c => 20.0 / c).ToArray(), es);
        // Time: fine grid, snapshot spacing ladder, sampled half-way between snapshots.
        var gf = new Grid1D(-10, 10, 4096);
        double[] dts = [0.2, 0.1, 0.05];
        var et = dts.Select(dt =>
        {
            var times = Enumerable.Range(0, (int)Math.Round(1.2 / dt) + 1).Select(k => k * dt).ToArray();
            var sm = new FieldSampler(Exact(gf, times));
            double tq = (Math.Floor(0.5 / dt + 1e-9) + 0.5) * dt; // half-way between two snapshots
            // Reference: the fields of the exact density at tq itself, at the same centres (same spatial error).
            var reference = Exact(gf, [tq, tq + 0.01]);
            return new[] { 1200, 1900, 2200, 2500 }.Max(i => Math.Abs(sm.At(gf.Center(i), tq).ScoreX - reference.Score[0][i]));
        }).ToArray();
        double to = TestCases.Order(dts, et);
        log.WriteLine($"space: {string.Join(" ", es.Select(e => e.ToString("E2")))} order {so:F2}; time: {string.Join(" ", et.Select(e => e.ToString("E2")))} order {to:F2}");
        Assert.InRange(so, 1.8, 2.3);
        Assert.True(to >= 3.5, $"time order {to}");
    }
}
