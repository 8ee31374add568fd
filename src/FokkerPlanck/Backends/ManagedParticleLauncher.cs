using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Kernels.Particles.Schemes;

namespace FokkerPlanck.Backends;

/// <summary>
/// The managed backend's particle launcher: chunks of <see cref="ParticleChunk"/> particles over the backend's threads.
/// Particles are independent, so any chunking gives the same bits; chunks are small because each particle is expensive.
/// </summary>
internal sealed class ManagedParticleLauncher(ManagedBackend b) : IParticleLauncher<ArrayVec>
{
    // Particles per parallel chunk (and per stack buffer of SDE increments); fixed, so results do not depend on threads.
    private const int ParticleChunk = 512;

    public ArrayVec Wrap(IDeviceVector v) => ManagedBackend.V(v);

    public void Advance<TModel, TScheme>(TModel model, TScheme scheme, StepArgs args, int count, ArrayVec x, ArrayVec y, ArrayVec l, ArrayVec counters)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme
    {
        const int chunk = ParticleChunk;
        int chunks = (count + chunk - 1) / chunk;
        // SDE integrators: the chunk's Brownian increments are drawn first, 32 particles at a time (Philox and the
        // ziggurat in SIMD, the scalar kernel's bits), then each particle steps with them. Chunks start at multiples of 512.
        bool batch = args.Increments != 0 && IncrementBatch.IsAccelerated && (model.Noise(args.Tau) != 0 || model.Noise(args.Tau + args.H) != 0);
        // Euler–Maruyama with a drift that is one linear map for all particles (a forward linear-schedule SDE): the
        // update itself in SIMD too, with the general path's operations (LinearEuler).
        var linear = default(LinearEuler);
        if (batch && typeof(TScheme) == typeof(EulerMaruyamaScheme) && args.Likelihood == StepArgs.NoLikelihood
            && model.LinearDrift(args.Tau, out double sign, out double slope, out double addend))
            linear = new LinearEuler(sign, slope, addend, args.H, model.Noise(args.Tau));
        // A linear drift plus a grid score (reverse SDEs and PF-ODEs of linear schedules on grid fields), stepped by
        // Euler–Maruyama with batched increments or by RK4 without noise: each stage time's constants once, then a loop
        // with the general path's operations (GridScoreStage, GridScoreEuler, GridScoreRk4).
        GridScoreEuler? gridEuler = null;
        GridScoreRk4? gridRk4 = null;
        // The stages' time-summed windows are pooled: given back when the step is done.
        var stages = new List<GridScoreStage>(3);
        GridScoreStage? Stage(double tau) { var st = GridScoreStage.Of(model, tau, count); if (st is not null) stages.Add(st); return st; }
        if (!linear.On && args.Likelihood == StepArgs.NoLikelihood)
        {
            if (batch && typeof(TScheme) == typeof(EulerMaruyamaScheme) && Stage(args.Tau) is { } stage)
                gridEuler = new GridScoreEuler(stage, args.H, model.Noise(args.Tau));
            else if (typeof(TScheme) == typeof(Rk4Scheme) && model.Noise(args.Tau) == 0 && model.Noise(args.Tau + args.H) == 0
                && Stage(args.Tau) is { } s0 && Stage(args.Tau + 0.5 * args.H) is { } s1 && Stage(args.Tau + args.H) is { } s2)
                gridRk4 = new GridScoreRk4(s0, s1, s2, args.H);
        }
        void Body(int c)
        {
            int s = c * chunk, e = Math.Min(count, (c + 1) * chunk);
            if (linear.On) LinearChunk(linear, model.Dims, args, s, e, x, y, counters);
            else if (gridEuler is not null) GridChunk(gridEuler, args, s, e, x, y, counters);
            else if (gridRk4 is not null) gridRk4.Advance(x.Array.AsSpan(s, e - s), gridRk4.Dims == 2 ? y.Array.AsSpan(s, e - s) : default, counters.Array, s);
            else if (batch) SdeChunk(model, scheme, args, s, e, x, y, l, counters);
            else AnyChunk(model, scheme, args, s, e, x, y, l, counters);
        }
        try
        {
            if (chunks == 1 || b.Threads == 1) { for (int c = 0; c < chunks; c++) Body(c); return; }
            Parallel.For(0, chunks, b.Parallelism, Body);
        }
        finally
        {
            foreach (var st in stages) st.Dispose();
        }
    }

