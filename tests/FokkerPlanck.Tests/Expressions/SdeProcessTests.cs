using FokkerPlanck.Backends;
using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Tests.Backends;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Expressions;

/// <summary>The <c>sde</c> process: drift and g from expressions, compiled once, run by the grid and by the particle
/// kernels on both backends.</summary>
public sealed class SdeProcessTests(IlgpuCpuFixture fixture, ITestOutputHelper log) : IClassFixture<IlgpuCpuFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sde-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dictionary<string, double> None = [];

    [Fact]
    public void OuWrittenAsAnSdeGivesTheBuiltInOusBitsOnTheGridAndForParticles()
    {
        var e = SdeCompiler.Sde(["-theta * x"], "sqrt(2)", new Dictionary<string, double> { ["theta"] = 1 });
        var ou = new OuProcess(1.0, Math.Sqrt(2));
        var g = new Grid1D(-8, 8, 256);
        var o = new SolverOptions { Tolerance = 1e-7 };
        double[] times = TestCases.Times(1.0, 5);
        var a = FokkerPlanckSolver.Solve(e, g, TestCases.Mixture3, times, o, TestCases.Managed);
        var b = FokkerPlanckSolver.Solve(ou, g, TestCases.Mixture3, times, o, TestCases.Managed);
        for (int s = 0; s < times.Length; s++) Assert.Equal(b.Densities[s], a.Densities[s]);
        // Particles: reverse SDE with grid fields, the same bits (the drift -1·x and g = √2 round identically).
        var pa = ParticleSimulator.Simulate(new ParticleProblem(e, TestCases.Mixture3, times, GridFields.FromSolution(a, e)),
            new ParticleOptions { Dynamics = Dynamics.ReverseSde, Particles = 500, Steps = 20, Seed = 5 }, new ManagedBackend());
        var pb = ParticleSimulator.Simulate(new ParticleProblem(ou, TestCases.Mixture3, times, GridFields.FromSolution(b, ou)),
            new ParticleOptions { Dynamics = Dynamics.ReverseSde, Particles = 500, Steps = 20, Seed = 5 }, new ManagedBackend());
        Assert.Equal(pb.X[^1], pa.X[^1]);
        // ILGPU's CPU accelerator runs the compiled struct too (to 1e-12 of the spread, as for every kernel).
        var pc = ParticleSimulator.Simulate(new ParticleProblem(e, TestCases.Mixture3, times, GridFields.FromSolution(a, e)),
            new ParticleOptions { Dynamics = Dynamics.ReverseSde, Particles = 500, Steps = 20, Seed = 5 }, fixture.Backend);
        double scale = Math.Max(1, pa.X[^1].Max(Math.Abs));
        for (int i = 0; i < 500; i++) Assert.True(Math.Abs(pa.X[^1][i] - pc.X[^1][i]) <= 1e-12 * scale, $"particle {i}");
        // Exact fields do not exist for a general sde: refused.
        Assert.Throws<ArgumentException>(() => ParticleSimulator.Simulate(new ParticleProblem(e, TestCases.Mixture3, times, null),
            new ParticleOptions { Field = FieldKind.Exact, Particles = 10, Steps = 2 }));
    }

    /// <summary>
    /// The compiled structs of the other two expression forms run inside ILGPU kernels as on the managed backend: a
    /// potential U (drift −∇U and its Jacobian by hyper-dual numbers) and a position-dependent diffusion D(x) (noise
    /// √(2D) at the particle and the Itô term ∇D by dual numbers), particles of the reverse SDE and the reverse PF-ODE
    /// on the grid's fields, every end position within 1e-12 of the spread of the managed one (the conformance
    /// tolerance of every kernel). Full tier (the ILGPU CPU accelerator compiles four kernels).
    /// </summary>
    [Fact]
    [Trait("Tier", "Full")]
    public void PotentialAndPositionDependentDiffusionRunOnIlgpuAsOnManaged()
    {
        var g = new Grid1D(-6, 6, 192);
        double[] times = TestCases.Times(1.0, 9);
        var processes = new (string Name, PointProcess P)[]
        {
            ("potential", SdeCompiler.Potential("0.25 * x * x * x * x - 0.5 * x * x + 0.2 * sin(x)", "0.75", 1, None)),
            ("D(x)", SdeCompiler.Sde(["-x"], null, None, "0.5 + 0.25 * sin(2 * x)")),
        };
        foreach (var (name, p) in processes)
        {
            var sol = FokkerPlanckSolver.Solve(p, g, TestCases.Mixture3, times, new SolverOptions { Tolerance = 1e-7 }, TestCases.Managed);
            foreach (var dyn in new[] { Dynamics.ReverseSde, Dynamics.PfOde(DynamicsDirection.Reverse) })
            {
                ParticleResult Run(IBackend b) => ParticleSimulator.Simulate(new ParticleProblem(p, TestCases.Mixture3, times, GridFields.FromSolution(sol, p)),
                    new ParticleOptions { Dynamics = dyn, Particles = 400, Steps = 40, Seed = 9 }, b);
                var a = Run(new ManagedBackend());
                var c = Run(fixture.Backend);
                double scale = Math.Max(1, a.X[^1].Max(Math.Abs)), worst = 0;
                for (int i = 0; i < a.X[^1].Length; i++) worst = Math.Max(worst, Math.Abs(a.X[^1][i] - c.X[^1][i]));
                log.WriteLine($"{name}, {dyn}: largest |managed − ILGPU| {worst:E2} (spread {scale:F2})");
                Assert.True(worst <= 1e-12 * scale, $"{name}, {dyn}: {worst:E2}");
                Assert.True(a.X[^1].All(double.IsFinite));
            }
        }
    }

    [Fact]
    public void JacobianIsTheDerivativeOfTheDrift()
    {
        var p = SdeCompiler.Sde(["sin(x) * y - pow(x, 3) * t", "exp(-x * y) + t * y * y"], "1 + t", None);
        var j = p.UsePointProcess(new Probe(0.7, -1.3, 0.4));
        const double h = 1e-5;
        double Fx(double x, double y) { var f = new double[2]; p.Drift([x, y], 0.4, f); return f[0]; }
        double Fy(double x, double y) { var f = new double[2]; p.Drift([x, y], 0.4, f); return f[1]; }
        double[] fd =
        [
            (Fx(0.7 + h, -1.3) - Fx(0.7 - h, -1.3)) / (2 * h), (Fx(0.7, -1.3 + h) - Fx(0.7, -1.3 - h)) / (2 * h),
            (Fy(0.7 + h, -1.3) - Fy(0.7 - h, -1.3)) / (2 * h), (Fy(0.7, -1.3 + h) - Fy(0.7, -1.3 - h)) / (2 * h),
        ];
        // Central differences: error ~ h² f''' ≈ 1e-10 here.
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(j[k] - fd[k]) <= 1e-8 * (1 + Math.Abs(fd[k])), $"J[{k}] = {j[k]:R}, differences {fd[k]:R}");
        Assert.Equal(1.4, p.G(0.4), 15);
    }

    private sealed class Probe(double x, double y, double t) : IPointProcessUser<double[]>
    {
        public double[] Use<TProcess>(TProcess process) where TProcess : struct, IPointProcess
        {
            process.Drift(x, y, t, out _, out _, out double jxx, out double jxy, out double jyx, out double jyy);
            return [jxx, jxy, jyx, jyy];
        }
    }

    /// <summary>
    /// A constant force F between reflecting walls on [0, L]: the stationary density is ∝ e^{F x / D}. The
    /// Scharfetter–Gummel flux is exact for a constant drift and the exponential's cell averages have the same ratio
    /// e^{F h/D} as its point values, so the long-time grid solution is the exact stationary state up to the decay of the
    /// transient (spectral gap F²/(4D) + D π²/L² = 0.87 here; t = 30 leaves e^{-26}) and the time error: 1e-6 relative at
    /// 256 cells.
    /// </summary>
    [Fact]
    public void ConstantForceRelaxesToTheExponentialSteadyState()
    {
        const double F = 1.0, D = 1.0, L = 4.0;
        var p = SdeCompiler.Sde(["F"], "sqrt(2 * D)", new Dictionary<string, double> { ["F"] = F, ["D"] = D });
        var g = new Grid1D(0, L, 256);
        var sol = FokkerPlanckSolver.Solve(p, g, new GaussianMixture1D([1.0], [2.0], [0.1]), [0.0, 15.0, 30.0],
            new SolverOptions { Scheme = TimeScheme.Implicit, Tolerance = 1e-9 }, TestCases.Managed);
        double z = D / F * (Math.Exp(F * L / D) - 1);
        double worst = 0, control = 0;
        for (int i = 0; i < g.Cells; i++)
        {
            double a = g.Edge(i), b = g.Edge(i + 1);
            double exact = D / F * (Math.Exp(F * b / D) - Math.Exp(F * a / D)) / z / g.H;
            worst = Math.Max(worst, Math.Abs(sol.Densities[^1][i] - exact) / exact);
            control = Math.Max(control, Math.Abs(1.0 / L - exact) / exact);
        }
        log.WriteLine($"constant force: largest relative error of the stationary cell averages {worst:E2}; steps {sol.Steps}");
        Assert.True(worst <= 1e-6, $"{worst:E2}");
        Assert.True(control > 0.5, "control: the uniform density is not the steady state");
    }

    [Theory]
    [InlineData("{\"kind\": \"sde\", \"drift\": \"-x\"}", "$.process.g", "required")]
    [InlineData("{\"kind\": \"sde\", \"drift\": \"-x\", \"g\": \"x\"}", "$.process.g", "unknown variable 'x'")]
    [InlineData("{\"kind\": \"sde\", \"drift\": \"-y\", \"g\": \"1\"}", "$.process.drift", "unknown variable 'y'")]
    [InlineData("{\"kind\": \"sde\", \"drift\": [\"-x\", \"-y\"], \"g\": \"1\"}", "$.process.drift", "the grid is 1D")]
    [InlineData("{\"kind\": \"sde\", \"drift\": 3, \"g\": \"1\"}", "$.process.drift", "must be an expression")]
    [InlineData("{\"kind\": \"sde\", \"drift\": \"1 / x\", \"g\": \"1\"}", "$.process", "not finite on the grid: drift f(x = 0")]
    [InlineData("{\"kind\": \"sde\", \"drift\": \"-x\", \"g\": \"sqrt(0.25 - t)\"}", "$.process", "cannot run over")]
    public void BadSdeObjectsAreRefusedAtTheirPath(string process, string path, string reason) =>
        ProcessRefusal.Check(_dir, process, path, reason);

    [Fact]
    public void TwoDimensionalDriftErrorsNameTheirComponent()
    {
        string json = """
            {"name": "p", "process": {"kind": "sde", "drift": ["-x", "-y + q"], "g": "1"},
             "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.0, 0.0]], "covariances": [[[0.3, 0], [0, 0.3]]]},
             "grid": {"lower": [-6.0, -6.0], "upper": [6.0, 6.0], "cells": [16, 16]}, "time": {"end": 0.5, "snapshots": 3}}
            """;
        string file = Path.Combine(_dir, "p2.json");
        File.WriteAllText(file, json);
        var (code, _, err) = CliTests.Invoke("solve", file, "--out", Path.Combine(_dir, "o"), "-q");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("$.process.drift[1]:", err);
        Assert.Contains("unknown variable 'q'", err);
    }
}
