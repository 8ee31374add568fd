using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Backends;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace FokkerPlanck.Tests.Model;

/// <summary>
/// The process seam: every registered process kind (a new one is covered without a line here) is read from a scenario
/// with its defaults, and its host formulas are checked against the kernel code: the grid's face-drift functor, and for a
/// linear process its schedule struct run inside an ILGPU kernel (CPU accelerator here; CUDA when a device is present).
/// </summary>
public class ProcessSeamTests(Xunit.Abstractions.ITestOutputHelper log)
{
    // Kinds whose object needs more than "kind" (their required fields); any other kind must parse from its defaults.
    private static string Extra(string kind) => kind switch
    {
        "langevin" => """, "target": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.5]], "covariances": [[[0.7]]]}""",
        "flow-matching" => """, "data": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.5]], "covariances": [[[0.7]]]}""",
        // The trigonometric path X_t = cos(πt/2) X + sin(πt/2) Z, from expressions.
        "affine" => ", \"alpha\": \"cos(0.5 * pi * t)\", \"variance\": \"pow(sin(0.5 * pi * t), 2)\"",
        "sde" => ", \"drift\": \"-x + 0.3 * sin(x) * t\", \"g\": \"1.2\"",
        _ => "",
    };

    /// <summary>The process a 1D scenario with only this kind (and its required fields) reads as; over [0, 0.9] so that
    /// schedules ending at t = 1 are admitted.</summary>
    internal static Process Read(string kind)
    {
        string initial = kind == "flow-matching" ? "" : """, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]}""";
        string json = "{\"name\": \"seam-" + kind + "\", \"process\": {\"kind\": \"" + kind + "\"" + Extra(kind) + "}" + initial +
            """, "grid": {"lower": [-8], "upper": [8], "cells": [64]}, "time": {"end": 0.9, "snapshots": 3}}""";
        return ScenarioParser.Parse(json, kind).Process;
    }

    public static TheoryData<string> Kinds => [.. ProcessKinds.Registry.All.Select(k => k.Kind)];