    // Each thread's increment buffer (every entry a chunk reads is written first; a stackalloc would be cleared per chunk).
    [ThreadStatic] private static double[]? t_increments;

    // Separate methods, so that the JIT gives each loop its own inlining budget.
    private static void AnyChunk<TModel, TScheme>(TModel model, TScheme scheme, StepArgs args, int s, int e, ArrayVec x, ArrayVec y, ArrayVec l, ArrayVec counters)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme
    {
        for (int i = s; i < e; i++) ParticleKernels.Advance(i, model, scheme, args, x, y, l, counters);
    }

    // One Euler–Maruyama step X' = (X + h b) + g ΔW with b = sign·(slope·X) + addend (IParticleModel.LinearDrift), four
    // particles per Vector256: the same operations in the same order as EulerMaruyamaScheme over ParticleModel.Drift,
    // so the same bits; each particle counts one field evaluation and no fallback, as there.
    private static void LinearChunk(LinearEuler le, int dims, StepArgs args, int s, int e, ArrayVec x, ArrayVec y, ArrayVec counters)
    {
        int n = e - s;
        Draw(args, s, n, dims, out var i1x, out var i10x, out var i1y, out var i10y);
        le.Advance(x.Array.AsSpan(s, n), i1x);
        if (dims == 2) le.Advance(y.Array.AsSpan(s, n), i1y);
        ChunkCounters.Add(counters.Array, s, [], n);
    }

    private static void GridChunk(GridScoreEuler grid, StepArgs args, int s, int e, ArrayVec x, ArrayVec y, ArrayVec counters)
    {
        int n = e - s;
        Draw(args, s, n, grid.Dims, out var i1x, out var i10x, out var i1y, out var i10y);
        grid.Advance(x.Array.AsSpan(s, n), grid.Dims == 2 ? y.Array.AsSpan(s, n) : default, i1x, i1y, counters.Array, s);
    }

    private static void SdeChunk<TModel, TScheme>(TModel model, TScheme scheme, StepArgs args, int s, int e, ArrayVec x, ArrayVec y, ArrayVec l, ArrayVec counters)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme
    {
        int n = e - s;
        Draw(args, s, n, model.Dims, out var i1x, out var i10x, out var i1y, out var i10y);
        bool two = model.Dims == 2; // y's increments are not drawn in 1D: zero there, as the scalar kernel gives them
        for (int k = 0; k < n; k++)
            ParticleKernels.AdvanceWith(s + k, model, scheme, args, x, y, l, counters, i1x[k], i10x[k], two ? i1y[k] : 0, two ? i10y[k] : 0);
    }

    // The chunk's Brownian increments (ΔW and its time integral per axis), drawn four particles per Vector256 into the
    // thread's buffer of 4 × ParticleChunk values (valid until the thread's next chunk).
    private static void Draw(StepArgs args, int s, int n, int dims,
        out Span<double> i1x, out Span<double> i10x, out Span<double> i1y, out Span<double> i10y)
    {
        const int max = ParticleChunk;
        Span<double> buf = t_increments ??= new double[4 * max];
        i1x = buf.Slice(0, n); i10x = buf.Slice(max, n); i1y = buf.Slice(2 * max, n); i10y = buf.Slice(3 * max, n);
        IncrementBatch.Fill(args.Seed, s, args.Step, args.Refine, args.H, dims, args.TimeIntegral, i1x, i10x, i1y, i10y);
    }
}
