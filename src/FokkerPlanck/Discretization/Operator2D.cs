using FokkerPlanck.Backends;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Discretization;

/// <summary>Fills 2D face rates at time t: (t, aux, auxY, xP, xM, yP, yM).</summary>
internal delegate void DiffusingRates2D(double t, IDeviceVector aux, IDeviceVector auxY, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM);

/// <summary>
/// 2D dimension-by-dimension Scharfetter–Gummel operator A = A_x + A_y. The implicit scheme is Peaceman–Rachford
/// ADI: (I - dt/2 A_x) p* = (I + dt/2 A_y) p, (I - dt/2 A_y) p' = (I + dt/2 A_x) p* — second order, and mass
/// conserving since each factor has zero column sums.
/// </summary>
internal sealed class Operator2D<TDrift> : IDiscreteOperator where TDrift : struct, IFaceDrift2D
{
    private readonly IBackend _b;
    private readonly Axis _gx, _gy;
    private readonly TDrift _drift;
    private readonly Func<double, double> _diffusion;
    private readonly IDeviceVector _aux, _auxY, _xP, _xM, _yP, _yM, _tmp, _mid, _w1, _w2;
    private readonly Action<double, double[], double[]>? _auxAt;
    private readonly double[]? _hx, _hy;

    // rates: fills the face rates at time t (aux, auxY, xP, xM, yP, yM) instead of the constant-diffusion kernel (see
    // Operator1D).
    public Operator2D(IBackend backend, Grid2D grid, TDrift drift, Func<double, double> diffusion, double[]? aux,
        Action<double, double[], double[]>? auxAt = null, DiffusingRates2D? rates = null)
    {
        _ratesAt = rates;
        _auxAt = auxAt;
        if (auxAt is not null) { _hx = new double[grid.Count]; _hy = new double[grid.Count]; }
        _b = backend; _gx = grid.X.ToAxis(); _gy = grid.Y.ToAxis(); _drift = drift; _diffusion = diffusion;
        int nx = grid.X.Cells, ny = grid.Y.Cells, n = nx * ny;
        _aux = backend.Allocate(n);
        if (aux is not null) backend.Upload(aux, _aux);
        _auxY = auxAt is null ? _aux : backend.Allocate(n);
        _xP = backend.Allocate((nx + 1) * ny); _xM = backend.Allocate((nx + 1) * ny);
        _yP = backend.Allocate(nx * (ny + 1)); _yM = backend.Allocate(nx * (ny + 1));
        _tmp = backend.Allocate(n); _mid = backend.Allocate(n); _w1 = backend.Allocate(n); _w2 = backend.Allocate(n);
        _rates = new RateCache(auxAt is null && drift is IAutonomousDrift { IsAutonomous: true });
        CellVolume = grid.CellArea;
    }

    private readonly RateCache _rates;
    private readonly DiffusingRates2D? _ratesAt;

    public int Length => _gx.N * _gy.N;

    public double CellVolume { get; }

    public void SetTime(double t)
    {
        if (_auxAt is not null)
        {
            _auxAt(t, _hx!, _hy!);
            _b.Upload(_hx, _aux);
            _b.Upload(_hy, _auxY);
        }
        double d = _diffusion(t);
        if (_rates.Holds(d)) return;
        if (_ratesAt is not null) _ratesAt(t, _aux, _auxY, _xP, _xM, _yP, _yM);
        else _b.FaceRates2D(_gx, _gy, t, d, _drift, _aux, _auxY, _xP, _xM, _yP, _yM);
        _rates.Computed(d);
    }

    public void Apply(IDeviceVector p, IDeviceVector r) => _b.Apply2D(_gx, _gy, Axes.Both, _xP, _xM, _yP, _yM, p, r);

    public void CrankNicolson(IDeviceVector p0, double dt, IDeviceVector p1)
    {
        double c = 0.5 * dt;
        _b.ApplyStep2D(_gx, _gy, Axes.Y, _xP, _xM, _yP, _yM, p0, c, _tmp);
        _b.SolveLines2D(_gx, _gy, Axes.X, c, _xP, _xM, _tmp, _mid, _w1, _w2);
        _b.ApplyStep2D(_gx, _gy, Axes.X, _xP, _xM, _yP, _yM, _mid, c, _tmp);
        _b.SolveLines2D(_gx, _gy, Axes.Y, c, _yP, _yM, _tmp, p1, _w1, _w2);
    }

    public void ImplicitEuler(IDeviceVector p0, double dt, IDeviceVector p1)
    {
        _b.SolveLines2D(_gx, _gy, Axes.X, dt, _xP, _xM, p0, _mid, _w1, _w2);
        _b.SolveLines2D(_gx, _gy, Axes.Y, dt, _yP, _yM, _mid, p1, _w1, _w2);
    }

    public double MaxOutflow()
    {
        if (_rates.Outflow is double kept) return kept;
        _b.Outflow(_gx, _gy, _xP, _xM, _yP, _yM, _tmp);
        return _rates.KeepOutflow(_b.Max(_tmp));
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_auxY, _aux)) _auxY.Dispose();
        foreach (var v in new[] { _aux, _xP, _xM, _yP, _yM, _tmp, _mid, _w1, _w2 }) v.Dispose();
    }
}
