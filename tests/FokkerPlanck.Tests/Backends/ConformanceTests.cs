using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Backends;

/// <summary>One ILGPU CPU accelerator for the whole class (it is slow to start).</summary>
public sealed class IlgpuCpuFixture : IDisposable
{
    public IBackend Backend { get; } = IlgpuBackend.CreateCpu();

    public void Dispose() => Backend.Dispose();
}

/// <summary>
/// Every kernel on both backends at small sizes: Managed (SIMD, chunked) against ILGPU's CPU accelerator, agreement
/// ≤ 1e-12 relative to the largest magnitude of the output. Subclass per backend pair (ILGPU's own test layout).
/// </summary>
public abstract class ConformanceTests(IBackend reference, IBackend candidate)
{
    private const double Tolerance = 1e-12;
    private static readonly Random Rng = new(12345);

    private double[] Random(int n, double lo = 0.0, double hi = 1.0) => Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * Rng.NextDouble()).ToArray();

    private (IDeviceVector R, IDeviceVector C) Pair(double[] data)
    {
        var r = reference.Allocate(data.Length); reference.Upload(data, r);
        var c = candidate.Allocate(data.Length); candidate.Upload(data, c);
        return (r, c);
    }

    private void Same(IDeviceVector r, IDeviceVector c, string what)
    {
        var a = new double[r.Length]; var b = new double[c.Length];
        reference.Download(r, a); candidate.Download(c, b);
        double scale = Math.Max(a.Max(Math.Abs), 1e-300);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - b[i]) <= Tolerance * scale, $"{what}[{i}]: {a[i]:R} vs {b[i]:R}");
    }

    /// <summary>Boundary cases: 0, 1, 2 one kind on every side; 3 and 4 a kind per side and per axis (see <see cref="AxisOf"/>).</summary>
    public static TheoryData<int> Boundaries => new() { 0, 1, 2, 3, 4 };

    // Case 3: x absorbing below and reflecting above, y periodic; case 4: x reflecting below and absorbing above, y absorbing
    // below and reflecting above. 1D tests use the x axis.
    private static Axis AxisOf(int code, double lower, double h, int n, bool y = false) => code switch
    {
        3 => y ? new Axis(lower, h, n, Axis.PeriodicBoundary) : new Axis(lower, h, n, Axis.AbsorbingBoundary, Axis.ReflectingBoundary),
        4 => y ? new Axis(lower, h, n, Axis.AbsorbingBoundary, Axis.ReflectingBoundary) : new Axis(lower, h, n, Axis.ReflectingBoundary, Axis.AbsorbingBoundary),
        _ => new Axis(lower, h, n, code),
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Rates1DAgree(int boundary)
    {
        var g = AxisOf(boundary, -3, 0.2, 30);
        var aux = Pair(Random(30, -5, 0));
        var (pR, pC) = Pair(new double[31]); var (mR, mC) = Pair(new double[31]);
        reference.FaceRates1D(g, 0.3, 0.7, new ScheduleDrift<VpSchedule>(new VpSchedule(1, 5)), aux.R, pR, mR);
        candidate.FaceRates1D(g, 0.3, 0.7, new ScheduleDrift<VpSchedule>(new VpSchedule(1, 5)), aux.C, pC, mC);
        Same(pR, pC, "aP linear"); Same(mR, mC, "aM linear");
        reference.FaceRates1D(g, 0.3, 0.7, new GradientDrift(0.9), aux.R, pR, mR);
        candidate.FaceRates1D(g, 0.3, 0.7, new GradientDrift(0.9), aux.C, pC, mC);
        Same(pR, pC, "aP gradient"); Same(mR, mC, "aM gradient");
        reference.FaceRates1D(g, 0.3, 0.0, new ScheduleDrift<VpSchedule>(new VpSchedule(1, 5)), aux.R, pR, mR); // D = 0: upwind
        candidate.FaceRates1D(g, 0.3, 0.0, new ScheduleDrift<VpSchedule>(new VpSchedule(1, 5)), aux.C, pC, mC);
        Same(pR, pC, "aP upwind"); Same(mR, mC, "aM upwind");
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Rates2DAgree(int boundary)
    {
        var gx = AxisOf(boundary, -2, 0.25, 16); var gy = AxisOf(boundary, -1, 0.2, 11, y: true);
        int n = 16 * 11;
        var aux = Pair(Random(n, -4, 0)); var auxY = Pair(Random(n, -4, 0));
        var xP = Pair(new double[17 * 11]); var xM = Pair(new double[17 * 11]); var yP = Pair(new double[16 * 12]); var yM = Pair(new double[16 * 12]);
        foreach (var scale in new[] { 0.0, 1.3 })
        {
            if (scale == 0)
            {
                reference.FaceRates2D(gx, gy, 0.2, 0.8, new ScheduleDrift<VpSchedule>(new VpSchedule(2, 8)), aux.R, auxY.R, xP.R, xM.R, yP.R, yM.R);
                candidate.FaceRates2D(gx, gy, 0.2, 0.8, new ScheduleDrift<VpSchedule>(new VpSchedule(2, 8)), aux.C, auxY.C, xP.C, xM.C, yP.C, yM.C);
            }
            else
            {
                reference.FaceRates2D(gx, gy, 0.2, 0.8, new GradientDrift(scale), aux.R, auxY.R, xP.R, xM.R, yP.R, yM.R);
                candidate.FaceRates2D(gx, gy, 0.2, 0.8, new GradientDrift(scale), aux.C, auxY.C, xP.C, xM.C, yP.C, yM.C);
            }
            Same(xP.R, xP.C, "xP"); Same(xM.R, xM.C, "xM"); Same(yP.R, yP.C, "yP"); Same(yM.R, yM.C, "yM");
        }
    }

    /// <summary>A drift with a position-dependent diffusion, as a compiled sde would give it.</summary>
    internal readonly struct Diffusing : IFaceDrift1D, IFaceDrift2D, IPointDiffusion
    {
        public double Face(double xl, double xr, double auxL, double auxR, double t) => Math.Sin(0.5 * (xl + xr)) - t;

        public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => Math.Sin(0.5 * (xl + xr)) * y;

        public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => -0.5 * (yl + yr) + x;

        public double Diffusion(double x, double y, double t, out double dx, out double dy)
        {
            dx = 0.4 * Math.Cos(x); dy = 0.2 * y;
            return 1 + 0.4 * Math.Sin(x) + 0.1 * y * y + t;
        }
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void DiffusingRatesAgree(int boundary)
    {
        var g = AxisOf(boundary, -3, 0.2, 30);
        var aux = Pair(new double[30]);
        var (pR, pC) = Pair(new double[31]); var (mR, mC) = Pair(new double[31]);
        reference.DiffusingFaceRates1D(g, 0.3, new Diffusing(), aux.R, pR, mR);
        candidate.DiffusingFaceRates1D(g, 0.3, new Diffusing(), aux.C, pC, mC);
        Same(pR, pC, "aP diffusing"); Same(mR, mC, "aM diffusing");
        var gx = AxisOf(boundary, -2, 0.25, 16); var gy = AxisOf(boundary, -1, 0.2, 11, y: true);
        var a2 = Pair(new double[16 * 11]);
        var xP = Pair(new double[17 * 11]); var xM = Pair(new double[17 * 11]); var yP = Pair(new double[16 * 12]); var yM = Pair(new double[16 * 12]);
        reference.DiffusingFaceRates2D(gx, gy, 0.2, new Diffusing(), a2.R, a2.R, xP.R, xM.R, yP.R, yM.R);
        candidate.DiffusingFaceRates2D(gx, gy, 0.2, new Diffusing(), a2.C, a2.C, xP.C, xM.C, yP.C, yM.C);
        Same(xP.R, xP.C, "xP"); Same(xM.R, xM.C, "xM"); Same(yP.R, yP.C, "yP"); Same(yM.R, yM.C, "yM");
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void StencilsSolvesAndOutflowAgree(int boundary)
    {
        // 1D: 37 cells (odd, so the SIMD remainder path runs).
        var g = AxisOf(boundary, 0, 0.1, 37);
        var aP = Pair(Random(38)); var aM = Pair(Random(38));
        if (boundary == 1) { SetSeam(aP); SetSeam(aM); }
        var p = Pair(Random(37)); var r = Pair(new double[37]); var w1 = Pair(new double[37]); var w2 = Pair(new double[37]);
        reference.Apply1D(g, aP.R, aM.R, p.R, r.R); candidate.Apply1D(g, aP.C, aM.C, p.C, r.C);
        Same(r.R, r.C, "apply1d");
        reference.Solve1D(g, 0.37, aP.R, aM.R, p.R, r.R, w1.R, w2.R); candidate.Solve1D(g, 0.37, aP.C, aM.C, p.C, r.C, w1.C, w2.C);
        Same(r.R, r.C, "solve1d");
        reference.Outflow(g, null, aP.R, aM.R, null, null, r.R); candidate.Outflow(g, null, aP.C, aM.C, null, null, r.C);
        Same(r.R, r.C, "outflow1d");

        var gx = AxisOf(boundary, 0, 0.1, 13); var gy = AxisOf(boundary, 0, 0.1, 10, y: true);
        int n = 130;
        var xP = Pair(Random(14 * 10)); var xM = Pair(Random(14 * 10)); var yP = Pair(Random(13 * 11)); var yM = Pair(Random(13 * 11));
        var q = Pair(Random(n)); var s = Pair(new double[n]); var v1 = Pair(new double[n]); var v2 = Pair(new double[n]);
        foreach (var axes in new[] { Axes.X, Axes.Y, Axes.Both })
        {
            reference.Apply2D(gx, gy, axes, xP.R, xM.R, yP.R, yM.R, q.R, s.R); candidate.Apply2D(gx, gy, axes, xP.C, xM.C, yP.C, yM.C, q.C, s.C);
            Same(s.R, s.C, $"apply2d {axes}");
        }
        reference.SolveLines2D(gx, gy, Axes.X, 0.21, xP.R, xM.R, q.R, s.R, v1.R, v2.R); candidate.SolveLines2D(gx, gy, Axes.X, 0.21, xP.C, xM.C, q.C, s.C, v1.C, v2.C);
        Same(s.R, s.C, "lines x");
        reference.SolveLines2D(gx, gy, Axes.Y, 0.21, yP.R, yM.R, q.R, s.R, v1.R, v2.R); candidate.SolveLines2D(gx, gy, Axes.Y, 0.21, yP.C, yM.C, q.C, s.C, v1.C, v2.C);
        Same(s.R, s.C, "lines y");
        reference.Outflow(gx, gy, xP.R, xM.R, yP.R, yM.R, s.R); candidate.Outflow(gx, gy, xP.C, xM.C, yP.C, yM.C, s.C);
        Same(s.R, s.C, "outflow2d");

        // Continuity right-hand sides with signed velocities.
        var u1 = Pair(Random(38, -2, 2)); var ux = Pair(Random(14 * 10, -2, 2)); var uy = Pair(Random(13 * 11, -2, 2));
        reference.ContinuityRhs(g, null, u1.R, null, p.R, r.R); candidate.ContinuityRhs(g, null, u1.C, null, p.C, r.C);
        Same(r.R, r.C, "continuity1d");
        reference.ContinuityRhs(gx, gy, ux.R, uy.R, q.R, s.R); candidate.ContinuityRhs(gx, gy, ux.C, uy.C, q.C, s.C);
        Same(s.R, s.C, "continuity2d");
    }

    private void SetSeam((IDeviceVector R, IDeviceVector C) v)
    {
        var a = new double[v.R.Length];
        reference.Download(v.R, a);
        a[^1] = a[0];
        reference.Upload(a, v.R); candidate.Upload(a, v.C);
    }

    [Fact]
    public void VectorOpsAndReductionsAgree()
    {
        int n = 5000; // several reduction blocks
        var x = Pair(Random(n, -1, 1)); var y = Pair(Random(n, -1, 1)); var z = Pair(Random(n, -1, 1)); var r = Pair(new double[n]);
        reference.Combine(0.3, x.R, -1.7, y.R, r.R); candidate.Combine(0.3, x.C, -1.7, y.C, r.C);
        Same(r.R, r.C, "combine");
        reference.Combine3(0.75, x.R, 0.25, y.R, 0.125, z.R, r.R); candidate.Combine3(0.75, x.C, 0.25, y.C, 0.125, z.C, r.C);
        Same(r.R, r.C, "combine3");
        // Blocked sums use one partition and order on both backends: equal bit for bit.
        Assert.Equal(reference.Sum(x.R), candidate.Sum(x.C));
        Assert.Equal(reference.SumAbsDiff(x.R, y.R), candidate.SumAbsDiff(x.C, y.C));
        Assert.Equal(reference.Max(x.R), candidate.Max(x.C));
    }

    [Theory]
    [InlineData(TimeScheme.Implicit)]
    [InlineData(TimeScheme.Explicit)]
    public void WholeSolvesAgree(TimeScheme scheme)
    {
        var o = new SolverOptions { Scheme = scheme, Tolerance = 1e-6, Extrapolate = false };
        var g1 = new Grid1D(-6, 6, 48);
        var a = FokkerPlanckSolver.Solve(new VpProcess(), g1, TestCases.Mixture3, [0.0, 0.2], o, reference);
        var b = FokkerPlanckSolver.Solve(new VpProcess(), g1, TestCases.Mixture3, [0.0, 0.2], o, candidate);
        Assert.Equal(a.Steps, b.Steps);
        Assert.True(ErrorNorms.Compare(a.Densities[1], b.Densities[1], 1).Max <= Tolerance * a.Densities[1].Max());
        var g2 = new Grid1D(-5, 5, 12);
        var lang = new LangevinProcess(TestCases.Mixture2D, 1.0);
        var c = FokkerPlanckSolver.Solve(lang, new Grid2D(g2, g2), new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[2.0, 0.0], [0.0, 2.0]]]), [0.0, 0.1], o, reference);
        var d = FokkerPlanckSolver.Solve(lang, new Grid2D(g2, g2), new GaussianMixture2D([1.0], [[0.0, 0.0]], [[[2.0, 0.0], [0.0, 2.0]]]), [0.0, 0.1], o, candidate);
        Assert.True(ErrorNorms.Compare(c.Densities[1], d.Densities[1], 1).Max <= Tolerance * c.Densities[1].Max());
    }
}

