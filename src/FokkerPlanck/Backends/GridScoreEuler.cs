using System.Runtime.Intrinsics;

namespace FokkerPlanck.Backends;

/// <summary>
/// Euler–Maruyama under a drift b = sign·(slope·x) + c·s(x, t) with s a grid score (a reverse SDE of a linear schedule on
/// grid fields): X' = (X + h·b) + g·ΔW on each axis, with the step's constants taken once (<see cref="GridScoreStage"/>)
/// and <see cref="Kernels.Particles.Schemes.EulerMaruyamaScheme"/>'s operations in its order, so with the general path's
/// bits (tested); each particle's fallback and its one evaluation are added to its counters as the general path's store
/// adds them.
/// </summary>
internal sealed class GridScoreEuler(GridScoreStage stage, double h, double g)
{
    /// <summary>Particles per call at most (the stack buffers' size).</summary>
    public const int MaxChunk = 512;

    /// <summary>1 or 2.</summary>
    public int Dims => stage.Dims;

    /// <summary>Advances particles first.. (at most <see cref="MaxChunk"/>) in place with their Brownian increments ΔW.</summary>
    /// <param name="px">x of the particles.</param>
    /// <param name="py">y of the particles (2D; empty in 1D).</param>
    /// <param name="dwx">ΔW along x, one per particle.</param>
    /// <param name="dwy">ΔW along y (2D).</param>
    /// <param name="counters">All particles' counters: the call adds its totals (<see cref="ChunkCounters"/>).</param>
    /// <param name="first">Index of px[0] among all particles.</param>
    public void Advance(Span<double> px, Span<double> py, ReadOnlySpan<double> dwx, ReadOnlySpan<double> dwy, double[] counters, int first)
    {
        int n = px.Length;
        if (n > MaxChunk) throw new ArgumentOutOfRangeException(nameof(px), n, $"at most {MaxChunk} particles per call");
        if (dwx.Length < n || (Dims == 2 && (py.Length < n || dwy.Length < n)))
            throw new ArgumentException("one increment per position and axis is needed", nameof(dwx));
        Span<double> buf = stackalloc double[3 * MaxChunk];
        Span<double> bx = buf.Slice(0, n), by = buf.Slice(MaxChunk, n), fb = buf.Slice(2 * MaxChunk, n);
        fb.Clear();
        if (Dims == 1) stage.Drift(px, bx, fb);
        else stage.Drift(px, py, bx, by, fb);
        Update(px, bx, dwx);
        if (Dims == 2) Update(py.Slice(0, n), by, dwy);
        ChunkCounters.Add(counters, first, fb, n);
    }

    // x = (x + h·b) + g·ΔW elementwise, four per Vector256 and a scalar tail: the same operations per element.
    private void Update(Span<double> x, ReadOnlySpan<double> b, ReadOnlySpan<double> dw)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vh = Vector256.Create(h); var vg = Vector256.Create(g);
            for (; k <= x.Length - 4; k += 4)
                ((Vector256.Create(x.Slice(k, 4)) + vh * Vector256.Create(b.Slice(k, 4))) + vg * Vector256.Create(dw.Slice(k, 4))).CopyTo(x.Slice(k, 4));
        }
        for (; k < x.Length; k++) x[k] = (x[k] + h * b[k]) + g * dw[k];
    }
}
