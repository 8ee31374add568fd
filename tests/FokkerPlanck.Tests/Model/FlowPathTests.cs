using FokkerPlanck.Backends;
using FokkerPlanck.Expressions;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Tests.Backends;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Model;

/// <summary>
/// Flow matching along any affine path X_t = α(t) Z + σ(t) ε from expressions: the rectified path written out equals the
/// built-in one, the trigonometric path's exact marginal and velocity satisfy the continuity equation, the particle kernel
/// runs the compiled path on ILGPU's CPU accelerator as on the managed backend, and bad paths are refused.
/// </summary>
public sealed class FlowPathTests(ITestOutputHelper log, IlgpuCpuFixture fixture) : IClassFixture<IlgpuCpuFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-flowpath-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dictionary<string, double> None = [];

    private static FlowMatchingPath Trig1D => new(TestCases.Mixture3, ScheduleCompiler.FlowPath("sin(0.5 * pi * t)", "cos(0.5 * pi * t)", false, None));

    [Fact]
    public void TheRectifiedPathFromExpressionsIsTheBuiltInOne()
    {
        var builtIn = new FlowMatchingPath(TestCases.Mixture3);
        var written = new FlowMatchingPath(TestCases.Mixture3, ScheduleCompiler.FlowPath("t", "1 - t", false, None));
        var builtIn2 = new FlowMatchingPath(TestCases.Mixture2D);
        var written2 = new FlowMatchingPath(TestCases.Mixture2D, ScheduleCompiler.FlowPath("t", "pow(1 - t, 2)", true, None));
        double worst = 0;
        foreach (double t in new[] { 0.0, 0.2, 0.5, 0.8, 0.95 })
            foreach (double x in new[] { -3.0, -0.4, 0.7, 2.9 })
            {
                double a = builtIn.Velocity(x, t), b = written.Velocity(x, t);
                worst = Math.Max(worst, Math.Abs(a - b) / (1 + Math.Abs(a)));
                var (u, v) = builtIn2.Velocity(x, 0.5 * x - 0.3, t);
                var (u2, v2) = written2.Velocity(x, 0.5 * x - 0.3, t);
                worst = Math.Max(worst, Math.Max(Math.Abs(u - u2) / (1 + Math.Abs(u)), Math.Abs(v - v2) / (1 + Math.Abs(v))));
                Assert.Equal(builtIn.Marginal1D(t).Density(x), written.Marginal1D(t).Density(x), 1e-15);
            }
        log.WriteLine($"rectified path from expressions against the built-in: velocity {worst:E2} relative");
        Assert.True(worst < 1e-13, $"{worst:E2}");
    }

    /// <summary>∂p/∂t + ∂x(p u) = 0 for the exact marginal and velocity of the trigonometric path, by central differences
    /// (δt = δx = 1e-4: truncation ≈ 1e-8 of the terms); a wrong velocity (B halved) fails the same check.</summary>
    [Fact]
    public void TheTrigonometricPathsVelocityTransportsItsMarginal()
    {
        var path = Trig1D;
        double Residual(Func<double, double, double> u, double x, double t)
        {
            const double d = 1e-4;
            double dpdt = (path.Marginal1D(t + d).Density(x) - path.Marginal1D(t - d).Density(x)) / (2 * d);
            var m = path.Marginal1D(t);
            double flux = (m.Density(x + d) * u(x + d, t) - m.Density(x - d) * u(x - d, t)) / (2 * d);
            return Math.Abs(dpdt + flux) / (Math.Abs(dpdt) + Math.Abs(flux));
        }
        double worst = 0, wrong = double.PositiveInfinity;
        foreach (double t in new[] { 0.1, 0.4, 0.7, 0.9 })
            foreach (double x in new[] { -2.5, -0.8, 0.4, 1.9 })
            {
                worst = Math.Max(worst, Residual(path.Velocity, x, t));
                wrong = Math.Min(wrong, Residual((y, s) => 0.5 * (path.Velocity(y, s) + Math.PI / 2 * Math.Tan(Math.PI / 2 * s) * -y), x, t));
            }
        log.WriteLine($"continuity residual of the trig path: {worst:E2} (relative); a wrong velocity: ≥ {wrong:E2}");
        Assert.True(worst < 1e-6, $"{worst:E2}");
        Assert.True(wrong > 1e-3, $"control {wrong:E2}");
    }

    [Theory]
    [InlineData("pf-ode", "rk4")]
    [InlineData("pf-ode", "dopri5")]
    public void TheCompiledPathRunsOnIlgpuAsOnManaged(string dynamics, string integrator)
    {
        var p = new ParticleProblem(new FlowMatchingProcess(Trig1D), Trig1D.Marginal1D(0.1), [0.1, 0.5, 0.9], null);
        var o = new ParticleOptions { Dynamics = Dynamics.Parse(dynamics), Integrator = Integrators.Parse(integrator), Field = FieldKind.Exact, Particles = 40, Steps = 12, Seed = 5 };
        var a = ParticleSimulator.Simulate(p, o, new ManagedBackend());
        var b = ParticleSimulator.Simulate(p, o, fixture.Backend);
        for (int s = 0; s < a.Times.Length; s++)
            for (int i = 0; i < a.X[s].Length; i++)
                Assert.True(Math.Abs(a.X[s][i] - b.X[s][i]) <= 1e-12 * Math.Max(1, Math.Abs(a.X[s][i])), $"{a.X[s][i]:R} vs {b.X[s][i]:R}");
        Assert.NotEqual(a.X[0], a.X[^1]);
    }

    private string Scenario(string extra, double end = 0.9)
    {
        string file = Path.Combine(_dir, "f.json");
        File.WriteAllText(file, "{\"name\": \"f\", \"process\": {\"kind\": \"flow-matching\", " + extra +
            """ "data": {"kind": "gaussian-mixture", "weights": [1], "means": [[0.5]], "covariances": [[[0.2]]]}}, "grid": {"lower": [-6], "upper": [6], "cells": [64]}, "time": {"end": """ +
            end.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", \"snapshots\": 3}}");
        return file;
    }

    [Theory]
    [InlineData("\"sigma\": \"1 - t\",", "$.process.alpha", "required with sigma or variance")]
    [InlineData("\"alpha\": \"t\",", "$.process.sigma", "required with alpha")]
    [InlineData("\"alpha\": \"t\", \"sigma\": \"1 - t\", \"variance\": \"1\",", "$.process.variance", "not both")]
    [InlineData("\"alpha\": \"t\", \"sigma\": \"0.5 - t\",", "$.process", "is not usable at t = 0.5")]
    [InlineData("\"alpha\": \"t\", \"variance\": \"0.4 - t\",", "$.process", "sigma = NaN")]
    [InlineData("\"alpha\": \"t * q\", \"sigma\": \"1 - t\",", "$.process.alpha", "unknown variable 'q'")]
    [InlineData("\"parameters\": {\"a\": 1},", "$.process.parameters", "go with a path")]
    public void BadPathsAreRefused(string extra, string path, string reason)
    {
        Cli.CliRefusal.Check(Scenario(extra), Path.Combine(_dir, "o"), path, reason);
    }
}
