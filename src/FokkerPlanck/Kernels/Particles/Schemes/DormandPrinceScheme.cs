namespace FokkerPlanck.Kernels.Particles.Schemes;

/// <summary>
/// Dormand–Prince 5(4) for the ODE, adaptive per particle over the step (which it lands on exactly), FSAL; it propagates
/// the order-5 solution. Error norm max |e| / (atol + rtol max(|y|, |y'|)) over x, y and L; step factor
/// 0.9 norm^(-1/5) clamped to [0.2, 5]. After <see cref="StepArgs.MaxSubsteps"/> attempts in one step it gives up and the
/// particle becomes NaN (the run then stops with a message).
/// </summary>
[StepScheme("dopri5", OdeOrder = 5, Adaptive = true)]
internal readonly struct DormandPrinceScheme : IStepScheme
{
    /// <summary>The last sub-step is stretched to the step's end when it falls short by less than this fraction of the
    /// end time: a few ulps of accumulated t + h, so that no sub-step of round-off size is taken.</summary>
    private const double LandingSlack = 1e-14;

    public V3 Step<TModel>(TModel m, StepArgs a, V3 s, StepInputs r, ref double fallbacks, ref double evals) where TModel : struct, IParticleModel
    {
        double t0 = a.Tau, t1 = a.Tau + a.H;
        double t = t0, h = t1 - t0;
        var k1 = ParticleRhs.F(m, s, t, a, r, ref fallbacks, ref evals);
        int attempts = 0;
        while (t < t1)
        {
            if (attempts++ >= a.MaxSubsteps) return new V3(double.NaN, double.NaN, double.NaN);
            bool last = t + h >= t1 - LandingSlack * Math.Abs(t1);
            if (last) h = t1 - t;
            var k2 = ParticleRhs.F(m, s + (h * 0.2) * k1, t + 0.2 * h, a, r, ref fallbacks, ref evals);
            var k3 = ParticleRhs.F(m, s + h * ((3.0 / 40) * k1 + (9.0 / 40) * k2), t + 0.3 * h, a, r, ref fallbacks, ref evals);
            var k4 = ParticleRhs.F(m, s + h * ((44.0 / 45) * k1 + (-56.0 / 15) * k2 + (32.0 / 9) * k3), t + 0.8 * h, a, r, ref fallbacks, ref evals);
            var k5 = ParticleRhs.F(m, s + h * ((19372.0 / 6561) * k1 + (-25360.0 / 2187) * k2 + (64448.0 / 6561) * k3 + (-212.0 / 729) * k4),
                t + (8.0 / 9) * h, a, r, ref fallbacks, ref evals);
            var k6 = ParticleRhs.F(m, s + h * ((9017.0 / 3168) * k1 + (-355.0 / 33) * k2 + (46732.0 / 5247) * k3 + (49.0 / 176) * k4 + (-5103.0 / 18656) * k5),
                t + h, a, r, ref fallbacks, ref evals);
            var y5 = s + h * ((35.0 / 384) * k1 + (500.0 / 1113) * k3 + (125.0 / 192) * k4 + (-2187.0 / 6784) * k5 + (11.0 / 84) * k6);
            var k7 = ParticleRhs.F(m, y5, t + h, a, r, ref fallbacks, ref evals);
            var e = h * ((71.0 / 57600) * k1 + (-71.0 / 16695) * k3 + (71.0 / 1920) * k4 + (-17253.0 / 339200) * k5 + (22.0 / 525) * k6 + (-1.0 / 40) * k7);
            double norm = Math.Abs(e.X) / (a.Atol + a.Rtol * Math.Max(Math.Abs(s.X), Math.Abs(y5.X)));
            if (m.Dims == 2) norm = Math.Max(norm, Math.Abs(e.Y) / (a.Atol + a.Rtol * Math.Max(Math.Abs(s.Y), Math.Abs(y5.Y))));
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
