namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// The flow-matching Gaussian path (x_t = t x₁ + (1 - t) x₀, x₀ ~ N(0, I), x₁ ~ a Gaussian mixture) as a process
/// functor: drift u_t(x) = (E[x₁ | x_t = x] - x) / (1 - t), g = 0. Per component k (data mean μ, covariance S):
/// C = t² S + (1 - t)² I, E_k = μ + t S C⁻¹ (x - t μ), weighted by the posterior responsibilities (online
/// log-sum-exp). Jacobian: (Σ w_k t S_k C_k⁻¹ + Cov_w(E_k, ∇ log N_k) - I) / (1 - t). The data arrays are those of
/// a <see cref="MixtureScoreField{TVec, TSchedule}"/> (its process is not used).
/// </summary>
internal readonly struct FlowMatchingKernel<TVec, TPath> : IProcessKernel where TVec : struct, IVec where TPath : struct, IFlowPath
{
    public FlowMatchingKernel(MixtureScoreField<TVec, FrozenSchedule> data, TPath path) { Data = data; Path = path; }

    /// <summary>The path.</summary>
    public TPath Path { get; }

    public MixtureScoreField<TVec, FrozenSchedule> Data { get; }

    public double G(double t) => 0.0;

    public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        var d = Data;
        var path = Path;
        double al = path.Alpha(t), b2 = path.Variance(t), t2 = al * al, max = double.NegativeInfinity, z = 0;
        double ex = 0, ey = 0, gx = 0, gy = 0, axx = 0, axy = 0, ayx = 0, ayy = 0, cxx = 0, cxy = 0, cyx = 0, cyy = 0;
        for (int k = 0; k < d.Components; k++)
        {
            double sa = d.Sxx[k], sb = d.Dims == 1 ? 0.0 : d.Sxy[k], sc = d.Dims == 1 ? 0.0 : d.Syy[k];
            double mx = d.Mx[k], my = d.Dims == 1 ? 0.0 : d.My[k];
            double pxx, pxy, pyy, l;
            double rx = x - al * mx, ry = d.Dims == 1 ? 0.0 : y - al * my;
            if (d.Dims == 1)
            {
                double c = t2 * sa + b2;
                pxx = 1.0 / c; pxy = 0; pyy = 0;
                l = d.LogW[k] - 0.5 * Math.Log(c) - 0.5 * rx * rx * pxx;
            }
            else
            {
                double ca = t2 * sa + b2, cb = t2 * sb, cc = t2 * sc + b2, det = ca * cc - cb * cb;
                pxx = cc / det; pxy = -cb / det; pyy = ca / det;
                l = d.LogW[k] - 0.5 * Math.Log(det) - 0.5 * (rx * (pxx * rx + pxy * ry) + ry * (pxy * rx + pyy * ry));
            }
            double qx = pxx * rx + pxy * ry, qy = pxy * rx + pyy * ry;         // C⁻¹ r; ∇ log N_k = -q
            double ekx = mx + al * (sa * qx + sb * qy), eky = my + al * (sb * qx + sc * qy);
            // α S C⁻¹ (the Jacobian of E_k)
            double mxx = al * (sa * pxx + sb * pxy), mxy = al * (sa * pxy + sb * pyy), myx = al * (sb * pxx + sc * pxy), myy = al * (sb * pxy + sc * pyy);
            if (l > max)
            {
                double r = z == 0 ? 0.0 : Math.Exp(max - l);
                z *= r; ex *= r; ey *= r; gx *= r; gy *= r;
                axx *= r; axy *= r; ayx *= r; ayy *= r; cxx *= r; cxy *= r; cyx *= r; cyy *= r;
                max = l;
            }
            double e = Math.Exp(l - max);
            z += e; ex += e * ekx; ey += e * eky; gx -= e * qx; gy -= e * qy;
            axx += e * mxx; axy += e * mxy; ayx += e * myx; ayy += e * myy;
            cxx -= e * ekx * qx; cxy -= e * ekx * qy; cyx -= e * eky * qx; cyy -= e * eky * qy;
        }
        ex /= z; ey /= z; gx /= z; gy /= z;
        fx = path.Velocity(t, x, ex);
        fy = d.Dims == 1 ? 0.0 : path.Velocity(t, y, ey);
        jxx = path.Jacobian(t, axx / z + cxx / z - ex * gx, 1.0);
        jxy = d.Dims == 1 ? 0.0 : path.Jacobian(t, axy / z + cxy / z - ex * gy, 0.0);
        jyx = d.Dims == 1 ? 0.0 : path.Jacobian(t, ayx / z + cyx / z - ey * gx, 0.0);
        jyy = d.Dims == 1 ? 0.0 : path.Jacobian(t, ayy / z + cyy / z - ey * gy, 1.0);
    }

    /// <inheritdoc />
    public bool LinearDrift(double t, out double a)
    {
        a = 0;
        return false;
    }
}
