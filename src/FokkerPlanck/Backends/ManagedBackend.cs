using System.Runtime.Intrinsics;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>
/// Runs the kernels on the CPU: chunked <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over index
/// ranges, with Vector256 paths (<see cref="ManagedSimd"/>: the stencil's interior, four ADI lines at once; same operation
/// order as the scalar kernels); particles through <see cref="ManagedParticleLauncher"/>. The default on machines without
/// a GPU.
/// </summary>
public sealed class ManagedBackend : IBackend, IParticleBackend
{
    private const int SequentialBelow = 32768;
    private readonly ParallelOptions _options;

    /// <summary>The parallel options of this backend's thread limit.</summary>
    internal ParallelOptions Parallelism => _options;

    /// <summary>Creates the backend.</summary>
    /// <param name="maxThreads">Thread limit; null uses every core.</param>
    public ManagedBackend(int? maxThreads = null)
    {
        if (maxThreads is < 1) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "threads must be ≥ 1");
        Threads = maxThreads ?? Environment.ProcessorCount;
        _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <summary>Thread limit.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public IDeviceVector Allocate(int length) => new ManagedVector(new double[length], null);

    /// <inheritdoc />
    /// <remarks>Arrays of at least <see cref="ReuseFrom"/> elements given back by disposed reusable vectors are kept (the
    /// last <see cref="ReuseKept"/>, until the backend is disposed) and cleared when handed out again.</remarks>
    public IDeviceVector AllocateReusable(int length)
    {
        if (length < ReuseFrom) return Allocate(length);
        var reused = Reused(length);
        if (reused is not null) Array.Clear(reused);
        return new ManagedVector(reused ?? new double[length], this);
    }

    /// <inheritdoc />
    /// <remarks>A kept array is overwritten by the copy without being cleared first.</remarks>
    public IDeviceVector UploadReusable(ReadOnlySpan<double> data)
    {
        if (data.Length < ReuseFrom) { var v = Allocate(data.Length); Upload(data, v); return v; }
        var a = Reused(data.Length) ?? GC.AllocateUninitializedArray<double>(data.Length);
        data.CopyTo(a);
        return new ManagedVector(a, this);
    }

    private double[]? Reused(int length)
    {
        lock (_reuseLock)
        {
            for (int i = _reuse.Count - 1; i >= 0; i--)
                if (_reuse[i].Length == length) { var a = _reuse[i]; _reuse.RemoveAt(i); return a; }
        }
        return null;
    }

    /// <summary>Elements from which a reusable vector's array is kept for reuse (smaller ones are cheap to allocate).</summary>
    internal const int ReuseFrom = 1 << 15;

    /// <summary>Arrays kept for reuse at most: a 2D particle run's state (x, y, likelihood, counters) and its fields.</summary>
    internal const int ReuseKept = 8;

    /// <summary>Arrays now kept for reuse (tests).</summary>
    internal int ReusableArrays { get { lock (_reuseLock) return _reuse.Count; } }

    private readonly Lock _reuseLock = new();
    private readonly List<double[]> _reuse = [];
    private bool _disposed;

    private void GiveBack(double[] a)
    {
        lock (_reuseLock)
        {
            if (_disposed) return;
            if (_reuse.Count == ReuseKept) _reuse.RemoveAt(0);
            _reuse.Add(a);
        }
    }

    /// <inheritdoc />
    public void Upload(ReadOnlySpan<double> source, IDeviceVector target) => source.CopyTo(A(target));

    /// <inheritdoc />
    public void Download(IDeviceVector source, Span<double> target) => A(source).AsSpan().CopyTo(target);