    private static readonly double[] Times = [0.0, 0.013, 0.25, 0.5, 0.77, 0.9];
    private static readonly double[] Points = [-3.7, -0.4, 0.0, 0.9, 2.6];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FaceDriftFunctorGivesTheHostDrift(string kind)
    {
        var p = Read(kind);
        var probe = new FaceProbe(Points, Times);
        double[]? kernel;
        try { kernel = p.UseFaceDrift(probe); }
        catch (ArgumentException e) when (e.Message.Contains("no Fokker–Planck grid form")) { kernel = null; }
        if (kernel is null)
        {
            // Only a process without a Fokker–Planck form may refuse (the flow-matching path is a continuity equation).
            Assert.Equal(0.0, p.G(0.5));
            return;
        }
        var f = new double[1];
        int i = 0;
        foreach (double t in Times)
        {
            foreach (double x in Points)
            {
                p.Drift([x], t, f);
                // A drift evaluated at the face midpoint is exact; a drift from tabulated log-densities (Langevin) is a
                // centred difference with error O(h²) = O(1e-8) at h = 1e-4.
                double tol = p is LinearProcess ? 0.0 : 1e-6 * (1 + Math.Abs(f[0]));
                Assert.True(Math.Abs(kernel[i] - f[0]) <= tol, $"{kind} at x = {x}, t = {t}: face functor {kernel[i]:R}, host {f[0]:R}");
                i++;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ScheduleRunInAnIlgpuKernelGivesTheHostValues(string kind)
    {
        if (Read(kind) is not LinearProcess p) return; // not a linear process: its kernels are covered by the particle conformance suite
        using var context = Context.Create(b => b.CPU().EnableAlgorithms());
        using var acc = context.CreateCPUAccelerator(0);
        var k = p.UseSchedule(new KernelEvaluation(acc, Times));
        AssertHost(p, k, 0.0);
    }

    [CudaFact]
    public void SchedulesRunOnCudaGiveTheHostValues()
    {
        using var context = Context.Create(b => b.Cuda().EnableAlgorithms());
        using var acc = context.CreateCudaAccelerator(0);
        foreach (var kind in ProcessKinds.Registry.All.Select(k => k.Kind))
        {
            if (Read(kind) is not LinearProcess p) continue;
            // CUDA's exp, log, pow and tan are not .NET's: agreement to 1e-12 relative.
            AssertHost(p, p.UseSchedule(new KernelEvaluation(acc, Times)), 1e-12);
        }
    }

    /// <summary>
    /// The two halves of a schedule describe one process: the SDE (a, g) and the marginal (m, v) must satisfy a = m'/m and
    /// g² = v' - 2 a v. Derivatives by the 4th-order central difference with δ = 1e-3 (truncation ~ δ⁴ = 1e-12 relative,
    /// round-off ~ 1e-16/δ); tolerance 1e-8 relative. The control: VP's drift paired with sub-VP's marginal fails.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void ScheduleSdeAndMarginalAgree(string kind)
    {
        if (Read(kind) is not LinearProcess p) return;
        foreach (double t in new[] { 0.05, 0.2, 0.5, 0.85 })
        {
            var (a, g2, ra, rg) = Identity(p, p, t);
            Assert.True(ra <= 1e-8 * (1 + Math.Abs(a)), $"{kind}: a({t}) = {a:R}, m'/m off by {ra:E2}");
            Assert.True(rg <= 1e-8 * (1 + g2), $"{kind}: g²({t}) = {g2:R}, v' - 2 a v off by {rg:E2}");
        }
        var (_, _, _, wrong) = Identity(new VpProcess(), new SubVpProcess(), 0.5);
        Assert.True(wrong > 1e-3, $"control: {wrong:E2}");
    }

    // (a, g², |a - m'/m|, |g² - (v' - 2 a v)|) with a, g from sde and m, v from marginal.
    private static (double A, double G2, double Ra, double Rg) Identity(LinearProcess sde, LinearProcess marginal, double t)
    {
        const double d = 1e-3;
        static double D(Func<double, double> f, double t) => (8 * (f(t + d) - f(t - d)) - (f(t + 2 * d) - f(t - 2 * d))) / (12 * d);
        var f = new double[1];
        sde.Drift([1.0], t, f);
        double a = f[0], g = sde.G(t), g2 = g * g;
        double mp = D(marginal.MeanFactor, t), vp = D(marginal.AddedVariance, t);
        return (a, g2, Math.Abs(a - mp / marginal.MeanFactor(t)), Math.Abs(g2 - (vp - 2 * a * marginal.AddedVariance(t))));
    }

    [Fact]
    [Trait("Tier", "Full")]
    public void ALinearProcessFromOneFileSolvesToItsExactMarginal()
    {
        // The interpolant is a test-assembly plugin (Plugins/InterpolantProcess.cs): its schedule struct alone.
        var p = Read("interpolant");
        // Its density starts unsmoothed (g(0) = 0) and is compressed by a = -1/(1 - t), so the grid error is the spatial
        // one: measured L1 5.4e-5 (1024 cells) and 1.3e-5 (2048) at t = 0.3. The check: second order between the two
        // grids (observed order in [1.8, 2.2]) towards the exact marginal, and ≤ 2e-5 at 2048 cells.
        double[] Worst(int cells, out FokkerPlanck.Discretization.GridSolution sol)
        {
            sol = FokkerPlanck.Discretization.FokkerPlanckSolver.Solve(p, new FokkerPlanck.Grids.Grid1D(-10, 10, cells), TestCases.Mixture3,
                TestCases.Times(0.9, 4), new FokkerPlanck.Discretization.SolverOptions { Tolerance = 1e-9 }, TestCases.Managed);
            return TestCases.L1Errors(sol, p, TestCases.Mixture3);
        }
        var coarse = Worst(1024, out _);
        var fine = Worst(2048, out var sol);
        log.WriteLine($"interpolant: L1 per snapshot, 1024 cells {string.Join(" ", coarse.Select(e => e.ToString("E2")))}; 2048 cells {string.Join(" ", fine.Select(e => e.ToString("E2")))}");
        double order = Math.Log2(coarse.Max() / fine.Max());
        Assert.InRange(order, 1.8, 2.2);
        Assert.True(fine.Max() <= 2e-5, $"L1 {fine.Max():E2}");
        // Control: the same grid against the VP marginal is far off.
        Assert.True(TestCases.L1Errors(sol, new VpProcess(), TestCases.Mixture3)[^1] > 1e-2);
    }

    [Theory]
    [InlineData("cosine", 0.0, 1.0, "$.time.end", "time.end must be < 1")]
    [InlineData("cosine", 0.0, 1.5, "$.time.end", "time.end must be < 1")]
    [InlineData("edm", -0.1, 1.0, "$.time.start", "noise level")]
    [InlineData("interpolant", 0.0, 1.0, "$.time.end", "pure noise")]
    [InlineData("ve", 0.0, 1000.0, "$.time.end", "cannot run over")]
    public void ATimeRangeOutsideTheScheduleIsRefusedWithItsReason(string kind, double start, double end, string path, string reason)
    {
        string json = "{\"name\": \"range\", \"process\": {\"kind\": \"" + kind + "\"}, " +
            """ "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0]], "covariances": [[[1]]]}, "grid": {"lower": [-8], "upper": [8], "cells": [64]}, """ +
            "\"time\": {\"start\": " + start.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ", \"end\": " +
            end.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}";
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(json, "range.json"));
        Assert.Contains(path, e.Message);
        Assert.Contains(reason, e.Message);
    }

    private static void AssertHost(LinearProcess p, double[] k, double rel)
    {
        var f = new double[1];
        for (int j = 0; j < Times.Length; j++)
        {
            double t = Times[j];
            p.Drift([1.0], t, f);
            double[] host = [f[0], p.G(t), p.MeanFactor(t), p.AddedVariance(t)];
            string[] names = ["a", "g", "m", "v"];
            for (int q = 0; q < 4; q++)
            {
                double kv = k[4 * j + q];
                Assert.True(Math.Abs(kv - host[q]) <= rel * Math.Abs(host[q]), $"{p.Kind}: {names[q]}({t}) kernel {kv:R}, host {host[q]:R}");
            }
        }
    }

    // Evaluates a process's face-drift functor at faces centred on each point (h = 1e-4), aux from the process's table.
    private sealed class FaceProbe(double[] points, double[] times) : IFaceDriftUser<double[]>
    {
        public int Dimension => 1;

        public double[] Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D
        {
            const double h = 1e-4;
            var r = new List<double>();
            foreach (double t in times)
                foreach (double x in points)
                    r.Add(drift.Face(x - h, x + h, aux?.Invoke(x - h) ?? 0, aux?.Invoke(x + h) ?? 0, t));
            return [.. r];
        }

        public double[] Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D =>
            throw new InvalidOperationException("1D probe");
    }

    // Runs a schedule's a(t), g(t), m(t), v(t) inside an ILGPU kernel, one thread per time.
    private sealed class KernelEvaluation(Accelerator acc, double[] times) : IScheduleUser<double[]>
    {
        public double[] Use<TSchedule>(TSchedule schedule) where TSchedule : struct, ILinearSchedule
        {
            using var t = acc.Allocate1D(times);
            using var o = acc.Allocate1D<double>(4 * times.Length);
            var kernel = acc.LoadAutoGroupedStreamKernel<Index1D, TSchedule, ArrayView<double>, ArrayView<double>>(Evaluate);
            kernel(times.Length, schedule, t.View, o.View);
            acc.Synchronize();
            return o.GetAsArray1D();
        }

        private static void Evaluate<TSchedule>(Index1D i, TSchedule s, ArrayView<double> t, ArrayView<double> o) where TSchedule : struct, ILinearSchedule
        {
            double ti = t[i];
            o[4 * i] = s.A(ti);
            o[4 * i + 1] = s.G(ti);
            o[4 * i + 2] = s.MeanFactor(ti);
            o[4 * i + 3] = s.AddedVariance(ti);
        }
    }
}
