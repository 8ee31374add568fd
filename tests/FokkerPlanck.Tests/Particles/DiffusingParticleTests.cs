using FokkerPlanck.Cli;
using FokkerPlanck.Discretization;
using FokkerPlanck.Expressions;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Statistics;
using FokkerPlanck.Tests.Cli;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// Particles of an sde with a position-dependent diffusion (Itô, noise sqrt(2 D(x))), Euler–Maruyama, driven by the grid's
/// score, against the grid's marginals: forward SDE at t = 1, reverse SDE, reverse PF-ODE and the reverse λ = 0.5 member
/// of the family at t = 0. Each KS test at level 2.5e-4 (four null tests: family-wise error ≤ 1e-3 by Bonferroni); n = 20000, so the KS critical distance at that
/// level is 2.12/√n = 0.015 while the grid's own error (200 cells) is ~1e-4 and Euler–Maruyama's weak bias at 400 steps ~1e-3.
/// The same process with a constant D passes the same checks and gives the g form's particles bit for bit.
/// Controls, each rejected at p &lt; 2.5e-4: the reverse PF-ODE without the Itô term ∇D, and the forward particles against
/// the isothermal process's marginal (drift −x + D').
/// </summary>
[Trait("Tier", "Full")]
public sealed class DiffusingParticleTests(ITestOutputHelper log)
{
    private const string D = "0.5 + 0.25 * sin(2 * x)";
    // 161 snapshots: the particles read the grid's score interpolated linearly in time between snapshots, and near t = 0,
    // where the density is narrow, 5 would leave an interpolation error that KS sees (measured: p = 7e-15 for constant D).
    private static readonly double[] Times = [.. Enumerable.Range(0, 161).Select(k => k / 160.0)];
    private static readonly Grid1D Grid = new(-5, 5, 200);
    private static readonly GaussianMixture1D Start = new([1.0], [1.0], [0.1]);

    // FWER 1e-3 over the four null tests (Bonferroni); the controls are rejected below the same level.
    private const double Level = 1e-3 / 4;

    private static readonly Lazy<(Process P, GridFields F)> Ito = new(() => Solve("-x"));

    private static (Process, GridFields) Solve(string drift)
    {
        var p = SdeCompiler.Sde([drift], null, new Dictionary<string, double>(), D);
        var sol = FokkerPlanckSolver.Solve(p, Grid, Start, Times, new SolverOptions { Tolerance = 1e-9 }, TestCases.Managed);
        return (p, GridFields.FromSolution(sol, p));
    }

    // The CDF of a grid density (constant within each cell).
    private static Func<double, double> Cdf(double[] p) => x =>
    {
        double u = (x - Grid.Lower) / Grid.H;
        if (u <= 0) return 0;
        if (u >= Grid.Cells) return 1;
        int i = (int)u;
        double below = 0;
        for (int k = 0; k < i; k++) below += p[k];
        return (below + (u - i) * p[i]) * Grid.H;
    };

    private static double[] Run(string dynamics, NegativeControl control = NegativeControl.None)
    {
        var (p, f) = Ito.Value;
        var r = ParticleSimulator.Simulate(new ParticleProblem(p, Start, Times, f), new ParticleOptions
        {
            Dynamics = Dynamics.Parse(dynamics), Particles = 20_000, Steps = 400, Seed = 17, Control = control,
        });
        Assert.Equal(dynamics == "pf-ode" ? Integrator.Rk4 : Integrator.EulerMaruyama, r.Integrator);
        Assert.Equal(Dynamics.Parse(dynamics), r.Dynamics);
        return r.Times[^1] > r.Times[0] ? r.X[^1] : r.X[Array.IndexOf(r.Times, 0.0)];
    }

    [Fact]
    public void ForwardParticlesFollowTheGridAndNotTheIsothermalLaw()
    {
        var (_, f) = Ito.Value;
        var x = Run("forward-sde");
        double p = KolmogorovSmirnov.Test(x, Cdf(f.Solution.Densities[^1])).P;
        double control = KolmogorovSmirnov.Test(x, Cdf(Solve("-x + 0.5 * cos(2 * x)").Item2.Solution.Densities[^1])).P;
        log.WriteLine($"forward SDE at t = 1: KS p = {p:E2}; against the isothermal marginal p = {control:E2}");
        Assert.True(p > Level, $"p = {p:E2}");
        Assert.True(control < Level, $"control p = {control:E2}");
    }

    [Theory]
    [InlineData("reverse-sde")]
    [InlineData("pf-ode")]
    [InlineData("lambda=0.5")]
    public void ReverseParticlesReachTheGridsStart(string dynamics)
    {
        var (_, f) = Ito.Value;
        var x = Run(dynamics);
        double p = KolmogorovSmirnov.Test(x, Cdf(f.Solution.Densities[0])).P;
        log.WriteLine($"{dynamics} at t = 0: KS p = {p:E2}");
        Assert.True(p > Level, $"p = {p:E2}");
    }

    [Fact]
    public void ThePfOdeWithoutTheItoTermIsRejected()
    {
        var (_, f) = Ito.Value;
        double p = KolmogorovSmirnov.Test(Run("pf-ode", NegativeControl.OmitDiffusionGradient), Cdf(f.Solution.Densities[0])).P;
        log.WriteLine($"pf-ode without grad D at t = 0: KS p = {p:E2}");
        Assert.True(p < Level, $"control p = {p:E2}");
    }

    [Fact]
    public void AdditiveNoiseIntegratorsAreRefused()
    {
        var (p, f) = Ito.Value;
        var e = Assert.Throws<ArgumentException>(() => ParticleSimulator.Simulate(new ParticleProblem(p, Start, Times, f),
            new ParticleOptions { Dynamics = Dynamics.Parse("reverse-sde"), Integrator = Integrator.Sra1, Particles = 10, Steps = 10 }));
        Assert.Contains("needs euler-maruyama", e.Message);
        string dir = Directory.CreateTempSubdirectory("fp-dxp-").FullName;
        try
        {
            string file = Path.Combine(dir, "d.json");
            File.WriteAllText(file, """{"name": "d", "process": {"kind": "sde", "drift": "-x", "diffusion": "0.5 + 0.25 * sin(2 * x)"}, "initial": {"kind": "gaussian-mixture", "weights": [1], "means": [[1.0]], "covariances": [[[0.1]]]}, "grid": {"lower": [-5], "upper": [5], "cells": [64]}, "time": {"end": 1, "snapshots": 3}}""");
            var (code, _, err) = CliTests.Invoke("simulate", file, "--out", Path.Combine(dir, "s"), "--integrator", "sra1", "-n", "100", "-q");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("euler-maruyama", err);
            (code, _, err) = CliTests.Invoke("simulate", file, "--out", Path.Combine(dir, "ok"), "-n", "100", "-q");
            Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