/// <summary>Managed against ILGPU's CPU accelerator: runs on every build machine.</summary>
public sealed class ManagedVsIlgpuCpuTests(IlgpuCpuFixture fixture)
    : ConformanceTests(new ManagedBackend(), fixture.Backend), IClassFixture<IlgpuCpuFixture>;

/// <summary>Managed with one thread against Managed with all threads.</summary>
public sealed class ManagedThreadCountTests() : ConformanceTests(new ManagedBackend(1), new ManagedBackend());

/// <summary>Skips itself when no CUDA device is present (CI has none).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Present = new(() =>
    {
        using var b = IlgpuBackend.TryCreateCuda();
        return b is not null;
    });

    public CudaFactAttribute()
    {
        if (!Present.Value) Skip = "no CUDA device on this machine";
    }
}

public sealed class CudaTests
{
    [CudaFact]
    public void CudaSolveAgreesWithManaged()
    {
        using var cuda = IlgpuBackend.TryCreateCuda()!;
        var o = new SolverOptions { Tolerance = 1e-7, Extrapolate = false };
        var g = new Grid1D(-10, 10, 1024);
        var a = FokkerPlanckSolver.Solve(new OuProcess(), g, TestCases.Mixture3, [0.0, 0.5], o, new ManagedBackend());
        var b = FokkerPlanckSolver.Solve(new OuProcess(), g, TestCases.Mixture3, [0.0, 0.5], o, cuda);
        // CUDA's double exp/log are ILGPU's own routines (or libdevice), not .NET's: agreement to 1e-10 relative.
        Assert.True(ErrorNorms.Compare(a.Densities[1], b.Densities[1], 1).Max <= 1e-10 * a.Densities[1].Max());
    }
}
