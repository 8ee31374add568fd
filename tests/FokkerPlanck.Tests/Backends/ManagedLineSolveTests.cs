using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed backend's SIMD line solves (bands of up to 32 x-lines swept row by row, groups of four y-lines side by
/// side) give the scalar kernel's bits, line by line: sizes that leave partial bands, 4-wide remainders and scalar
/// leftovers; reflecting and periodic; the right-hand side solved in place; one and two threads.
/// </summary>
public class ManagedLineSolveTests
{
    public static TheoryData<int, int, bool, int> Cases()
    {
        var d = new TheoryData<int, int, bool, int>();
        foreach (var (nx, ny) in new[] { (9, 7), (33, 16), (12, 3), (3, 12), (5, 70), (70, 5), (130, 301) })
            foreach (bool periodic in new[] { false, true })
                d.Add(nx, ny, periodic, nx * ny > 32768 ? 2 : 1);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void XLinesAreTheScalarKernelsBitForBit(int nx, int ny, bool periodic, int threads) =>
        Check(Axes.X, nx, ny, periodic, threads, inPlace: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void YLinesAreTheScalarKernelsBitForBit(int nx, int ny, bool periodic, int threads) =>
        Check(Axes.Y, nx, ny, periodic, threads, inPlace: false);

    [Theory]
    [InlineData(Axes.X, false)]
    [InlineData(Axes.X, true)]
    [InlineData(Axes.Y, false)]
    [InlineData(Axes.Y, true)]
    public void InPlaceSolvesAreTheScalarKernels(Axes axis, bool periodic) => Check(axis, 37, 41, periodic, 1, inPlace: true);

    private static void Check(Axes axis, int nx, int ny, bool periodic, int threads, bool inPlace)
    {
        var rng = new Random(nx * 1000 + ny + (periodic ? 7 : 0));
        double[] R(int n) => Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        // x faces: (nx + 1)·ny at i·ny + j; y faces: nx·(ny + 1) at i·(ny + 1) + j.
        int faces = axis == Axes.X ? (nx + 1) * ny : nx * (ny + 1);
        double[] fp = R(faces), fm = R(faces), rhs = R(nx * ny);
        var bc = periodic ? Grids.Boundary.Periodic : Grids.Boundary.Reflecting;
        var gx = new Grids.Grid1D(-1, 1, nx, bc).ToAxis();
        var gy = new Grids.Grid1D(-2, 2, ny, bc).ToAxis();
        const double c = 0.37;

        using var b = new ManagedBackend(threads);
        var (p, m, r, w1, w2) = (b.Allocate(faces), b.Allocate(faces), b.Allocate(nx * ny), b.Allocate(nx * ny), b.Allocate(nx * ny));
        var x = inPlace ? r : b.Allocate(nx * ny);
        b.Upload(fp, p); b.Upload(fm, m); b.Upload(rhs, r);
        b.SolveLines2D(gx, gy, axis, c, p, m, r, x, w1, w2);
        var got = new double[nx * ny];
        b.Download(x, got);

        var want = new double[nx * ny];
        var u1 = new double[nx * ny]; var u2 = new double[nx * ny];
        var (vp, vm, vr, vw, v1, v2) = (new ArrayVec(fp), new ArrayVec(fm), new ArrayVec(rhs), new ArrayVec(want), new ArrayVec(u1), new ArrayVec(u2));
        if (axis == Axes.X)
            for (int j = 0; j < ny; j++) TridiagonalKernels.SolveLine(nx, periodic, j, ny, j, ny, c, vp, vm, vr, vw, v1, v2);
        else
            for (int i = 0; i < nx; i++) TridiagonalKernels.SolveLine(ny, periodic, i * ny, 1, i * (ny + 1), 1, c, vp, vm, vr, vw, v1, v2);
        Assert.Equal(want, got);

        // The system is solved, not just copied: residuals of the interior rows of line 0's tridiagonal system.
        if (periodic) return;
        int n = axis == Axes.X ? nx : ny, stride = axis == Axes.X ? ny : 1;
        for (int i = 1; i < n - 1; i++)
        {
            int k = i * stride, f = k; // line 0: the face of cell i is i·stride on either axis
            double lhs = (1 + c * (fm[f] + fp[f + stride])) * got[k] - c * fp[f] * got[k - stride] - c * fm[f + stride] * got[k + stride];
            Assert.Equal(rhs[k], lhs, 1e-12);
        }
    }
}
