using FokkerPlanck.Backends;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Discretization;

/// <summary>1D Scharfetter–Gummel operator; Crank–Nicolson by one tridiagonal solve per step.</summary>
internal sealed class Operator1D<TDrift> : IDiscreteOperator where TDrift : struct, IFaceDrift1D
{
    private readonly IBackend _b;
    private readonly Axis _g;
    private readonly TDrift _drift;
    private readonly Func<double, double> _diffusion;
    private readonly IDeviceVector _aux, _aP, _aM, _tmp, _w1, _w2;
    private readonly Action<double, double[]>? _auxAt;
    private readonly double[]? _auxHost;

    // rates: fills the face rates at time t from aux instead of the constant-diffusion kernel (a position-dependent
    // diffusion, whose functor type carries the constraint this class does not); diffusion is then only the cache key.
    public Operator1D(IBackend backend, Grid1D grid, TDrift drift, Func<double, double> diffusion, double[]? aux, Action<double, double[]>? auxAt = null,
        Action<double, IDeviceVector, IDeviceVector, IDeviceVector>? rates = null)
    {
        _ratesAt = rates;
        _auxAt = auxAt;
        _auxHost = auxAt is null ? null : new double[grid.Cells];
        _b = backend; _g = grid.ToAxis(); _drift = drift; _diffusion = diffusion;
        int n = grid.Cells;
        _aux = backend.Allocate(n);
        if (aux is not null) backend.Upload(aux, _aux);
        _aP = backend.Allocate(n + 1); _aM = backend.Allocate(n + 1);
        _tmp = backend.Allocate(n); _w1 = backend.Allocate(n); _w2 = backend.Allocate(n);
        _rates = new RateCache(auxAt is null && drift is IAutonomousDrift { IsAutonomous: true });
        CellVolume = grid.H;
    }

    private readonly RateCache _rates;
    private readonly Action<double, IDeviceVector, IDeviceVector, IDeviceVector>? _ratesAt;

    public int Length => _g.N;

    public double CellVolume { get; }

    public void SetTime(double t)
    {
        if (_auxAt is not null)
        {
            _auxAt(t, _auxHost!);
            _b.Upload(_auxHost, _aux);
        }
        double d = _diffusion(t);
        if (_rates.Holds(d)) return;
        if (_ratesAt is not null) _ratesAt(t, _aux, _aP, _aM);
        else _b.FaceRates1D(_g, t, d, _drift, _aux, _aP, _aM);
        _rates.Computed(d);
    }

    public void Apply(IDeviceVector p, IDeviceVector r) => _b.Apply1D(_g, _aP, _aM, p, r);

    public void CrankNicolson(IDeviceVector p0, double dt, IDeviceVector p1)
    {
        _b.SolveStep1D(_g, 0.5 * dt, _aP, _aM, p0, p1, _tmp, _w1, _w2);
    }

    public void ImplicitEuler(IDeviceVector p0, double dt, IDeviceVector p1) => _b.Solve1D(_g, dt, _aP, _aM, p0, p1, _w1, _w2);

    public double MaxOutflow()
    {
        if (_rates.Outflow is double kept) return kept;
        _b.Outflow(_g, null, _aP, _aM, null, null, _tmp);
        return _rates.KeepOutflow(_b.Max(_tmp));
    }

    public void Dispose()
    {
        foreach (var v in new[] { _aux, _aP, _aM, _tmp, _w1, _w2 }) v.Dispose();
    }
}