    /// <inheritdoc />
    public void FaceRates1D<TDrift>(Axis g, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D
    {
        var (x, p, m) = (V(aux), V(aP), V(aM));
        For(g.N + 1, (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.Face1D(k, g, t, d, drift, x, p, m); });
    }

    /// <inheritdoc />
    public void FaceRates2D<TDrift>(Axis gx, Axis gy, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D
    {
        var (a, ay, xp, xm, yp, ym) = (V(aux), V(auxY), V(xP), V(xM), V(yP), V(yM));
        For((gx.N + 1) * gy.N, (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.FaceX(k, gx, gy, t, d, drift, a, xp, xm); });
        For(gx.N * (gy.N + 1), (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.FaceY(k, gx, gy, t, d, drift, ay, yp, ym); });
    }

    /// <inheritdoc />
    public void DiffusingFaceRates1D<TDrift>(Axis g, double t, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D, IPointDiffusion
    {
        var (x, p, m) = (V(aux), V(aP), V(aM));
        For(g.N + 1, (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.DiffusingFace1D(k, g, t, drift, x, p, m); });
    }

    /// <inheritdoc />
    public void DiffusingFaceRates2D<TDrift>(Axis gx, Axis gy, double t, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D, IPointDiffusion
    {
        var (a, ay, xp, xm, yp, ym) = (V(aux), V(auxY), V(xP), V(xM), V(yP), V(yM));
        For((gx.N + 1) * gy.N, (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.DiffusingFaceX(k, gx, gy, t, drift, a, xp, xm); });
        For(gx.N * (gy.N + 1), (s, e) => { for (int k = s; k < e; k++) FaceRateKernels.DiffusingFaceY(k, gx, gy, t, drift, ay, yp, ym); });
    }

    /// <inheritdoc />
    public void Apply1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, IDeviceVector r) => Stencil1D(g, aP, aM, p, null, r);

    /// <inheritdoc />
    /// <remarks>Fused: each block of A p is combined with p while it is in cache (Combine's operations, so the same bits as
    /// the two passes), which saves writing and re-reading a whole array.</remarks>
    public void ApplyStep1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, double c, IDeviceVector r) => Stencil1D(g, aP, aM, p, c, r);

    // Apply1D; with a step coefficient, each block of 2048 cells then becomes 1·p + step·block.
    private void Stencil1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, double? step, IDeviceVector r)
    {
        double[] ap = A(aP), am = A(aM), pp = A(p), rr = A(r);
        int n = g.N;
        rr[0] = StencilKernels.Apply1D(0, g, V(aP), V(aM), V(p));
        rr[n - 1] = StencilKernels.Apply1D(n - 1, g, V(aP), V(aM), V(p));
        For(n - 2, (s, e) =>
        {
            for (int b = s; b < e; b += 2048)
            {
                int i0 = b + 1, len = Math.Min(2048, e - b);
                ManagedSimd.StencilRow(ap.AsSpan(i0, len), pp.AsSpan(i0 - 1, len), am.AsSpan(i0, len), ap.AsSpan(i0 + 1, len),
                    pp.AsSpan(i0, len), am.AsSpan(i0 + 1, len), pp.AsSpan(i0 + 1, len), rr.AsSpan(i0, len), false);
                if (step is double c) ManagedSimd.CombineRow(1.0, pp.AsSpan(i0, len), c, rr.AsSpan(i0, len), rr.AsSpan(i0, len));
            }
        });
        if (step is double k)
        {
            rr[0] = VectorKernels.Combine(1.0, pp[0], k, rr[0]);
            if (n > 1) rr[n - 1] = VectorKernels.Combine(1.0, pp[n - 1], k, rr[n - 1]);
        }
    }

    /// <inheritdoc />
    public void Apply2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, IDeviceVector r) => Rows2D(gx, gy, axes, xP, xM, yP, yM, p, null, r);

