using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Tests.Backends;

/// <summary>The managed backend's four-column SIMD x-line solves give the scalar kernel's bits.</summary>
public class ManagedLineSolveTests
{
    [Theory]
    [InlineData(9, 7, false)]
    [InlineData(9, 7, true)]
    [InlineData(33, 16, false)]
    [InlineData(12, 3, true)]
    public void XLinesAreTheScalarKernelsBitForBit(int nx, int ny, bool periodic)
    {
        var rng = new Random(nx * 100 + ny);
        double[] R(int n) => Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        double[] fp = R((nx + 1) * ny), fm = R((nx + 1) * ny), rhs = R(nx * ny);
        var bc = periodic ? Grids.Boundary.Periodic : Grids.Boundary.Reflecting;
        var gx = new Grids.Grid1D(-1, 1, nx, bc).ToAxis();
        var gy = new Grids.Grid1D(-2, 2, ny, bc).ToAxis();
        const double c = 0.37;

        using var b = new ManagedBackend(1);
        var (p, m, r, x, w1, w2) = (b.Allocate(fp.Length), b.Allocate(fm.Length), b.Allocate(rhs.Length), b.Allocate(nx * ny), b.Allocate(nx * ny), b.Allocate(nx * ny));
        b.Upload(fp, p); b.Upload(fm, m); b.Upload(rhs, r);
        b.SolveLines2D(gx, gy, Axes.X, c, p, m, r, x, w1, w2);
        var got = new double[nx * ny];
        b.Download(x, got);

        var want = new double[nx * ny];
        var u1 = new double[nx * ny]; var u2 = new double[nx * ny];
        for (int j = 0; j < ny; j++)
            TridiagonalKernels.SolveLine(nx, periodic, j, ny, j, ny, c, new ArrayVec(fp), new ArrayVec(fm), new ArrayVec(rhs),
                new ArrayVec(want), new ArrayVec(u1), new ArrayVec(u2));
        Assert.Equal(want, got);

        // The system is solved, not just copied: residual of column 0's tridiagonal system (non-periodic rows).
        if (!periodic)
        {
            for (int i = 1; i < nx - 1; i++)
            {
                int k = i * ny;
                double lhs = (1 + c * (fm[k] + fp[k + ny])) * got[k] - c * fp[k] * got[k - ny] - c * fm[k + ny] * got[k + ny];
                Assert.Equal(rhs[k], lhs, 1e-12);
            }
        }
    }
}
