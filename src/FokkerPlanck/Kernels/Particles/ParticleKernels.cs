using System.Runtime.CompilerServices;
using FokkerPlanck.RandomNumbers;

namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// The particle step, written once for every backend (ILGPU-compatible static code): one call advances particle i by one
/// step of the clock with the integrator <c>TScheme</c> (a struct per integrator, in Schemes/). State in
/// structure-of-arrays form: x, y (2D), l (log-density change, ODE only); counters[2i] counts field evaluations that used
/// the trust-region fallback, counters[2i + 1] counts field evaluations.
/// Every integrator runs forward in the particle's clock (h &gt; 0): reverse dynamics are integrated in τ = T - t, so
/// there is no negative step and no sign of a Lévy area to get wrong.
/// </summary>
internal static class ParticleKernels
{
    private const double InvSqrt3 = 0.57735026918962576451;

    /// <summary>One step of particle i; the Brownian increments are drawn here when the integrator uses them
    /// (<see cref="StepArgs.Increments"/>) and the noise is non-zero at either end of the step.</summary>
    public static void Advance<TModel, TScheme, TVec>(int i, TModel m, TScheme scheme, StepArgs a, TVec x, TVec y, TVec l, TVec counters)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme where TVec : struct, IVec
    {
        double i1x = 0, i10x = 0, i1y = 0, i10y = 0;
        if (a.Increments != 0 && (m.Noise(a.Tau) != 0 || m.Noise(a.Tau + a.H) != 0))
            Increments(a.Seed, i, a.Step, a.Refine, a.H, m.Dims, a.TimeIntegral, out i1x, out i10x, out i1y, out i10y);
        AdvanceWith(i, m, scheme, a, x, y, l, counters, i1x, i10x, i1y, i10y);
    }

    /// <summary>
    /// One step of particle i with its Brownian increments given (drawn by the caller with <see cref="Increments"/>'
    /// keys: the managed backend draws four particles at a time).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdvanceWith<TModel, TScheme, TVec>(int i, TModel m, TScheme scheme, StepArgs a, TVec x, TVec y, TVec l, TVec counters,
        double i1x, double i10x, double i1y, double i10y)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme where TVec : struct, IVec
    {
        var s = Load(i, m, a, x, y, l, out double ex, out double ey);
        double fallbacks = 0, evals = 0;
        s = scheme.Step(m, a, s, new StepInputs(ex, ey, i1x, i10x, i1y, i10y), ref fallbacks, ref evals);
        Store(i, m, a, s, x, y, l, counters, fallbacks, evals);
    }

    // State of particle i, and the Hutchinson probe (ε fixed within a step).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V3 Load<TModel, TVec>(int i, TModel m, StepArgs a, TVec x, TVec y, TVec l, out double ex, out double ey)
        where TModel : struct, IParticleModel where TVec : struct, IVec
    {
        ex = 1; ey = 1;
        if (a.Likelihood >= StepArgs.HutchinsonRademacher)
        {
            var blk = Philox.Draw(a.Seed, i, a.Step, Philox.StreamAux);
            if (a.Likelihood == StepArgs.HutchinsonRademacher)
            {
                ex = (blk.X0 & 1u) == 0 ? 1.0 : -1.0;
                ey = (blk.X1 & 1u) == 0 ? 1.0 : -1.0;
            }
            else
            {
                var (z0, z1) = Philox.Normals(blk);
                ex = z0; ey = z1;
            }
        }
        return new V3(x[i], m.Dims == 2 ? y[i] : 0.0, a.Likelihood != 0 ? l[i] : 0.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TModel, TVec>(int i, TModel m, StepArgs a, V3 s, TVec x, TVec y, TVec l, TVec counters, double fallbacks, double evals)
        where TModel : struct, IParticleModel where TVec : struct, IVec
    {
        x[i] = s.X;
        if (m.Dims == 2) y[i] = s.Y;
        if (a.Likelihood != 0) l[i] = s.L;
        counters[2 * i] = counters[2 * i] + fallbacks;
        counters[2 * i + 1] = counters[2 * i + 1] + evals;
    }

    /// <summary>Brownian increments of one step: I₁ = ΔW and, when <paramref name="integral"/>, I₁₀ = ∫(W_s - W_t) ds per
    /// axis (otherwise 0), summed exactly from R finer sub-steps δ = h / R, each (√δ ξ₁, ½ δ^{3/2} (ξ₁ + ξ₂/√3)) with ξ₁, ξ₂
    /// the <see cref="BrownianNormals"/> of streams X and IntegralX (Y and IntegralY for y). ΔW does not depend on
    /// <paramref name="integral"/>, so every integrator sees the same Brownian path.</summary>
    public static void Increments(ulong seed, int particle, int step, int refine, double h, int dims, bool integral,
        out double i1x, out double i10x, out double i1y, out double i10y)
    {
        double d = h / refine, sd = Math.Sqrt(d), c = 0.5 * d * sd;
        i1x = 0; i10x = 0; i1y = 0; i10y = 0;
        for (int j = 0; j < refine; j++)
        {
            int q = step * refine + j;
            double a0 = BrownianNormals.Normal(seed, particle, q, BrownianNormals.StreamX);
            if (integral) i10x += i1x * d + c * (a0 + BrownianNormals.Normal(seed, particle, q, BrownianNormals.StreamIntegralX) * InvSqrt3);
            i1x += sd * a0;
            if (dims == 2)
            {
                double b0 = BrownianNormals.Normal(seed, particle, q, BrownianNormals.StreamY);
                if (integral) i10y += i1y * d + c * (b0 + BrownianNormals.Normal(seed, particle, q, BrownianNormals.StreamIntegralY) * InvSqrt3);
                i1y += sd * b0;
            }
        }
    }
}
