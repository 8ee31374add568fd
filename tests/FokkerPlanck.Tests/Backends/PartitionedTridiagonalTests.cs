using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed backend's partitioned 1D solve (<see cref="PartitionedTridiagonal"/>): it solves the system (its residual
/// is at rounding level and it agrees with the Thomas kernel to rounding), reflecting and periodic, mild and stiff
/// coefficients, segment lengths with and without the extra cell, one and several segment groups; its vector lanes give
/// the scalar code's bits; its bits do not depend on the thread count; the right-hand side may be solved in place. A
/// perturbation of one right-hand-side entry by 1e-9 of the scale must be rejected by the same comparison (negative control).
/// </summary>
public class PartitionedTridiagonalTests
{
    // Agreement bound, relative to max |x|: the system is an M-matrix whose inverse has column sums ≤ 1 (columns of
    // I - cA sum to ≥ 1), so both solvers' backward errors, a few ulp of each row, move x by at most about n·ε·max|x|
    // in the worst case and by far less in practice; 1e-12 is the conformance suite's tolerance between backends.
    private const double Tolerance = 1e-12;

    public static TheoryData<int, bool, double> Cases()
    {
        var d = new TheoryData<int, bool, double>();
        // 128: the smallest partitioned line (16 cells per segment); 135: seven segments one cell longer; 4101 and
        // 70001: one group; 131075: two groups with the extra cells.
        foreach (int n in new[] { 128, 135, 1000, 4101, 70001, 131075 })
            foreach (bool periodic in new[] { false, true })
                foreach (double c in new[] { 1e-5, 2e-3, 0.5 })
                    d.Add(n, periodic, c);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SolvesTheSystemAndAgreesWithThomas(int n, bool periodic, double c)
    {
        var (aP, aM, rhs) = System(n, seed: n + (periodic ? 1 : 0));
        var x = Partitioned(n, periodic, c, aP, aM, rhs, threads: 1, vector: true);
        var thomas = Thomas(n, periodic, c, aP, aM, rhs);
        double scale = x.Max(Math.Abs);
        Assert.True(MaxDiff(x, thomas) <= Tolerance * scale, $"differs from Thomas by {MaxDiff(x, thomas):E2} (scale {scale:E2})");

        AssertRowResiduals(x, periodic, c, aP, aM, rhs, 1e-13);
    }

    // The residual of the system (I - cA) x = rhs itself, row by row, against the size of the row's terms.
    private static void AssertRowResiduals(double[] x, bool periodic, double c, double[] aP, double[] aM, double[] rhs, double tolerance)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            int im = i == 0 ? n - 1 : i - 1, ip = i == n - 1 ? 0 : i + 1;
            double lower = i == 0 && !periodic ? 0.0 : -c * aP[i] * x[im];
            double upper = i == n - 1 && !periodic ? 0.0 : -c * aM[i + 1] * x[ip];
            double diag = (1.0 + c * (aM[i] + aP[i + 1])) * x[i];
            double size = Math.Abs(lower) + Math.Abs(upper) + Math.Abs(diag) + Math.Abs(rhs[i]);
            Assert.True(Math.Abs(lower + diag + upper - rhs[i]) <= tolerance * size, $"row {i}: residual {(lower + diag + upper - rhs[i]) / size:E2} of its size");
        }
    }

    [Theory]
    [InlineData(128, false)]
    [InlineData(135, true)]
    [InlineData(4101, false)]
    [InlineData(131075, false)]
    [InlineData(131075, true)]
    public void VectorLanesAreTheScalarCodeBitForBit(int n, bool periodic)
    {
        var (aP, aM, rhs) = System(n, seed: 3);
        var v = Partitioned(n, periodic, 0.01, aP, aM, rhs, threads: 1, vector: true);
        var s = Partitioned(n, periodic, 0.01, aP, aM, rhs, threads: 1, vector: false);
        Assert.Equal(s, v);
    }

    [Theory]
    [InlineData(131075, false)]
    [InlineData(262147, true)]
    public void ThreadCountDoesNotChangeTheBits(int n, bool periodic)
    {
        var (aP, aM, rhs) = System(n, seed: 5);
        var one = Solve1D(n, periodic, 0.01, aP, aM, rhs, threads: 1, inPlace: false);
        var two = Solve1D(n, periodic, 0.01, aP, aM, rhs, threads: 2, inPlace: false);
        Assert.Equal(one, two);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InPlaceIsTheSameAsSeparate(bool periodic)
    {
        var (aP, aM, rhs) = System(1001, seed: 9);
        Assert.Equal(Solve1D(1001, periodic, 0.2, aP, aM, rhs, 1, inPlace: false), Solve1D(1001, periodic, 0.2, aP, aM, rhs, 1, inPlace: true));
    }

    [Fact]
    public void NegativeControlAPerturbedRightHandSideIsRejected()
    {
        // The comparison above must be able to fail: one entry at a segment boundary moved by 1e-9 of the scale.
        const int n = 4101;
        var (aP, aM, rhs) = System(n, seed: 11);
        var thomas = Thomas(n, false, 2e-3, aP, aM, rhs);
        var moved = (double[])rhs.Clone();
        int boundary = n / 8;
        moved[boundary] += 1e-9 * rhs.Max(Math.Abs);
        var x = Partitioned(n, false, 2e-3, aP, aM, moved, threads: 1, vector: true);
        Assert.True(MaxDiff(x, thomas) > Tolerance * x.Max(Math.Abs), "a perturbed system passed the agreement check");
    }

    [Fact]
    public void ShortLinesAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioned(PartitionedTridiagonal.MinCells - 1, false, 0.1,
            new double[PartitionedTridiagonal.MinCells], new double[PartitionedTridiagonal.MinCells], new double[PartitionedTridiagonal.MinCells - 1], 1, true));

    // Rates in [0, 1e4) (a fine grid's diffusion and drift rates), a right-hand side of mixed sign and size.
    private static (double[] AP, double[] AM, double[] Rhs) System(int n, int seed)
    {
        var rng = new Random(seed);
        double[] aP = new double[n + 1], aM = new double[n + 1], rhs = new double[n];
        for (int i = 0; i <= n; i++) { aP[i] = 1e4 * rng.NextDouble(); aM[i] = 1e4 * rng.NextDouble(); }
        aP[n] = aP[0]; aM[n] = aM[0]; // the periodic seam is one face
        for (int i = 0; i < n; i++) rhs[i] = Math.Exp(-0.5 * Math.Pow(6.0 * i / n - 3.0, 2)) + 0.1 * (rng.NextDouble() - 0.5);
        return (aP, aM, rhs);
    }

    private static double[] Partitioned(int n, bool periodic, double c, double[] aP, double[] aM, double[] rhs, int threads, bool vector)
    {
        var x = new double[n];
        var w2 = new double[n];
        void Groups(int count, int cells, Action<int> body)
        {
            if (threads == 1) for (int g = 0; g < count; g++) body(g);
            else Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
        }
        PartitionedTridiagonal.Solve(n, periodic, c, aP, aM, rhs, x, w2, vector, Groups);
        return x;
    }

    private static double[] Solve1D(int n, bool periodic, double c, double[] aP, double[] aM, double[] rhs, int threads, bool inPlace)
    {
        using var b = new ManagedBackend(threads);
        var axis = new Axis(0.0, 1.0 / n, n, periodic ? Axis.PeriodicBoundary : Axis.ReflectingBoundary);
        var (p, m, r, w1, w2) = (b.Allocate(n + 1), b.Allocate(n + 1), b.Allocate(n), b.Allocate(n), b.Allocate(n));
        var x = inPlace ? r : b.Allocate(n);
        b.Upload(aP, p); b.Upload(aM, m); b.Upload(rhs, r);
        b.Solve1D(axis, c, p, m, r, x, w1, w2);
        var got = new double[n];
        b.Download(x, got);
        return got;
    }

    private static double[] Thomas(int n, bool periodic, double c, double[] aP, double[] aM, double[] rhs)
    {
        var x = new double[n];
        TridiagonalKernels.SolveLine(n, periodic, 0, 1, 0, 1, c, new ArrayVec(aP), new ArrayVec(aM), new ArrayVec(rhs), new ArrayVec(x),
            new ArrayVec(new double[n]), new ArrayVec(new double[n]));
        return x;
    }

    private static double MaxDiff(double[] a, double[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max();

    [Theory]
    [InlineData(128, 0, 1)]
    [InlineData(135, 2, 1)]
    [InlineData(4101, 0, 1)]
    [InlineData(4101, 2, 1)]
    [InlineData(4101, 1, 1)]
    [InlineData(131075, 0, 2)]
    [InlineData(262147, 2, 2)]
    [InlineData(100, 0, 1)]
    public void TheFusedCrankNicolsonStepIsItsTwoCallsBitForBit(int n, int boundary, int threads)
    {
        // Reflecting (0), absorbing (2): the right-hand side formed inside the forward pass; periodic (1) and short lines
        // take the two calls themselves. Against ApplyStep1D then Solve1D on the same backend.
        var (aP, aM, p) = System(n, seed: n + boundary);
        var axis = new Axis(0.0, 1.0 / n, n, boundary);
        using var b = new ManagedBackend(threads);
        IDeviceVector Up(double[] a) { var v = b.Allocate(a.Length); b.Upload(a, v); return v; }
        var (vp, vm, vd) = (Up(aP), Up(aM), Up(p));
        var (x, tmp, w1, w2) = (b.Allocate(n), b.Allocate(n), b.Allocate(n), b.Allocate(n));
        b.SolveStep1D(axis, 3e-4, vp, vm, vd, x, tmp, w1, w2);
        var fused = new double[n];
        b.Download(x, fused);
        b.ApplyStep1D(axis, vp, vm, vd, 3e-4, tmp);
        b.Solve1D(axis, 3e-4, vp, vm, tmp, x, w1, w2);
        var twoCalls = new double[n];
        b.Download(x, twoCalls);
        Assert.Equal(twoCalls, fused);
        Assert.NotEqual(p, fused); // the step moved the density

        // In place (x = p), and the scalar lanes.
        b.SolveStep1D(axis, 3e-4, vp, vm, vd, vd, tmp, w1, w2);
        var inPlace = new double[n];
        b.Download(vd, inPlace);
        Assert.Equal(twoCalls, inPlace);
        if (n >= PartitionedTridiagonal.MinCells && boundary != 1)
        {
            var scalar = new double[n];
            PartitionedTridiagonal.SolveStep(axis, 3e-4, aP, aM, p, scalar, vector: false, (count, _, body) => { for (int g = 0; g < count; g++) body(g); });
            Assert.Equal(twoCalls, scalar);
        }
    }

    [Theory]
    [InlineData(4101)]
    [InlineData(131075)]
    public void NearlySingularSystemsOfTheSteadyStateKeepSmallResiduals(int n)
    {
        // SteadyState's inverse iteration solves with c = 1e8 / (largest rate): I - cA is then nearly singular (A has a
        // null vector), so x itself is ill-determined, but each row must still hold to rounding. OU-like rates: strong
        // drift towards the middle, Scharfetter–Gummel-like (the upwind rate large, the other small).
        double[] aP = new double[n + 1], aM = new double[n + 1], rhs = new double[n];
        double max = 0;
        for (int i = 0; i <= n; i++)
        {
            double pos = -8.0 + 16.0 * i / n, drift = -pos * n * n / 256.0;
            aP[i] = 1.0 + 10.0 * Math.Max(drift, 0.0);
            aM[i] = 1.0 + 10.0 * Math.Max(-drift, 0.0);
            max = Math.Max(max, aP[i] + aM[i]);
        }
        for (int i = 0; i < n; i++) rhs[i] = 1.0 / n;
        double c = 1e8 / max;
        var x = Partitioned(n, false, c, aP, aM, rhs, threads: 1, vector: true);
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        // Measured: at most 1.7e-14 (2^20 cells), Thomas 3e-16; 1e-12 leaves room and still rejects a lost coupling.
        AssertRowResiduals(x, false, c, aP, aM, rhs, 1e-12);
    }
}
