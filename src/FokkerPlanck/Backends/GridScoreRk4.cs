using System.Runtime.Intrinsics;

namespace FokkerPlanck.Backends;

/// <summary>
/// Classical Runge–Kutta for an ODE whose drift is b = sign·(slope·x) + c·s(x, t) with s a grid score (the PF-ODE of a
/// linear schedule on grid fields), with each stage time's constants taken once per step (<see cref="GridScoreStage"/>:
/// τ, τ + h/2, τ + h) and <see cref="Kernels.Particles.Schemes.Rk4Scheme"/>'s operations in its order, component by
/// component as its V3 arithmetic does, so with the general path's bits (tested); the four evaluations and their
/// fallbacks are added to each particle's counters as the general path's store adds them.
/// </summary>
internal sealed class GridScoreRk4(GridScoreStage start, GridScoreStage middle, GridScoreStage end, double h)
{
    /// <summary>Particles per call at most (the stack buffers' size).</summary>
    public const int MaxChunk = 512;

    /// <summary>1 or 2.</summary>
    public int Dims => start.Dims;

    /// <summary>Advances particles first.. (at most <see cref="MaxChunk"/>) in place.</summary>
    /// <param name="px">x of the particles.</param>
    /// <param name="py">y of the particles (2D; empty in 1D).</param>
    /// <param name="counters">All particles' counters: the call adds its totals (<see cref="ChunkCounters"/>).</param>
    /// <param name="first">Index of px[0] among all particles.</param>
    public void Advance(Span<double> px, Span<double> py, double[] counters, int first)
    {
        int n = px.Length;
        if (n > MaxChunk) throw new ArgumentOutOfRangeException(nameof(px), n, $"at most {MaxChunk} particles per call");
        if (Dims == 2 && py.Length < n) throw new ArgumentException("a y per particle is needed", nameof(py));
        double half = 0.5 * h, sixth = h / 6.0;
        Span<double> buf = stackalloc double[11 * MaxChunk];
        Span<double> Slot(Span<double> b, int i) => b.Slice(i * MaxChunk, n);
        Span<double> k1x = Slot(buf, 0), k2x = Slot(buf, 1), k3x = Slot(buf, 2), k4x = Slot(buf, 3), sx = Slot(buf, 4);
        Span<double> k1y = Slot(buf, 5), k2y = Slot(buf, 6), k3y = Slot(buf, 7), k4y = Slot(buf, 8), sy = Slot(buf, 9), fb = Slot(buf, 10);
        fb.Clear();
        // k1 at the start; the stage states s + (h/2) k1, s + (h/2) k2 and s + h k3 as the V3 operators form them (as
        // 1·s + c·k, which is s + c·k exactly).
        Stage(start, px, py, k1x, k1y, fb);
        ManagedSimd.CombineRow(1.0, px, half, k1x, sx); if (Dims == 2) ManagedSimd.CombineRow(1.0, py, half, k1y, sy);
        Stage(middle, sx, sy, k2x, k2y, fb);
        ManagedSimd.CombineRow(1.0, px, half, k2x, sx); if (Dims == 2) ManagedSimd.CombineRow(1.0, py, half, k2y, sy);
        Stage(middle, sx, sy, k3x, k3y, fb);
        ManagedSimd.CombineRow(1.0, px, h, k3x, sx); if (Dims == 2) ManagedSimd.CombineRow(1.0, py, h, k3y, sy);
        Stage(end, sx, sy, k4x, k4y, fb);
        Finish(px, sixth, k1x, k2x, k3x, k4x);
        if (Dims == 2) Finish(py.Slice(0, n), sixth, k1y, k2y, k3y, k4y);
        ChunkCounters.Add(counters, first, fb, 4.0 * n);
    }

    // p = p + c·(((k1 + 2 k2) + 2 k3) + k4) elementwise, four per Vector256 and a scalar tail: the same operations per
    // element.
    private static void Finish(Span<double> p, double c, ReadOnlySpan<double> k1, ReadOnlySpan<double> k2, ReadOnlySpan<double> k3, ReadOnlySpan<double> k4)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vc = Vector256.Create(c); var two = Vector256.Create(2.0);
            for (; i <= p.Length - 4; i += 4)
            {
                var sum = ((Vector256.Create(k1.Slice(i, 4)) + two * Vector256.Create(k2.Slice(i, 4))) + two * Vector256.Create(k3.Slice(i, 4)))
                    + Vector256.Create(k4.Slice(i, 4));
                (Vector256.Create(p.Slice(i, 4)) + vc * sum).CopyTo(p.Slice(i, 4));
            }
        }
        for (; i < p.Length; i++) p[i] = p[i] + c * (((k1[i] + 2.0 * k2[i]) + 2.0 * k3[i]) + k4[i]);
    }

    private void Stage(GridScoreStage stage, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> bx, Span<double> by, Span<double> fb)
    {
        if (Dims == 1) stage.Drift(x, bx, fb);
        else stage.Drift(x, y, bx, by, fb);
    }
}
