using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace FokkerPlanck.Backends;

/// <summary>
/// Runs the kernels through ILGPU: on a CUDA device when one exists, or on ILGPU's CPU accelerator (a debugging
/// simulator, about 20–2000× slower than Managed: for conformance tests at small sizes only).
/// Kernels are loaded once per accelerator and cached.
/// </summary>
public sealed class IlgpuBackend : IBackend, IParticleBackend
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Dictionary<(string, Type?), Delegate> _kernels = new();

    private IlgpuBackend(Context context, Accelerator accelerator, string name)
    {
        _context = context;
        _accelerator = accelerator;
        Name = name;
    }

    /// <summary>ILGPU's CPU accelerator (conformance tests).</summary>
    /// <returns>The backend.</returns>
    public static IlgpuBackend CreateCpu()
    {
        // Static arrays inlined: the Brownian normals' ziggurat reads its tables inside the particle kernel.
        var context = Context.Create(b => b.CPU().EnableAlgorithms().Arrays(ArrayMode.InlineMutableStaticArrays));
        return new IlgpuBackend(context, context.CreateCPUAccelerator(0), "ilgpu-cpu");
    }

    /// <summary>The first CUDA device, or null when there is none.</summary>
    /// <returns>The backend or null.</returns>
    public static IlgpuBackend? TryCreateCuda()
    {
        Context? context = null;
        try
        {
            context = Context.Create(b =>
            {
                b.Cuda().EnableAlgorithms().Arrays(ArrayMode.InlineMutableStaticArrays);
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CUDA_HOME")))
                {
                    try { b.LibDevice(); } catch (NotSupportedException) { /* fall back to ILGPU's own double math */ }
                }
            });
            var devices = context.GetCudaDevices();
            if (devices.Count == 0) { context.Dispose(); return null; }
            return new IlgpuBackend(context, context.CreateCudaAccelerator(0), "cuda");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context?.Dispose();
            return null;
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The accelerator's own description.</summary>
    public string Device => _accelerator.Name;

    /// <inheritdoc />
    public IDeviceVector Allocate(int length)
    {
        var buffer = _accelerator.Allocate1D<double>(Math.Max(length, 1));
        buffer.MemSetToZero();
        return new IlgpuVector(buffer, length);
    }

    /// <inheritdoc />
    public void Upload(ReadOnlySpan<double> source, IDeviceVector target)
    {
        var t = B(target);
        t.View.SubView(0, target.Length).CopyFromCPU(source.ToArray());
    }

    /// <inheritdoc />
    public void Download(IDeviceVector source, Span<double> target)
    {
        _accelerator.Synchronize();
        var host = new double[source.Length];
        B(source).View.SubView(0, source.Length).CopyToCPU(host);
        host.CopyTo(target);
    }

    /// <inheritdoc />
    public void FaceRates1D<TDrift>(Axis g, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D
    {
        var k = Kernel<Action<Index1D, Axis, double, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "rates1d", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, double, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.Rates1D<TDrift>));
        k(g.N + 1, g, t, d, drift, W(aux), W(aP), W(aM));
    }

    /// <inheritdoc />
    public void FaceRates2D<TDrift>(Axis gx, Axis gy, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D
    {
        var kx = Kernel<Action<Index1D, Axis, Axis, double, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "ratesx", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, double, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.RatesX<TDrift>));
        var ky = Kernel<Action<Index1D, Axis, Axis, double, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "ratesy", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, double, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.RatesY<TDrift>));
        kx((gx.N + 1) * gy.N, gx, gy, t, d, drift, W(aux), W(xP), W(xM));
        ky(gx.N * (gy.N + 1), gx, gy, t, d, drift, W(auxY), W(yP), W(yM));
    }

    /// <inheritdoc />
    public void DiffusingFaceRates1D<TDrift>(Axis g, double t, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D, IPointDiffusion
    {
        var k = Kernel<Action<Index1D, Axis, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "drates1d", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.DiffusingRates1D<TDrift>));
        k(g.N + 1, g, t, drift, W(aux), W(aP), W(aM));
    }

    /// <inheritdoc />
    public void DiffusingFaceRates2D<TDrift>(Axis gx, Axis gy, double t, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D, IPointDiffusion
    {
        var kx = Kernel<Action<Index1D, Axis, Axis, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "dratesx", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.DiffusingRatesX<TDrift>));
        var ky = Kernel<Action<Index1D, Axis, Axis, double, TDrift, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "dratesy", typeof(TDrift), () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, double, TDrift,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.DiffusingRatesY<TDrift>));
        kx((gx.N + 1) * gy.N, gx, gy, t, drift, W(aux), W(xP), W(xM));
        ky(gx.N * (gy.N + 1), gx, gy, t, drift, W(auxY), W(yP), W(yM));
    }

    /// <inheritdoc />
    public void Apply1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, IDeviceVector r)
    {
        var k = Kernel<Action<Index1D, Axis, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "apply1d", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, ArrayView<double>, ArrayView<double>,
                ArrayView<double>, ArrayView<double>>(IlgpuKernels.Apply1D));
        k(g.N, g, W(aP), W(aM), W(p), W(r));
    }

    /// <inheritdoc />
    public void Apply2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, IDeviceVector r)
    {
        var k = Kernel<Action<Index1D, Axis, Axis, int, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>>>("apply2d", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, int,
                ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.Apply2D));
        k(gx.N * gy.N, gx, gy, (int)axes, W(xP), W(xM), W(yP), W(yM), W(p), W(r));
    }

    /// <inheritdoc />
    public void Solve1D(Axis g, double c, IDeviceVector aP, IDeviceVector aM, IDeviceVector rhs, IDeviceVector x, IDeviceVector w1, IDeviceVector w2)
    {
        var k = LinesKernel();
        k(1, g, g, 0, c, W(aP), W(aM), W(rhs), W(x), W(w1), W(w2));
    }

    /// <inheritdoc />
    public void SolveLines2D(Axis gx, Axis gy, Axes axis, double c, IDeviceVector fP, IDeviceVector fM, IDeviceVector rhs, IDeviceVector x,
        IDeviceVector w1, IDeviceVector w2)
    {
        if (axis != Axes.X && axis != Axes.Y) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be X or Y");
        var k = LinesKernel();
        k(axis == Axes.X ? gy.N : gx.N, gx, gy, (int)axis, c, W(fP), W(fM), W(rhs), W(x), W(w1), W(w2));
    }

    /// <inheritdoc />
    public void Outflow(Axis gx, Axis? gy, IDeviceVector xP, IDeviceVector xM, IDeviceVector? yP, IDeviceVector? yM, IDeviceVector r)
    {
        var k = Kernel<Action<Index1D, Axis, Axis, int, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "outflow", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, int, ArrayView<double>, ArrayView<double>,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.Outflow));
        bool two = gy.HasValue;
        k(r.Length, gx, gy ?? gx, two ? 1 : 0, W(xP), W(xM), two ? W(yP!) : W(xP), two ? W(yM!) : W(xM), W(r));
    }

    /// <inheritdoc />
    public void ContinuityRhs(Axis gx, Axis? gy, IDeviceVector ux, IDeviceVector? uy, IDeviceVector p, IDeviceVector r)
    {
        var k = Kernel<Action<Index1D, Axis, Axis, int, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "continuity", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, int, ArrayView<double>, ArrayView<double>,
                ArrayView<double>, ArrayView<double>>(IlgpuKernels.Continuity));
        bool two = gy.HasValue;
        k(r.Length, gx, gy ?? gx, two ? 1 : 0, W(ux), two ? W(uy!) : W(ux), W(p), W(r));
    }

    /// <inheritdoc />
    public void Combine(double a, IDeviceVector x, double b, IDeviceVector y, IDeviceVector r) =>
        Combine3(a, x, b, y, 0.0, y, r, three: false);

    /// <inheritdoc />
    public void Combine3(double a, IDeviceVector x, double b, IDeviceVector y, double c, IDeviceVector z, IDeviceVector r) =>
        Combine3(a, x, b, y, c, z, r, three: true);

    /// <inheritdoc />
    public double Sum(IDeviceVector x) => Reduce(0, x, x, (s, v) => s + v, 0.0);

    /// <inheritdoc />
    public double SumAbsDiff(IDeviceVector x, IDeviceVector y) => Reduce(1, x, y, (s, v) => s + v, 0.0);

    /// <inheritdoc />
    public double Max(IDeviceVector x) => Reduce(2, x, x, Math.Max, double.NegativeInfinity);

    /// <inheritdoc />
    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    void IParticleBackend.RunParticles(IParticleJob job) => job.Run(new ParticleLauncher(this));

    private sealed class ParticleLauncher(IlgpuBackend b) : IParticleLauncher<ViewVec>
    {
        public ViewVec Wrap(IDeviceVector v) => new(W(v));

        public void Advance<TModel, TScheme>(TModel model, TScheme scheme, Kernels.Particles.StepArgs args, int count, ViewVec x, ViewVec y, ViewVec l, ViewVec counters)
            where TModel : struct, Kernels.Particles.IParticleModel where TScheme : struct, Kernels.Particles.IStepScheme
        {
            // One kernel per (model, integrator) pair: the scheme is a type argument, not a parameter (it has no state).
            var k = b.Kernel<Action<Index1D, TModel, Kernels.Particles.StepArgs, ViewVec, ViewVec, ViewVec, ViewVec>>(
                "particles", typeof(ValueTuple<TModel, TScheme>), () => b._accelerator.LoadAutoGroupedStreamKernel<Index1D, TModel, Kernels.Particles.StepArgs,
                    ViewVec, ViewVec, ViewVec, ViewVec>(IlgpuKernels.Particles<TModel, TScheme>));
            k(count, model, args, x, y, l, counters);
        }
    }

    private void Combine3(double a, IDeviceVector x, double b, IDeviceVector y, double c, IDeviceVector z, IDeviceVector r, bool three)
    {
        var k = Kernel<Action<Index1D, int, double, double, double, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "combine", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, int, double, double, double, ArrayView<double>,
                ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.Combine));
        k(r.Length, three ? 1 : 0, a, b, c, W(x), W(y), W(z), W(r));
    }

    private double Reduce(int op, IDeviceVector x, IDeviceVector y, Func<double, double, double> combine, double seed)
    {
        int n = x.Length, blocks = ReductionKernels.Blocks(n);
        using var partial = _accelerator.Allocate1D<double>(blocks);
        var k = Kernel<Action<Index1D, int, int, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "reduce", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, int, int, ArrayView<double>, ArrayView<double>,
                ArrayView<double>>(IlgpuKernels.Reduce));
        k(blocks, op, n, W(x), W(y), partial.View);
        _accelerator.Synchronize();
        double acc = seed;
        foreach (double v in partial.GetAsArray1D()) acc = combine(acc, v);
        return acc;
    }

    private Action<Index1D, Axis, Axis, int, double, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>> LinesKernel() =>
        Kernel<Action<Index1D, Axis, Axis, int, double, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>>(
            "lines", null, () => _accelerator.LoadAutoGroupedStreamKernel<Index1D, Axis, Axis, int, double, ArrayView<double>, ArrayView<double>,
                ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.Lines));

    private T Kernel<T>(string name, Type? drift, Func<T> load) where T : Delegate
    {
        lock (_kernels)
        {
            if (!_kernels.TryGetValue((name, drift), out var k)) _kernels[(name, drift)] = k = load();
            return (T)k;
        }
    }

    private static MemoryBuffer1D<double, Stride1D.Dense> B(IDeviceVector v) => v is IlgpuVector g ? g.Buffer
        : throw new ArgumentException("vector belongs to another backend", nameof(v));

    private static ArrayView<double> W(IDeviceVector v) => B(v).View.SubView(0, v.Length);

    private sealed class IlgpuVector(MemoryBuffer1D<double, Stride1D.Dense> buffer, int length) : IDeviceVector
    {
        public MemoryBuffer1D<double, Stride1D.Dense> Buffer { get; } = buffer;

        public int Length { get; } = length;

        public void Dispose() => Buffer.Dispose();
    }
}
