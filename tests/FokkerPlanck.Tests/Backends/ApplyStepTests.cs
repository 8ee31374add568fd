using FokkerPlanck.Backends;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed backend's fused ADI half-sweep r = p + c·(A p) (<see cref="IBackend.ApplyStep2D"/>) gives the bits of
/// its two passes, Apply2D then Combine(1, p, c, r, r): each axis part and both, reflecting and periodic, sizes with
/// vector tails, one and two threads. Likewise the 1D Crank–Nicolson half (<see cref="IBackend.ApplyStep1D"/>): sizes
/// below, at and across its 2048-cell blocks and the threads' chunks, absorbing, reflecting and periodic ends.
/// </summary>
public class ApplyStepTests
{
    public static TheoryData<int, int, bool, Axes, int> Cases()
    {
        var d = new TheoryData<int, int, bool, Axes, int>();
        foreach (var (nx, ny) in new[] { (9, 7), (5, 70), (130, 301) })
            foreach (bool periodic in new[] { false, true })
                foreach (var axes in new[] { Axes.X, Axes.Y, Axes.Both })
                    d.Add(nx, ny, periodic, axes, nx * ny > 32768 ? 2 : 1);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFusedSweepIsApplyThenCombineBitForBit(int nx, int ny, bool periodic, Axes axes, int threads)
    {
        var rng = new Random(nx * 31 + ny + (periodic ? 1 : 0) + (int)axes * 7);
        double[] R(int n) => Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        var bc = periodic ? Grids.Boundary.Periodic : Grids.Boundary.Reflecting;
        var gx = new Grids.Grid1D(-1, 1, nx, bc).ToAxis();
        var gy = new Grids.Grid1D(-2, 2, ny, bc).ToAxis();
        double[] xp = R((nx + 1) * ny), xm = R((nx + 1) * ny), yp = R(nx * (ny + 1)), ym = R(nx * (ny + 1)), p = R(nx * ny);
        const double c = 0.0123;

        using var b = new ManagedBackend(threads);
        IDeviceVector Up(double[] a) { var v = b.Allocate(a.Length); b.Upload(a, v); return v; }
        var (vxp, vxm, vyp, vym, vp) = (Up(xp), Up(xm), Up(yp), Up(ym), Up(p));
        var fused = b.Allocate(nx * ny);
        var twoPass = b.Allocate(nx * ny);
        b.ApplyStep2D(gx, gy, axes, vxp, vxm, vyp, vym, vp, c, fused);
        b.Apply2D(gx, gy, axes, vxp, vxm, vyp, vym, vp, twoPass);
        b.Combine(1.0, vp, c, twoPass, twoPass);
        double[] got = new double[nx * ny], want = new double[nx * ny], applied = new double[nx * ny];
        b.Download(fused, got);
        b.Download(twoPass, want);
        Assert.Equal(want, got);

        // The operator part is there (not just p copied): got - p is c·(A p) to rounding.
        b.Apply2D(gx, gy, axes, vxp, vxm, vyp, vym, vp, twoPass);
        b.Download(twoPass, applied);
        Assert.Contains(applied, v => Math.Abs(v) > 1e-3);
        for (int k = 0; k < got.Length; k++) Assert.Equal(c * applied[k], got[k] - p[k], 1e-12);
    }

    public static TheoryData<int, int, int> Cases1D()
    {
        var d = new TheoryData<int, int, int>();
        foreach (int n in new[] { 1, 2, 3, 7, 2049, 2050, 4101, 70001 })
            foreach (int boundary in new[] { 0, 1, 2 })
                d.Add(n, boundary, n > 32768 ? 2 : 1);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases1D))]
    public void TheFusedCrankNicolsonHalfIsApplyThenCombineBitForBit(int n, int boundary, int threads)
    {
        var rng = new Random(n * 13 + boundary);
        double[] R(int k) => Enumerable.Range(0, k).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        var g = new FokkerPlanck.Kernels.Axis(-1.0, 2.0 / n, n, boundary);
        double[] ap = R(n + 1), am = R(n + 1), p = R(n);
        const double c = 0.0123;

        using var b = new ManagedBackend(threads);
        IDeviceVector Up(double[] a) { var v = b.Allocate(a.Length); b.Upload(a, v); return v; }
        var (vap, vam, vp) = (Up(ap), Up(am), Up(p));
        var fused = b.Allocate(n);
        var twoPass = b.Allocate(n);
        b.ApplyStep1D(g, vap, vam, vp, c, fused);
        b.Apply1D(g, vap, vam, vp, twoPass);
        b.Combine(1.0, vp, c, twoPass, twoPass);
        double[] got = new double[n], want = new double[n], applied = new double[n];
        b.Download(fused, got);
        b.Download(twoPass, want);
        Assert.Equal(want, got);

        b.Apply1D(g, vap, vam, vp, twoPass);
        b.Download(twoPass, applied);
        if (n > 2) Assert.Contains(applied, v => Math.Abs(v) > 1e-3);
        for (int k = 0; k < n; k++) Assert.Equal(c * applied[k], got[k] - p[k], 1e-12);
    }
}