    /// <inheritdoc />
    /// <remarks>Fused: each row of A p is combined with p while it is in cache (Combine's operations, so the same bits as
    /// the two passes), which saves writing and re-reading a whole array.</remarks>
    public void ApplyStep2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, double c, IDeviceVector r) => Rows2D(gx, gy, axes, xP, xM, yP, yM, p, c, r);

    // Apply2D row by row; with a step coefficient, each row then becomes 1·p + step·row.
    private void Rows2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, double? step, IDeviceVector r)
    {
        double[] xp = A(xP), xm = A(xM), yp = A(yP), ym = A(yM), pp = A(p), rr = A(r);
        int nx = gx.N, ny = gy.N;
        ForRows(nx, ny, i =>
        {
            var row = rr.AsSpan(i * ny, ny);
            if ((axes & Axes.X) != 0)
            {
                if (i == 0 || i == nx - 1)
                {
                    for (int j = 0; j < ny; j++) row[j] = StencilKernels.ApplyX(i * ny + j, gx, gy, V(xP), V(xM), V(p));
                }
                else
                {
                    ManagedSimd.StencilRow(xp.AsSpan(i * ny, ny), pp.AsSpan((i - 1) * ny, ny), xm.AsSpan(i * ny, ny), xp.AsSpan((i + 1) * ny, ny),
                        pp.AsSpan(i * ny, ny), xm.AsSpan((i + 1) * ny, ny), pp.AsSpan((i + 1) * ny, ny), row, false);
                }
            }
            if ((axes & Axes.Y) != 0)
            {
                bool acc = (axes & Axes.X) != 0;
                int f = i * (ny + 1), c = i * ny;
                double first = StencilKernels.ApplyY(c, gx, gy, V(yP), V(yM), V(p));
                double last = StencilKernels.ApplyY(c + ny - 1, gx, gy, V(yP), V(yM), V(p));
                ManagedSimd.StencilRow(yp.AsSpan(f + 1, ny - 2), pp.AsSpan(c, ny - 2), ym.AsSpan(f + 1, ny - 2), yp.AsSpan(f + 2, ny - 2),
                    pp.AsSpan(c + 1, ny - 2), ym.AsSpan(f + 2, ny - 2), pp.AsSpan(c + 2, ny - 2), row.Slice(1, ny - 2), acc);
                row[0] = acc ? row[0] + first : first;
                row[ny - 1] = acc ? row[ny - 1] + last : last;
            }
            if (step is double k) ManagedSimd.CombineRow(1.0, pp.AsSpan(i * ny, ny), k, row, row);
        });
    }

    /// <inheritdoc />
    public void Solve1D(Axis g, double c, IDeviceVector aP, IDeviceVector aM, IDeviceVector rhs, IDeviceVector x, IDeviceVector w1, IDeviceVector w2)
    {
        // One Thomas chain is a sequence of dependent divisions; from MinCells on, the line is cut into segments that are
        // eliminated side by side (PartitionedTridiagonal: same solution to rounding, bits set by the cell count only).
        if (g.N >= PartitionedTridiagonal.MinCells)
            PartitionedTridiagonal.Solve(g.N, g.Periodic, c, A(aP), A(aM), A(rhs), A(x), A(w2), vector: true, ForRows);
        else TridiagonalKernels.SolveLine(g.N, g.Periodic, 0, 1, 0, 1, c, V(aP), V(aM), V(rhs), V(x), V(w1), V(w2));
    }

    /// <inheritdoc />
    /// <remarks>From <see cref="PartitionedTridiagonal.MinCells"/> cells on a non-periodic line, the right-hand side is
    /// formed inside the partitioned solve's forward pass (the same bits as the two calls, one pass fewer).</remarks>
    public void SolveStep1D(Axis g, double c, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, IDeviceVector x, IDeviceVector tmp,
        IDeviceVector w1, IDeviceVector w2)
    {
        if (g.N >= PartitionedTridiagonal.MinCells && !g.Periodic)
        {
            PartitionedTridiagonal.SolveStep(g, c, A(aP), A(aM), A(p), A(x), vector: true, ForRows);
            return;
        }
        ApplyStep1D(g, aP, aM, p, c, tmp);
        Solve1D(g, c, aP, aM, tmp, x, w1, w2);
    }

    /// <inheritdoc />
    public void SolveLines2D(Axis gx, Axis gy, Axes axis, double c, IDeviceVector fP, IDeviceVector fM, IDeviceVector rhs, IDeviceVector x,
        IDeviceVector w1, IDeviceVector w2)
    {
        var (p, m, b, s, u1, u2) = (V(fP), V(fM), V(rhs), V(x), V(w1), V(w2));
        int nx = gx.N, ny = gy.N;
        if (axis == Axes.X)
        {
            // x lines are columns of the row-major layout (stride ny): solving them one by one touches one double per
            // cache line. Bands of up to 32 adjacent columns are solved together instead, swept row by row, one column
            // per Vector256 lane with the scalar kernel's operations in its order (same bits); the last band takes the
            // remaining multiple of 4, and the 0-3 columns left over take the scalar kernel.
            int vectorCols = Vector256.IsHardwareAccelerated ? ny / 4 * 4 : 0;
            int bands = (vectorCols + ManagedSimd.ColumnBand - 1) / ManagedSimd.ColumnBand;
            double[] fp = A(fP), fm = A(fM), rr = A(rhs), xx = A(x), v1 = A(w1), v2 = A(w2);
            ForRows(bands + (ny - vectorCols), nx * ManagedSimd.ColumnBand, k =>
            {
                if (k < bands)
                {
                    int j0 = k * ManagedSimd.ColumnBand;
                    ManagedSimd.SolveColumns(nx, gx.Periodic, j0, Math.Min(ManagedSimd.ColumnBand, vectorCols - j0), ny, c, fp, fm, rr, xx, v1, v2);
                }
                else
                {
                    int j = vectorCols + (k - bands);
                    TridiagonalKernels.SolveLine(nx, gx.Periodic, j, ny, j, ny, c, p, m, b, s, u1, u2);
                }
            });
        }
        else if (axis == Axes.Y)
        {
            // y lines are rows (stride 1), each one dependent chain of divisions: groups of four rows share the divider
            // (ManagedSimd.SolveRows, same bits); the 0-3 rows left over take the scalar kernel.
            int groups = Vector256.IsHardwareAccelerated ? nx / ManagedSimd.RowGroup : 0;
            double[] fp = A(fP), fm = A(fM), rr = A(rhs), xx = A(x), v1 = A(w1), v2 = A(w2);
            ForRows(groups + (nx - groups * ManagedSimd.RowGroup), ny * ManagedSimd.RowGroup, k =>
            {
                if (k < groups) ManagedSimd.SolveRows(ny, gy.Periodic, k * ManagedSimd.RowGroup, c, fp, fm, rr, xx, v1, v2);
                else
                {
                    int i = groups * ManagedSimd.RowGroup + (k - groups);
                    TridiagonalKernels.SolveLine(ny, gy.Periodic, i * ny, 1, i * (ny + 1), 1, c, p, m, b, s, u1, u2);
                }
            });
        }
        else throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be X or Y");
    }

    /// <inheritdoc />
    public void Outflow(Axis gx, Axis? gy, IDeviceVector xP, IDeviceVector xM, IDeviceVector? yP, IDeviceVector? yM, IDeviceVector r)
    {
        double[] rr = A(r);
        var (xp, xm) = (V(xP), V(xM));
        if (gy is not Axis ay)
        {
            For(gx.N, (s, e) => { for (int i = s; i < e; i++) rr[i] = StencilKernels.Outflow(i, 1, xp, xm); });
            return;
        }
        var (yp, ym) = (V(yP!), V(yM!));
        int ny = ay.N;
        For(gx.N * ny, (s, e) =>
        {
            for (int k = s; k < e; k++)
            {
                int i = k / ny, j = k - i * ny;
                rr[k] = StencilKernels.Outflow(k, ny, xp, xm) + StencilKernels.Outflow(i * (ny + 1) + j, 1, yp, ym);
            }
        });
    }

    /// <inheritdoc />
    public void ContinuityRhs(Axis gx, Axis? gy, IDeviceVector ux, IDeviceVector? uy, IDeviceVector p, IDeviceVector r)
    {
        double[] rr = A(r);
        var (u, pp) = (V(ux), V(p));
        if (gy is not Axis ay)
        {
            For(gx.N, (s, e) => { for (int i = s; i < e; i++) rr[i] = ContinuityKernels.Line(i, gx, 0, 1, 0, 1, u, pp); });
            return;
        }
        var v = V(uy!);
        int ny = ay.N;
        For(gx.N * ny, (s, e) =>
        {
            for (int k = s; k < e; k++)
            {
                int i = k / ny, j = k - i * ny;
                rr[k] = ContinuityKernels.Line(i, gx, j, ny, j, ny, u, pp)
                      + ContinuityKernels.Line(j, ay, i * ny, 1, i * (ny + 1), 1, v, pp);
            }
        });
    }

    /// <inheritdoc />
    public void Combine(double a, IDeviceVector x, double b, IDeviceVector y, IDeviceVector r)
    {
        double[] xx = A(x), yy = A(y), rr = A(r);
        For(rr.Length, (s, e) => ManagedSimd.CombineRow(a, xx.AsSpan(s, e - s), b, yy.AsSpan(s, e - s), rr.AsSpan(s, e - s)));
    }

    /// <inheritdoc />
    public void Combine3(double a, IDeviceVector x, double b, IDeviceVector y, double c, IDeviceVector z, IDeviceVector r)
    {
        double[] xx = A(x), yy = A(y), zz = A(z), rr = A(r);
        For(rr.Length, (s, e) =>
        {
            int i = s;
            if (Vector256.IsHardwareAccelerated)
            {
                var va = Vector256.Create(a); var vb = Vector256.Create(b); var vc = Vector256.Create(c);
                for (; i <= e - 4; i += 4)
                    (va * Vector256.Create(xx.AsSpan(i, 4)) + vb * Vector256.Create(yy.AsSpan(i, 4)) + vc * Vector256.Create(zz.AsSpan(i, 4))).CopyTo(rr.AsSpan(i, 4));
            }
            for (; i < e; i++) rr[i] = VectorKernels.Combine3(a, xx[i], b, yy[i], c, zz[i]);
        });
    }

    /// <inheritdoc />
    public double Sum(IDeviceVector x)
    {
        var v = V(x); int n = x.Length;
        return Reduce(n, b => ReductionKernels.Sum(b, n, v), (s, t) => s + t, 0.0);
    }

    /// <inheritdoc />
    /// <remarks>Read in place, without a copy (16 MB a million particles).</remarks>
    public (long Even, long Odd) SumPairs(IDeviceVector x) => PairSums.Of(A(x));

    /// <inheritdoc />
    public double SumAbsDiff(IDeviceVector x, IDeviceVector y)
    {
        var (u, w) = (V(x), V(y)); int n = x.Length;
        return Reduce(n, b => ReductionKernels.SumAbsDiff(b, n, u, w), (s, t) => s + t, 0.0);
    }

    /// <inheritdoc />
    public double Max(IDeviceVector x)
    {
        var v = V(x); int n = x.Length;
        return Reduce(n, b => ReductionKernels.Max(b, n, v), Math.Max, double.NegativeInfinity);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_reuseLock) { _disposed = true; _reuse.Clear(); }
    }

    void IParticleBackend.RunParticles(IParticleJob job) => job.Run(new ManagedParticleLauncher(this));

    private double Reduce(int n, Func<int, double> block, Func<double, double, double> combine, double seed)
    {
        int blocks = ReductionKernels.Blocks(n);
        var partial = new double[blocks];
        if (n < SequentialBelow) for (int b = 0; b < blocks; b++) partial[b] = block(b);
        else Parallel.For(0, blocks, _options, b => partial[b] = block(b));
        double acc = seed;
        foreach (double v in partial) acc = combine(acc, v);
        return acc;
    }

    private void For(int n, Action<int, int> body)
    {
        if (n <= 0) return;
        if (n < SequentialBelow || Threads == 1) { body(0, n); return; }
        int chunks = Math.Min(Threads * 4, (n + 8191) / 8192);
        int size = ((n + chunks - 1) / chunks + 7) & ~7; // multiples of 8 doubles: chunk starts on distinct cache lines
        chunks = (n + size - 1) / size;
        Parallel.For(0, chunks, _options, c => body(c * size, Math.Min(n, (c + 1) * size)));
    }

    // rows tasks of rowLength cells each: sequential when the whole is too small to pay for the threads.
    private void ForRows(int rows, int rowLength, Action<int> body)
    {
        if ((long)rows * rowLength < SequentialBelow || Threads == 1) { for (int i = 0; i < rows; i++) body(i); return; }
        Parallel.For(0, rows, _options, body);
    }

    private static double[] A(IDeviceVector v) => v is ManagedVector m ? m.Data
        : throw new ArgumentException("vector belongs to another backend", nameof(v));

    internal static ArrayVec V(IDeviceVector v) => new(A(v));

    // A vector's array; a reusable one (owner set) gives its array back to the owner once, on the first Dispose.
    private sealed class ManagedVector(double[] data, ManagedBackend? owner) : IDeviceVector
    {
        private ManagedBackend? _owner = owner;

        public double[] Data { get; } = data;

        public int Length => Data.Length;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.GiveBack(Data);
    }
}
