using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Kernels.Particles.Schemes;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed launcher's loops for a linear schedule's drift plus a grid score — Euler–Maruyama for the reverse SDE
/// (<see cref="GridScoreEuler"/>) and RK4 for the PF-ODE (<see cref="GridScoreRk4"/>) — give the general path's bits: the same model stepped once as it is and once behind a wrapper that hides its form (so the
/// launcher takes the general per-particle kernel with the same batched increments). Reflecting and periodic axes,
/// particles inside and outside the grid, trust weights below 1 (fallbacks counted), the snapshot window from the
/// stage-time table and computed per evaluation, windows of 2, 3 and 4 snapshots summed in time once per cell
/// (<see cref="TimeSummedWindow"/>: as many particles as cells or more; grids of 4k cells and others) and read from the
/// field's arrays (fewer particles than cells: 1D windows of 2, 3 and 4, 2D windows of 4), OU and VP, one and two threads.
/// </summary>
public class GridScoreStepTests
{
    public static TheoryData<bool, int, bool, bool, int, bool, int, int> Cases()
    {
        var d = new TheoryData<bool, int, bool, bool, int, bool, int, int>();
        foreach (bool ode in new[] { false, true })
        {
            d.Add(ode, 1, false, true, 6, false, 1003, 1);
            d.Add(ode, 1, true, true, 6, false, 1003, 1);
            d.Add(ode, 1, false, false, 6, true, 1030, 1);
            d.Add(ode, 1, false, true, 2, true, 4099, 2);
            d.Add(ode, 2, false, true, 6, false, 1003, 1);
            d.Add(ode, 2, true, false, 5, true, 1030, 1);
            d.Add(ode, 2, false, true, 3, false, 4099, 2);
            // Time-summed windows (as many particles as cells or more: 200 cells in 1D, 1200 in 2D) of 3, 2 and 4 snapshots,
            // and 1D windows of 4, 3 and 2 read from the field's arrays (fewer particles than cells).
            d.Add(ode, 1, false, true, 3, false, 1003, 2);
            d.Add(ode, 2, true, true, 2, false, 4099, 1);
            d.Add(ode, 2, false, true, 6, true, 2000, 2);
            d.Add(ode, 1, true, false, 6, true, 150, 1);
            d.Add(ode, 1, false, true, 3, false, 150, 1);
            d.Add(ode, 1, false, false, 2, true, 199, 2);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLoopIsTheGeneralStepBitForBit(bool ode, int dims, bool periodic, bool tabulated, int snapshots, bool vp, int n, int threads)
    {
        var field = Field(dims, periodic, snapshots, tabulated, out var table);
        State fast, general;
        if (vp)
        {
            var model = Model(new VpSchedule(0.1, 20), field, ode);
            Assert.True(model.GridScoreDrift<ArrayVec>(0.2, out _, out _, out _, out _, out _));
            (fast, general) = (Steps(model, field, n, threads, table, ode), Steps(new LinearEulerTests.Hidden<ParticleModel<ScheduleKernel<VpSchedule>, GridScoreField<ArrayVec>>>(model), field, n, threads, table, ode));
        }
        else
        {
            var model = Model(new OuSchedule(1.3, 0.8), field, ode);
            (fast, general) = (Steps(model, field, n, threads, table, ode), Steps(new LinearEulerTests.Hidden<ParticleModel<ScheduleKernel<OuSchedule>, GridScoreField<ArrayVec>>>(model), field, n, threads, table, ode));
        }
        Assert.Equal(general.X, fast.X);
        Assert.Equal(general.Y, fast.Y);
        Assert.Equal(CounterTotals.PerChunk(general.Counters), CounterTotals.PerChunk(fast.Counters));
        // The particles moved, and some evaluations fell back (weights below 1 at the grid's ends).
        Assert.True(fast.X.Zip(Start(n)).Count(p => p.First != p.Second) > n - 5);
        Assert.Contains(fast.Counters.Where((_, i) => i % 2 == 0), f => f > 0);
    }

    /// <summary>Grids whose cell count is not a multiple of four (the time sums' scalar tail): still the general path's bits.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 2)]
    public void OddGridsAreTheGeneralStepBitForBit(bool ode, int dims)
    {
        var field = Field(dims, periodic: false, snapshots: 6, tabulated: true, out var table, extra: 3);
        int n = 2100;
        Assert.True(GridScoreStage.SumsOnce(TimeSummedWindow.Cells(field), n));
        var model = Model(new OuSchedule(1.3, 0.8), field, ode);
        var fast = Steps(model, field, n, 2, table, ode);
        var general = Steps(new LinearEulerTests.Hidden<ParticleModel<ScheduleKernel<OuSchedule>, GridScoreField<ArrayVec>>>(model), field, n, 2, table, ode);
        Assert.Equal(general.X, fast.X);
        Assert.Equal(general.Y, fast.Y);
        Assert.Equal(CounterTotals.PerChunk(general.Counters), CounterTotals.PerChunk(fast.Counters));
    }

    /// <summary>The window is summed once per cell from as many particles as cells on (where Vector256 is accelerated),
    /// and the summed window holds each cell's (score, weight), or (score x, score y, weight, 0), equal bit for bit to the
    /// kernel's time sum <see cref="GridScoreField{TVec}.InTime"/>, for windows of 1 to 4 snapshots and cell counts with
    /// and without a remainder of four.</summary>
    [Theory]
    [InlineData(1, 199, false, 0)]
    [InlineData(1, 200, true, 0)]
    [InlineData(1, 203, true, 3)]
    [InlineData(2, 1199, false, 0)]
    [InlineData(2, 1200, true, 0)]
    [InlineData(2, 1230, true, 1)]
    public void WindowsAreSummedFromAsManyParticlesAsCells(int dims, int count, bool summed, int extra)
    {
        var field = Field(dims, periodic: false, snapshots: 6, tabulated: false, out _, extra);
        var model = Model(new OuSchedule(1.3, 0.8), field, ode: false);
        using (var stage = GridScoreStage.Of(model, 0.2, count))
        {
            Assert.NotNull(stage);
            Assert.Equal(summed && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, stage.Summed);
            stage.Dispose();
            Assert.False(stage.Summed);
        }
        int cells = (int)TimeSummedWindow.Cells(field), stride = TimeSummedWindow.Stride(dims);
        var rng = new Random(7);
        for (int m = 1; m <= 4; m++)
        {
            double[] w = [.. Enumerable.Range(0, 4).Select(q => q < m ? rng.NextDouble() - 0.3 : 0.0)];
            int first = 5 - m;
            var p = TimeSummedWindow.Sum(field, first, m, w);
            try
            {
                Assert.True(p.Length >= cells * stride);
                for (int c = 0; c < cells; c++)
                {
                    double T(ArrayVec f) => GridScoreField<ArrayVec>.InTime(f, first * cells + c, cells, m, w[0], w[1], w[2], w[3]);
                    Assert.Equal(T(field.ScoreX), p[c * stride]);
                    if (dims == 2) { Assert.Equal(T(field.ScoreY), p[c * stride + 1]); Assert.Equal(0.0, p[c * stride + 3]); }
                    Assert.Equal(T(field.Weight), p[c * stride + dims]);
                }
            }
            finally { TimeSummedWindow.Return(p); }
        }
    }

    /// <summary>Negative control for the order of the two interpolations: space first and time second (the order before
    /// the time sums) is a different computation that the bitwise comparisons above would see.</summary>
    [Fact]
    public void SpaceFirstInterpolationIsDetected()
    {
        var rng = new Random(5);
        int diff = 0;
        for (int k = 0; k < 1000; k++)
        {
            double[] c = [.. Enumerable.Range(0, 4).Select(_ => rng.NextDouble() - 0.2)];
            double[,] v = new double[4, 4];
            for (int q = 0; q < 4; q++) for (int j = 0; j < 4; j++) v[q, j] = rng.NextDouble() - 0.5;
            double a = rng.NextDouble(), b = rng.NextDouble();
            double spaceFirst = 0;
            for (int q = 0; q < 4; q++) spaceFirst += c[q] * GridScoreField<ArrayVec>.Bilinear(a, b, v[q, 0], v[q, 1], v[q, 2], v[q, 3]);
            double T(int j) { double s = 0; for (int q = 0; q < 4; q++) s += c[q] * v[q, j]; return s; }
            double timeFirst = GridScoreField<ArrayVec>.Bilinear(a, b, T(0), T(1), T(2), T(3));
            if (spaceFirst != timeFirst) diff++;
        }
        Assert.True(diff > 100, $"only {diff} of 1000 interpolations changed");
    }

    /// <summary>Negative control: the score's snapshot sums taken in the other order (last snapshot first) is a different
    /// computation, and the bitwise comparison above would see it.</summary>
    [Fact]
    public void ASumInAnotherOrderIsDetected()
    {
        var rng = new Random(4);
        int diff = 0;
        for (int k = 0; k < 1000; k++)
        {
            double[] v = Enumerable.Range(0, 4).Select(_ => rng.NextDouble() - 0.5).ToArray();
            double forward = 0, backward = 0;
            for (int q = 0; q < 4; q++) forward += v[q];
            for (int q = 3; q >= 0; q--) backward += v[q];
            if (forward != backward) diff++;
        }
        Assert.True(diff > 100, $"only {diff} of 1000 sums changed");
    }

    private sealed record State(double[] X, double[] Y, double[] Counters);

    // The reverse SDE (-1, 1, 1) or the reverse PF-ODE (-1, ½, 0): the reverse lambda family at λ = 1 and 0.
    private static ParticleModel<ScheduleKernel<T>, GridScoreField<ArrayVec>> Model<T>(T schedule, GridScoreField<ArrayVec> field, bool ode) where T : struct, ILinearSchedule =>
        new(new ScheduleKernel<T>(schedule), field, field.Dims, reverse: 1, tEnd: 1.0, driftSign: -1.0, scoreCoef: ode ? 0.5 : 1.0, noiseCoef: ode ? 0.0 : 1.0);

    // A smooth score and a trust weight that falls off towards the ends, at `snapshots` times: 1D on 200 (+ extra) cells
    // of [-4, 4]; 2D on (40 + extra) × 30 cells of [-4, 4] × [-3, 3].
    private static GridScoreField<ArrayVec> Field(int dims, bool periodic, int snapshots, bool tabulated, out double[] table, int extra = 0)
    {
        int nx = (dims == 1 ? 200 : 40) + extra, ny = dims == 1 ? 1 : 30, cells = nx * ny;
        int bc = periodic ? Axis.PeriodicBoundary : Axis.ReflectingBoundary;
        var ax = new Axis(-4.0, 8.0 / nx, nx, bc);
        var ay = dims == 1 ? ax : new Axis(-3.0, 6.0 / ny, ny, bc);
        double[] times = Enumerable.Range(0, snapshots).Select(k => 0.05 + 0.9 * k / (snapshots - 1)).ToArray();
        double[] sx = new double[snapshots * cells], sy = new double[snapshots * cells], weight = new double[snapshots * cells];
        for (int k = 0; k < snapshots; k++)
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    double x = -4.0 + (i + 0.5) * 8.0 / nx, y = dims == 1 ? 0.0 : -3.0 + (j + 0.5) * 6.0 / ny;
                    int c = k * cells + i * ny + j;
                    sx[c] = -x / (0.5 + times[k]) + 0.3 * Math.Sin(3 * x + y + k);
                    sy[c] = -y / (0.7 + times[k]) + 0.2 * Math.Cos(2 * y - x + k);
                    weight[c] = Math.Min(1.0, Math.Max(0.0, 3.5 - Math.Abs(x))) * Math.Min(1.0, Math.Max(0.0, 3.5 - Math.Abs(y)));
                }
        table = new double[StageTimeRows * GridScoreField<ArrayVec>.TimeRow];
        Array.Fill(table, double.NaN);
        var none = new ArrayVec([0.0]);
        return new GridScoreField<ArrayVec>(ax, ay, dims, snapshots, new ArrayVec(times), new ArrayVec(sx), dims == 2 ? new ArrayVec(sy) : none,
            new ArrayVec(weight), 0, none, none, none, none, new ArrayVec(table), tabulated ? StageTimeRows : 0);
    }

    private const int StageTimeRows = 4;

    private static double[] Start(int n, int seed = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 10 * rng.NextDouble() - 5).ToArray(); // partly outside [-4, 4]
    }

