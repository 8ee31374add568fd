using System.Runtime.CompilerServices;
using FokkerPlanck.RandomNumbers;
using FokkerPlanck.Kernels;

namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// The particle integrators, written once for every backend (ILGPU-compatible static code): one call advances particle
/// i by one step of the clock. State in structure-of-arrays form: x, y (2D), l (log-density change, ODE only);
/// counters[2i] counts field evaluations that used the trust-region fallback, counters[2i + 1] counts field evaluations.
/// <list type="bullet">
/// <item>Euler–Maruyama: weak order 1 (explicit Euler for an ODE).</item>
/// <item>SRA1 (Rößler 2010) for additive noise: weak order 2, strong order 1.5; c⁰ = (0, ¾), A⁰₂₁ = ¾, B⁰₂₁ = 3/2,
/// α = (⅓, ⅔), c¹ = (1, 0), β¹ = (1, 0), β² = (-1, 1), driven by I₁ = ΔW and I₁₀ = ∫(W_s - W_t) ds; a 2-stage order-2
/// Runge–Kutta for an ODE.</item>
/// <item>Heun (order 2) and classical RK4 (order 4) for the ODE.</item>
/// <item>Dormand–Prince 5(4), adaptive per particle over the step, FSAL; error norm max |e| / (atol + rtol max(|y|, |y'|)).</item>
/// </list>
/// Every integrator runs forward in the particle's clock (h &gt; 0): reverse dynamics are integrated in τ = T - t, so
/// there is no negative step and no sign of a Lévy area to get wrong.
/// </summary>
internal static class ParticleKernels
{
    private const double InvSqrt3 = 0.57735026918962576451;

