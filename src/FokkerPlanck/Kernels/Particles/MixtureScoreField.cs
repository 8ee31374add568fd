namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// Exact score of a Gaussian mixture Σ w_k N(μ_k, S_k) carried to time t by a linear process: at t the components are
/// N(m μ_k, m² S_k + v I) with (m, v) the transition of <see cref="Process"/> from <see cref="T0"/> to t. Responsibilities
/// by a one-pass log-sum-exp. Score s = Σ r_k s_k with s_k = -P_k (x - m μ_k); Jacobian Σ r_k (s_k s_kᵀ - P_k) - s sᵀ.
/// Component k: LogW[k], Mx[k], My[k], Sxx[k], Sxy[k], Syy[k] (1D: Mx and Sxx only).
/// </summary>
internal readonly struct MixtureScoreField<TVec, TSchedule> : IScoreField where TVec : struct, IVec where TSchedule : struct, ILinearSchedule
{
    public MixtureScoreField(TSchedule process, double t0, int dims, int components, TVec logW, TVec mx, TVec my, TVec sxx, TVec sxy, TVec syy)
    {
        Process = process; T0 = t0; Dims = dims; Components = components;
        LogW = logW; Mx = mx; My = my; Sxx = sxx; Sxy = sxy; Syy = syy;
    }

    public TSchedule Process { get; }
    public double T0 { get; }
    public int Dims { get; }
    public int Components { get; }
    public TVec LogW { get; }
    public TVec Mx { get; }
    public TVec My { get; }
    public TVec Sxx { get; }
    public TVec Sxy { get; }
    public TVec Syy { get; }

    public double Score(double x, double y, double t, out double sx, out double sy) =>
        ScoreJacobian(x, y, t, out sx, out sy, out _, out _, out _, out _);

    public double ScoreJacobian(double x, double y, double t, out double sx, out double sy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        LinearTransition.Between(Process, T0, t, out double m, out double v);
        double mx2 = m * m, max = double.NegativeInfinity, z = 0, ax = 0, ay = 0, bxx = 0, bxy = 0, byy = 0;
        for (int k = 0; k < Components; k++)
        {
            double l, kx, ky, pxx, pxy, pyy;
            if (Dims == 1)
            {
                double c = mx2 * Sxx[k] + v, d = x - m * Mx[k];
                pxx = 1.0 / c; pxy = 0; pyy = 0;
                kx = -d * pxx; ky = 0;
                l = LogW[k] - 0.5 * Math.Log(c) - 0.5 * d * d * pxx;
            }
            else
            {
                double ca = mx2 * Sxx[k] + v, cb = mx2 * Sxy[k], cc = mx2 * Syy[k] + v, det = ca * cc - cb * cb;
                pxx = cc / det; pxy = -cb / det; pyy = ca / det;
                double dx = x - m * Mx[k], dy = y - m * My[k];
                kx = -(pxx * dx + pxy * dy); ky = -(pxy * dx + pyy * dy);
                l = LogW[k] - 0.5 * Math.Log(det) + 0.5 * (dx * kx + dy * ky);
            }
            // Online log-sum-exp: rescale the running sums when a larger term arrives.
            if (l > max)
            {
                double r = z == 0 ? 0.0 : Math.Exp(max - l);
                z *= r; ax *= r; ay *= r; bxx *= r; bxy *= r; byy *= r;
                max = l;
            }
            double e = Math.Exp(l - max);
            z += e; ax += e * kx; ay += e * ky;
            bxx += e * (kx * kx - pxx); bxy += e * (kx * ky - pxy); byy += e * (ky * ky - pyy);
        }
        sx = ax / z; sy = ay / z;
        jxx = bxx / z - sx * sx; jxy = bxy / z - sx * sy; jyx = jxy; jyy = byy / z - sy * sy;
        return 1.0;
    }
}
