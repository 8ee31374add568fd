using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Kernels;

namespace FokkerPlanck.Transport;

/// <summary>
/// The continuity equation's operator dp/dt = -∇·(u p) on one grid (limited upwind fluxes, <see cref="Kernels.Grid.ContinuityKernels"/>),
/// for <see cref="TimeStepper"/>'s explicit loop. A backward run (times decreasing) is the forward run of dp/dτ = +∇·(u p) in
/// τ = -t: the operator flips the velocity's sign, the stepper flips the clock. Explicit only: the implicit solves are not
/// offered (the scheme is positivity-preserving under its step bound, which the stepper enforces).
/// </summary>
internal sealed class ContinuityOperator : IDiscreteOperator
{
    private readonly IBackend _b;
    private readonly IFaceVelocity _velocity;
    private readonly double _dir;
    private readonly Axis _ax;
    private readonly Axis? _ay;
    private readonly double[] _hux, _huy;
    private readonly IDeviceVector _ux, _uy;
    private double _rate;

    /// <param name="backend">Backend.</param>
    /// <param name="velocity">Face velocities.</param>
    /// <param name="ax">x axis.</param>
    /// <param name="ay">y axis (2D), else null.</param>
    /// <param name="length">Cells.</param>
    /// <param name="cellVolume">Cell length or area.</param>
    /// <param name="direction">+1 forward in time, -1 backward.</param>
    public ContinuityOperator(IBackend backend, IFaceVelocity velocity, Axis ax, Axis? ay, int length, double cellVolume, double direction)
    {
        _b = backend; _velocity = velocity; _ax = ax; _ay = ay; _dir = direction;
        Length = length; CellVolume = cellVolume;
        int nux = ay is Axis y ? (ax.N + 1) * y.N : ax.N + 1;
        int nuy = ay is Axis y2 ? ax.N * (y2.N + 1) : 0;
        _hux = new double[nux]; _huy = new double[nuy];
        _ux = backend.Allocate(nux);
        _uy = backend.Allocate(Math.Max(nuy, 1));
    }

    public int Length { get; }

    public double CellVolume { get; }

    /// <summary>Fills the face velocities at t (signed by the direction of time) and their rate Σ_d max|u_d|/h_d.</summary>
    public void SetTime(double t)
    {
        _velocity.Fill(t, _hux, _huy);
        double mx = 0, my = 0;
        for (int i = 0; i < _hux.Length; i++) { _hux[i] *= _dir; mx = Math.Max(mx, Math.Abs(_hux[i])); }
        for (int i = 0; i < _huy.Length; i++) { _huy[i] *= _dir; my = Math.Max(my, Math.Abs(_huy[i])); }
        if (!double.IsFinite(mx) || !double.IsFinite(my))
            throw new ArgumentException($"the velocity is not finite at t = {t:R}", "velocity");
        _b.Upload(_hux, _ux);
        if (_huy.Length > 0) _b.Upload(_huy, _uy);
        _rate = mx / _ax.H + (_ay is Axis a ? my / a.H : 0);
    }

    public void Apply(IDeviceVector p, IDeviceVector r) => _b.ContinuityRhs(_ax, _ay, _ux, _huy.Length > 0 ? _uy : null, p, r);

    /// <summary>Twice Σ_d max|u_d|/h_d: the limited upwind scheme's forward Euler step is positive for dt ≤ ½ h/|u| per
    /// axis, half the first-order bound (the limited slopes may double a face's outflow).</summary>
    public double MaxOutflow() => 2 * _rate;

    public void CrankNicolson(IDeviceVector p0, double dt, IDeviceVector p1) =>
        throw new NotSupportedException("the continuity equation is integrated explicitly (SSP-RK3)");

    public void ImplicitEuler(IDeviceVector p0, double dt, IDeviceVector p1) =>
        throw new NotSupportedException("the continuity equation is integrated explicitly (SSP-RK3)");

    public void Dispose()
    {
        _ux.Dispose();
        _uy.Dispose();
    }
}
