using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Kernels.Particles.Schemes;
using FokkerPlanck.Model;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed launcher's SIMD Euler–Maruyama step for a drift that is one linear map (forward linear-schedule SDEs)
/// gives the general path's bits: the same model stepped once as it is and once behind a wrapper that hides its
/// linearity (so the launcher takes the general per-particle kernel with the same batched increments), 1D and 2D,
/// OU (constant slope) and VP (time-dependent slope), particle counts with a scalar tail, one and two threads.
/// </summary>
public class LinearEulerTests
{
    [Theory]
    [InlineData(1, false, 1003, 1)]
    [InlineData(2, false, 1003, 1)]
    [InlineData(1, true, 1030, 1)]
    [InlineData(2, true, 4099, 2)]
    public void TheSimdStepIsTheGeneralStepBitForBit(int dims, bool vp, int n, int threads)
    {
        var (linear, general) = vp ? Run(Model(new VpSchedule(0.1, 20), dims), n, threads) : Run(Model(new OuSchedule(1.3, 0.8), dims), n, threads);
        Assert.Equal(general.X, linear.X);
        Assert.Equal(general.Y, linear.Y);
        Assert.Equal(CounterTotals.PerChunk(general.Counters), CounterTotals.PerChunk(linear.Counters));
        // The particles moved (a step that did nothing would also agree).
        Assert.True(linear.X.Zip(Start(n, 1)).Count(p => p.First != p.Second) > n - 5);
    }

    /// <summary>Negative control: the same update with its sums reassociated, x + (h·b + g·ΔW) instead of (x + h·b) + g·ΔW,
    /// is a different computation, and the bitwise comparison above would see it.</summary>
    [Fact]
    public void AReassociatedUpdateIsDetected()
    {
        var x = Start(4096, 1);
        var dw = Start(4096, 2);
        double sign = -1, slope = -0.7, h = 0.013, g = 1.1;
        var a = (double[])x.Clone();
        new LinearEuler(sign, slope, 0.0, h, g).Advance(a, dw);
        var b = (double[])x.Clone();
        for (int k = 0; k < b.Length; k++) b[k] = b[k] + (h * (sign * (slope * b[k]) + 0.0) + g * dw[k]);
        Assert.NotEqual(a, b);
        var c = (double[])x.Clone();
        for (int k = 0; k < c.Length; k++) c[k] = (c[k] + h * (sign * (slope * c[k]) + 0.0)) + g * dw[k];
        Assert.Equal(a, c);
    }

    private static ParticleModel<ScheduleKernel<T>, NoScore> Model<T>(T schedule, int dims) where T : struct, ILinearSchedule =>
        new(new ScheduleKernel<T>(schedule), default, dims, reverse: 0, tEnd: 1.0, driftSign: 1.0, scoreCoef: 0.0, noiseCoef: 1.0);

    private static double[] Start(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 4 * rng.NextDouble() - 2).ToArray();
    }

    private sealed record State(double[] X, double[] Y, double[] Counters);

    private static (State Linear, State General) Run<TModel>(TModel model, int n, int threads) where TModel : struct, IParticleModel
    {
        Assert.True(model.LinearDrift(0.2, out _, out _, out _));
        return (Steps(model, n, threads), Steps(new Hidden<TModel>(model), n, threads));
    }

    private static State Steps<TModel>(TModel model, int n, int threads) where TModel : struct, IParticleModel
    {
        using var backend = new ManagedBackend(threads);
        var launcher = new ManagedParticleLauncher(backend);
        double[] x = Start(n, 1), y = Start(n, 3), l = new double[1], counters = new double[2 * n];
        for (int k = 0; k < 5; k++)
        {
            var args = new StepArgs(0.2 + 0.05 * k, 0.05, k, 2026, 1, StepArgs.NoLikelihood, 1e-6, 1e-9, 100, 1);
            launcher.Advance(model, default(EulerMaruyamaScheme), args, n, new ArrayVec(x), new ArrayVec(y), new ArrayVec(l), new ArrayVec(counters));
        }
        return new State(x, model.Dims == 2 ? y : [], counters);
    }

    // A score that is never evaluated (the score coefficient is 0): NaN if it were.
    private readonly struct NoScore : IScoreField
    {
        public double Score(double x, double y, double t, out double sx, out double sy)
        {
            sx = double.NaN; sy = double.NaN;
            return double.NaN;
        }

        public double ScoreJacobian(double x, double y, double t, out double sx, out double sy, out double jxx, out double jxy, out double jyx, out double jyy)
        {
            sx = sy = jxx = jxy = jyx = jyy = double.NaN;
            return double.NaN;
        }
    }

    // The model with its linearity hidden: the launcher's general path.
    internal readonly struct Hidden<TModel>(TModel m) : IParticleModel where TModel : struct, IParticleModel
    {
        public int Dims => m.Dims;

        public double Drift(double x, double y, double tau, out double bx, out double by) => m.Drift(x, y, tau, out bx, out by);

        public double DriftJacobian(double x, double y, double tau, out double bx, out double by, out double jxx, out double jxy, out double jyx, out double jyy) =>
            m.DriftJacobian(x, y, tau, out bx, out by, out jxx, out jxy, out jyx, out jyy);

        public bool LinearDrift(double tau, out double sign, out double slope, out double addend)
        {
            sign = slope = addend = 0;
            return false;
        }

        public bool GridScoreDrift<TVec>(double tau, out double sign, out double slope, out double c, out double t, out GridScoreField<TVec> field)
            where TVec : struct, IVec
        {
            sign = slope = c = t = 0; field = default;
            return false;
        }

        public double Noise(double tau) => m.Noise(tau);

        public double NoiseAt(double x, double y, double tau) => m.NoiseAt(x, y, tau);
    }
}
