using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;
using FokkerPlanck.Tests.Backends;

namespace FokkerPlanck.Tests.Particles;

/// <summary>
/// The particle kernels on both backends: Managed against ILGPU's CPU accelerator at small sizes, every
/// integrator, grid and exact fields, 1D and 2D, forward and reverse: agreement ≤ 1e-12 relative to the spread of the
/// positions; and Managed with 1 thread against all threads: bitwise identical.
/// </summary>
public sealed class ParticleConformanceTests(IlgpuCpuFixture fixture) : IClassFixture<IlgpuCpuFixture>
{
    private static readonly Lazy<GridFields> Fields1 = new(() =>
    {
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid1D(-8, 8, 128), TestCases.Mixture3, TestCases.Times(0.5, 6),
            new SolverOptions { Tolerance = 1e-6, Extrapolate = false }, new ManagedBackend());
        return GridFields.FromSolution(sol, new OuProcess());
    });

    private static readonly Lazy<GridFields> Fields2 = new(() =>
    {
        var g = new Grid1D(-6, 6, 24);
        var sol = FokkerPlanckSolver.Solve(new VpProcess(), new Grid2D(g, g), TestCases.Mixture2D, TestCases.Times(0.3, 4),
            new SolverOptions { Tolerance = 1e-5, Extrapolate = false }, new ManagedBackend());
        return GridFields.FromSolution(sol, new VpProcess());
    });

    private static ParticleProblem Problem(int dims) => dims == 1
        ? new ParticleProblem(new OuProcess(), TestCases.Mixture3, TestCases.Times(0.5, 6), Fields1.Value)
        : new ParticleProblem(new VpProcess(), TestCases.Mixture2D, TestCases.Times(0.3, 4), Fields2.Value);

    public static TheoryData<int, string, string, string> Cases => new()
    {
        { 1, "reverse-sde", "euler-maruyama", "grid" },
        { 1, "forward-sde", "sra1", "exact" },
        { 1, "lambda=0.5", "sra1", "grid" },
        { 1, "pf-ode", "rk4", "exact" },
        { 1, "pf-ode", "heun", "grid" },
        { 1, "pf-ode", "dopri5", "grid" },
        { 2, "reverse-sde", "sra1", "grid" },
        { 2, "forward-sde", "euler-maruyama", "exact" },
        { 2, "pf-ode", "dopri5", "exact" },
        { 2, "pf-ode", "rk4", "grid" },
    };

    /// <summary>Every registered integrator (a new one is covered without a line here), on the 1D grid-field problem:
    /// the PF-ODE for an ODE-only integrator, else the reverse SDE.</summary>
    public static TheoryData<string> Registered => [.. Integrators.All.Select(i => i.Name)];

    private static ParticleOptions Options(string dynamics, string integrator, string field, int n) => new()
    {
        Dynamics = Dynamics.Parse(dynamics), Integrator = Integrators.Parse(integrator), Field = field == "grid" ? FieldKind.Grid : FieldKind.Exact,
        Particles = n, Steps = 12, Seed = 77, Trajectories = 3,
    };

    [Theory]
    [MemberData(nameof(Registered))]
    public void EveryRegisteredIntegratorAgreesAcrossBackends(string integrator) =>
        IlgpuCpuAgreesWithManaged(1, Integrators.Parse(integrator).OdeOnly ? "pf-ode" : "reverse-sde", integrator, "grid");

    [Theory]
    [MemberData(nameof(Cases))]
    public void IlgpuCpuAgreesWithManaged(int dims, string dynamics, string integrator, string field)
    {
        var p = Problem(dims);
        var o = Options(dynamics, integrator, field, 40);
        var a = ParticleSimulator.Simulate(p, o, new ManagedBackend());
        var b = ParticleSimulator.Simulate(p, o, fixture.Backend);
        Assert.Equal("ilgpu-cpu", b.Backend);
        Assert.Equal(a.FieldEvaluations, b.FieldEvaluations);
        Assert.Equal(a.Fallbacks, b.Fallbacks);
        for (int s = 0; s < a.Times.Length; s++)
        {
            Close(a.X[s], b.X[s]);
            if (dims == 2) Close(a.Y![s], b.Y![s]);
        }
        Assert.Equal(a.TrajectoryX.Length, b.TrajectoryX.Length);
    }

    /// <summary>Every registered linear process (a new schedule is covered without a line here), with exact fields:
    /// the forward SDE and the reverse PF-ODE from t = 0.05 to 0.85 (inside every schedule's range).</summary>
    public static TheoryData<string, string> LinearKinds()
    {
        var d = new TheoryData<string, string>();
        foreach (var k in FokkerPlanck.Scenarios.ProcessKinds.Registry.All.Select(k => k.Kind))
            if (Model.ProcessSeamTests.Read(k) is LinearProcess)
            {
                d.Add(k, "forward-sde");
                d.Add(k, "pf-ode");
            }
        return d;
    }

    [Theory]
    [MemberData(nameof(LinearKinds))]
    public void EveryLinearProcessAgreesAcrossBackends(string kind, string dynamics)
    {
        var process = Model.ProcessSeamTests.Read(kind);
        double[] times = [0.05, 0.45, 0.85];
        var p = new ParticleProblem(process, TestCases.Mixture3, times, null);
        var o = Options(dynamics, dynamics == "pf-ode" ? "rk4" : "sra1", "exact", 40);
        var a = ParticleSimulator.Simulate(p, o, new ManagedBackend());
        var b = ParticleSimulator.Simulate(p, o, fixture.Backend);
        for (int s = 0; s < a.Times.Length; s++) Close(a.X[s], b.X[s]);
        // The particles moved (the schedule is not a no-op in either backend).
        Assert.NotEqual(a.X[0], a.X[^1]);
    }

    private static void Close(double[] a, double[] b)
    {
        double scale = Math.Max(1.0, a.Max(Math.Abs));
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-12 * scale, $"particle {i}: {a[i]:R} vs {b[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ManagedIsBitwiseIdenticalForAnyThreadCount(int dims, string dynamics, string integrator, string field)
    {
        var p = Problem(dims);
        var o = Options(dynamics, integrator, field, 3000);
        var a = ParticleSimulator.Simulate(p, o, new ManagedBackend(1));
        var b = ParticleSimulator.Simulate(p, o, new ManagedBackend(2));
        for (int s = 0; s < a.Times.Length; s++)
        {
            Assert.Equal(a.X[s], b.X[s]);
            if (dims == 2) Assert.Equal(a.Y![s], b.Y![s]);
        }
        Assert.Equal(a.FieldEvaluations, b.FieldEvaluations);
    }
}
