namespace FokkerPlanck.Kernels.Particles;

/// <summary>Kernel functor of a forward process dX = f(X, t) dt + g(t) dW (ILGPU-compatible readonly struct):
/// the drift, its Jacobian and the noise amplitude. 1D uses the x components only.</summary>
internal interface IProcessKernel
{
    /// <summary>f(x, y, t) and its Jacobian ∂f_a/∂x_b.</summary>
    void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy);

    /// <summary>g(t).</summary>
    double G(double t);
}

/// <summary>
/// The linear processes of docs/conventions.md: f = a(t) x with a(t) = A0 + A1 t, and g(t) by kind
/// (0 ou: sigma, theta ≥ 0; 1 vp: sqrt(betaMin + t (betaMax - betaMin)); 2 ve: sigma(t) sqrt(2 ln(sigmaMax/sigmaMin))),
/// plus the mean factor m(t) and added variance v(t) of the marginal from time 0 (3 flow-matching path: m = t,
/// v = (1 - t)², no drift, no noise; 4 static: m = 1, v = 0).
/// </summary>
internal readonly struct LinearProcessKernel : IProcessKernel
{
    public const int Ou = 0, Vp = 1, Ve = 2, FlowMatching = 3, Static = 4;

    public LinearProcessKernel(int kind, double p0, double p1) { Kind = kind; P0 = p0; P1 = p1; }

    /// <summary>Kind (constants above).</summary>
    public int Kind { get; }

    /// <summary>theta, betaMin or sigmaMin.</summary>
    public double P0 { get; }

    /// <summary>sigma, betaMax or sigmaMax.</summary>
    public double P1 { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double A(double t) => Kind == Ou ? -P0 : Kind == Vp ? -0.5 * (P0 + t * (P1 - P0)) : 0.0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double G(double t)
    {
        if (Kind == Ou) return P1;
        if (Kind == Vp) return Math.Sqrt(Math.Max(0.0, P0 + t * (P1 - P0)));
        if (Kind == Ve)
        {
            double lr = Math.Log(P1 / P0);
            return P0 * Math.Exp(t * lr) * Math.Sqrt(2.0 * lr);
        }
        return 0.0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        double a = A(t);
        fx = a * x; fy = a * y;
        jxx = a; jxy = 0; jyx = 0; jyy = a;
    }

    /// <summary>Mean factor m(t) of the marginal from time 0.</summary>
    public double MeanFactor(double t)
    {
        if (Kind == Ou) return Math.Exp(-P0 * t);
        if (Kind == Vp) return Math.Exp(-0.5 * (P0 * t + 0.5 * (P1 - P0) * t * t));
        if (Kind == FlowMatching) return t;
        return 1.0;
    }

    /// <summary>Added variance v(t) of the marginal from time 0.</summary>
    public double AddedVariance(double t)
    {
        if (Kind == Ou) return OuAddedVariance(P0, P1, t);
        if (Kind == Vp) return -KernelMath.ExpM1(-(P0 * t + 0.5 * (P1 - P0) * t * t));
        if (Kind == Ve)
        {
            double s = P0 * Math.Exp(t * Math.Log(P1 / P0));
            return s * s - P0 * P0;
        }
        if (Kind == FlowMatching) return (1 - t) * (1 - t);
        return 0.0;
    }

    /// <summary>OU's added variance sigma² (1 - e^{-2 theta t}) / (2 theta), and its limit sigma² t at theta = 0 (free
    /// diffusion); written once for the host (<see cref="Model.OuProcess"/>) and the kernels.</summary>
    /// <param name="theta">theta ≥ 0.</param>
    /// <param name="sigma">sigma.</param>
    /// <param name="t">Time.</param>
    /// <returns>v(t).</returns>
    public static double OuAddedVariance(double theta, double sigma, double t) =>
        theta == 0 ? sigma * sigma * t : sigma * sigma / (2 * theta) * -KernelMath.ExpM1(-2 * theta * t);

    /// <summary>Transition from t0 to t: X_t = m X_t0 + sqrt(v) Z (flow matching: absolute, from the data at t = 1).</summary>
    public void Transition(double t0, double t, out double m, out double v)
    {
        if (Kind == FlowMatching) { m = t; v = (1 - t) * (1 - t); return; }
        m = MeanFactor(t) / MeanFactor(t0);
        v = Math.Max(0.0, AddedVariance(t) - m * m * AddedVariance(t0));
    }
}