    private static State Steps<TModel>(TModel model, GridScoreField<ArrayVec> field, int n, int threads, double[] table, bool ode) where TModel : struct, IParticleModel
    {
        using var backend = new ManagedBackend(threads);
        var launcher = new ManagedParticleLauncher(backend);
        double[] x = Start(n), y = Start(n, 2), l = new double[1], counters = new double[2 * n];
        for (int k = 0; k < 5; k++)
        {
            double tau = 0.2 + 0.05 * k;
            // The stage-time table for this step, as StageTimeTable fills it (field time = 1 - clock time), when the field
            // reads one.
            Array.Fill(table, double.NaN);
            const int width = GridScoreField<ArrayVec>.TimeRow;
            double[] clocks = [tau, tau + 0.5 * 0.05, tau + 0.75 * 0.05, tau + 0.05];
            for (int r = 0; r < StageTimeRows; r++)
                GridScoreField<ArrayVec>.Tabulate(field.Times, field.Snapshots, 1.0 - clocks[r], table.AsSpan(r * width, width));
            var args = new StepArgs(tau, 0.05, k, 2026, 1, StepArgs.NoLikelihood, 1e-6, 1e-9, 100, ode ? 0 : 1);
            if (ode) launcher.Advance(model, default(Rk4Scheme), args, n, new ArrayVec(x), new ArrayVec(y), new ArrayVec(l), new ArrayVec(counters));
            else launcher.Advance(model, default(EulerMaruyamaScheme), args, n, new ArrayVec(x), new ArrayVec(y), new ArrayVec(l), new ArrayVec(counters));
        }
        return new State(x, model.Dims == 2 ? y : [], counters);
    }
}