    public static void Advance<TModel, TVec>(int i, TModel m, StepArgs a, TVec x, TVec y, TVec l, TVec counters)
        where TModel : struct, IParticleModel where TVec : struct, IVec
    {
        var s = Load(i, m, a, x, y, l, out double ex, out double ey);
        double fallbacks = 0, evals = 0;
        double h = a.H, t = a.Tau;
        if (a.Integrator == StepArgs.EulerMaruyama || a.Integrator == StepArgs.Sra1)
        {
            double i1x = 0, i10x = 0, i1y = 0, i10y = 0;
            if (m.Noise(t) != 0 || m.Noise(t + h) != 0) Increments(a.Seed, i, a.Step, a.Refine, h, m.Dims, out i1x, out i10x, out i1y, out i10y);
            s = SdeStep(m, a, s, ex, ey, i1x, i10x, i1y, i10y, ref fallbacks, ref evals);
        }
        else if (a.Integrator == StepArgs.Heun)
        {
            var k1 = F(m, s, t, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k2 = F(m, s + h * k1, t + h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            s = s + (0.5 * h) * (k1 + k2);
        }
        else if (a.Integrator == StepArgs.Rk4)
        {
            var k1 = F(m, s, t, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k2 = F(m, s + (0.5 * h) * k1, t + 0.5 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k3 = F(m, s + (0.5 * h) * k2, t + 0.5 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k4 = F(m, s + h * k3, t + h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            s = s + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
        }
        else
        {
            s = DormandPrince(m, s, t, t + h, a, m.Dims, ex, ey, ref fallbacks, ref evals);
        }
        Store(i, m, a, s, x, y, l, counters, fallbacks, evals);
    }

    /// <summary>
    /// An Euler–Maruyama or SRA1 step of particle i with its Brownian increments given (drawn by the caller with
    /// <see cref="Increments"/>' keys: the managed backend draws four particles at a time). Same operations as
    /// <see cref="Advance{TModel, TVec}(int, TModel, StepArgs, TVec, TVec, TVec, TVec)"/>; kept small so that the managed
    /// chunk loop inlines it whole (the full Advance, with every integrator, exhausts the JIT's inlining budget and leaves
    /// the V3 arithmetic and the drift as calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdvanceSde<TModel, TVec>(int i, TModel m, StepArgs a, TVec x, TVec y, TVec l, TVec counters,
        double i1x, double i10x, double i1y, double i10y)
        where TModel : struct, IParticleModel where TVec : struct, IVec
    {
        var s = Load(i, m, a, x, y, l, out double ex, out double ey);
        double fallbacks = 0, evals = 0;
        s = SdeStep(m, a, s, ex, ey, i1x, i10x, i1y, i10y, ref fallbacks, ref evals);
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

    // Euler–Maruyama (weak order 1) or SRA1 (weak order 2 for additive noise) from given increments.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V3 SdeStep<TModel>(TModel m, StepArgs a, V3 s, double ex, double ey, double i1x, double i10x, double i1y, double i10y,
        ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double h = a.H, t = a.Tau;
        double s0 = m.Noise(t);
        var k1 = F(m, s, t, a.Likelihood, ex, ey, ref fallbacks, ref evals);
        if (a.Integrator == StepArgs.EulerMaruyama) return s + h * k1 + new V3(s0 * i1x, s0 * i1y, 0);
        double s1 = m.Noise(t + h);
        var h2 = s + (0.75 * h) * k1 + new V3(1.5 * s1 * i10x / h, 1.5 * s1 * i10y / h, 0);
        var k2 = F(m, h2, t + 0.75 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
        return s + h * ((1.0 / 3.0) * k1 + (2.0 / 3.0) * k2)
               + new V3(s1 * (i1x - i10x / h) + s0 * i10x / h, s1 * (i1y - i10y / h) + s0 * i10y / h, 0);
    }

    /// <summary>Brownian increments of one step: I₁ = ΔW and I₁₀ = ∫(W_s - W_t) ds per axis, summed exactly from R finer
    /// sub-steps δ = h / R, each (√δ ξ₁, ½ δ^{3/2} (ξ₁ + ξ₂/√3)) from one Philox block (stream 0 for x, 1 for y).</summary>
    public static void Increments(ulong seed, int particle, int step, int refine, double h, int dims,
        out double i1x, out double i10x, out double i1y, out double i10y)
    {
        double d = h / refine, sd = Math.Sqrt(d), c = 0.5 * d * sd;
        i1x = 0; i10x = 0; i1y = 0; i10y = 0;
        for (int j = 0; j < refine; j++)
        {
            int q = step * refine + j;
            var (a0, a1) = Philox.Normals(Philox.Draw(seed, particle, q, Philox.StreamX));
            i10x += i1x * d + c * (a0 + a1 * InvSqrt3);
            i1x += sd * a0;
            if (dims == 2)
            {
                var (b0, b1) = Philox.Normals(Philox.Draw(seed, particle, q, Philox.StreamY));
                i10y += i1y * d + c * (b0 + b1 * InvSqrt3);
                i1y += sd * b0;
            }
        }
    }

    // Right-hand side of the (augmented) system: drift, and dL/dτ = ∇·b (exact) or εᵀ (∂b) ε (Hutchinson).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V3 F<TModel>(TModel m, V3 s, double tau, int likelihood, double ex, double ey, ref double fallbacks, ref double evals)
        where TModel : struct, IParticleModel
    {
        evals += 1;
        double w, bx, by, dl = 0;
        if (likelihood == StepArgs.NoLikelihood)
        {
            w = m.Drift(s.X, s.Y, tau, out bx, out by);
        }
        else
        {
            w = m.DriftJacobian(s.X, s.Y, tau, out bx, out by, out double jxx, out double jxy, out double jyx, out double jyy);
            if (likelihood == StepArgs.ExactDivergence) dl = m.Dims == 1 ? jxx : jxx + jyy;
            else dl = m.Dims == 1 ? ex * ex * jxx : ex * (jxx * ex + jxy * ey) + ey * (jyx * ex + jyy * ey);
        }
        if (w < 1.0 - 1e-9) fallbacks += 1; // interpolated weights of trusted cells are 1 only up to round-off
        return new V3(bx, by, dl);
    }

    private static V3 DormandPrince<TModel>(TModel m, V3 s, double t0, double t1, StepArgs a, int dims, double ex, double ey,
        ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double t = t0, h = t1 - t0;
        var k1 = F(m, s, t, a.Likelihood, ex, ey, ref fallbacks, ref evals);
        int attempts = 0;
        while (t < t1)
        {
            if (attempts++ >= a.MaxSubsteps) return new V3(double.NaN, double.NaN, double.NaN);
            bool last = t + h >= t1 - 1e-14 * Math.Abs(t1);
            if (last) h = t1 - t;
            var k2 = F(m, s + (h * 0.2) * k1, t + 0.2 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k3 = F(m, s + h * ((3.0 / 40) * k1 + (9.0 / 40) * k2), t + 0.3 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k4 = F(m, s + h * ((44.0 / 45) * k1 + (-56.0 / 15) * k2 + (32.0 / 9) * k3), t + 0.8 * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k5 = F(m, s + h * ((19372.0 / 6561) * k1 + (-25360.0 / 2187) * k2 + (64448.0 / 6561) * k3 + (-212.0 / 729) * k4),
                t + (8.0 / 9) * h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var k6 = F(m, s + h * ((9017.0 / 3168) * k1 + (-355.0 / 33) * k2 + (46732.0 / 5247) * k3 + (49.0 / 176) * k4 + (-5103.0 / 18656) * k5),
                t + h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var y5 = s + h * ((35.0 / 384) * k1 + (500.0 / 1113) * k3 + (125.0 / 192) * k4 + (-2187.0 / 6784) * k5 + (11.0 / 84) * k6);
            var k7 = F(m, y5, t + h, a.Likelihood, ex, ey, ref fallbacks, ref evals);
            var e = h * ((71.0 / 57600) * k1 + (-71.0 / 16695) * k3 + (71.0 / 1920) * k4 + (-17253.0 / 339200) * k5 + (22.0 / 525) * k6 + (-1.0 / 40) * k7);
            double norm = Math.Abs(e.X) / (a.Atol + a.Rtol * Math.Max(Math.Abs(s.X), Math.Abs(y5.X)));
            if (dims == 2) norm = Math.Max(norm, Math.Abs(e.Y) / (a.Atol + a.Rtol * Math.Max(Math.Abs(s.Y), Math.Abs(y5.Y))));
            if (a.Likelihood != StepArgs.NoLikelihood) norm = Math.Max(norm, Math.Abs(e.L) / (a.Atol + a.Rtol * Math.Max(Math.Abs(s.L), Math.Abs(y5.L))));
            double factor = norm == 0 ? 5.0 : 0.9 * Math.Pow(norm, -0.2);
            if (!(norm <= 1.0))
            {
                h *= Math.Max(0.2, Math.Min(1.0, factor));
                continue;
            }
            t = last ? t1 : t + h;
            s = y5;
            k1 = k7;
            h *= Math.Max(0.2, Math.Min(5.0, factor));
        }
        return s;
    }
}
