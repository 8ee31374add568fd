using System.Diagnostics;
using FokkerPlanck.Backends;

namespace FokkerPlanck.Discretization;

/// <summary>Drives an operator through the snapshot times with the chosen scheme; snapshots land exactly.</summary>
internal sealed class TimeStepper : IDisposable
{
    private readonly IBackend _b;
    private readonly IDiscreteOperator _op;
    private readonly SolverOptions _o;
    private IDeviceVector _p, _s1, _s2;
    private int _startupLeft;
    private double _dt = double.NaN, _mass0 = 1.0;

    public TimeStepper(IBackend backend, IDiscreteOperator op, SolverOptions options)
    {
        _b = backend; _op = op; _o = options;
        _p = backend.Allocate(op.Length); _s1 = backend.Allocate(op.Length); _s2 = backend.Allocate(op.Length);
        _startupLeft = options.Scheme == TimeScheme.Implicit ? options.StartupSteps : 0;
    }


    public long Steps { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Accumulated step-doubling error estimates (L1) of the accepted implicit steps at each snapshot; NaN where the
    /// scheme gives none (explicit: third order under the positivity bound, below the spatial error; fixed steps).</summary>
    public double[] TimeErrors { get; private set; } = [];

    private double _timeError;

    public (double[][] Densities, double[] Masses, TimeSpan Wall) Run(double[] initial, double[] times)
    {
        try
        {
            return RunCore(initial, times);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Frees the state buffers (Run does it itself).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var v in new[] { _p, _s1, _s2 }) v.Dispose();
    }

    private bool _disposed;

    private (double[][] Densities, double[] Masses, TimeSpan Wall) RunCore(double[] initial, double[] times)
    {
        var clock = Stopwatch.StartNew();
        var dens = new double[times.Length][];
        var mass = new double[times.Length];
        _b.Upload(initial, _p);
        dens[0] = (double[])initial.Clone();
        mass[0] = _b.Sum(_p) * _op.CellVolume;
        _mass0 = mass[0];
        double span = times[^1] - times[0];
        _snapshots = times.Length;
        bool estimated = _o.Scheme == TimeScheme.Implicit && _o.FixedStep is null;
        TimeErrors = new double[times.Length];
        if (!estimated) TimeErrors[0] = double.NaN;
        for (int s = 1; s < times.Length; s++)
        {
            _snapshot = s - 1;
            Advance(times[s - 1], times[s], span);
            dens[s] = new double[_op.Length];
            _b.Download(_p, dens[s]);
            mass[s] = _b.Sum(_p) * _op.CellVolume;
            TimeErrors[s] = estimated ? _timeError : double.NaN;
            _o.Progress?.Report(new SolverProgress(times[s], s, times.Length, Steps, Rejected));
            _sinceReport.Restart();
        }
        return (dens, mass, clock.Elapsed);
    }

    private int _snapshot, _snapshots;
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();

    // Between snapshots: a report at most every SolverProgress.ProgressInterval of wall time.
    private void Tick(double t)
    {
        if (_o.Progress is null || _sinceReport.Elapsed < SolverProgress.ProgressInterval) return;
        _sinceReport.Restart();
        _o.Progress.Report(new SolverProgress(t, _snapshot, _snapshots, Steps, Rejected));
    }

    private void Advance(double t, double target, double span)
    {
        if (_o.FixedStep is double h)
        {
            long n = Math.Max(1, (long)Math.Ceiling((target - t) / h - 1e-9));
            double dt = (target - t) / n;
            for (long k = 0; k < n; k++)
            {
                _o.Cancellation.ThrowIfCancellationRequested();
                double tk = k == n - 1 ? target - dt : t + k * dt;
                if (_o.Scheme == TimeScheme.Explicit)
                {
                    _op.SetTime(tk);
                    double limit = 1.0 / _op.MaxOutflow();
                    _op.SetTime(tk + dt);
                    limit = Math.Min(limit, 1.0 / _op.MaxOutflow());
                    if (dt > limit * (1 + 1e-12))
                        throw new ArgumentOutOfRangeException(nameof(SolverOptions.FixedStep), dt,
                            $"fixedStep {dt:R} exceeds the explicit stability bound {limit:R} at t = {tk:R}; use a smaller step or the implicit scheme");
                    Ssprk3(tk, dt);
                }
                else
                {
                    ImplicitStep(_p, tk, dt, _s1);
                    (_p, _s1) = (_s1, _p);
                    if (_startupLeft > 0) _startupLeft--;
                }
                Steps++;
                Tick(tk + dt);
            }
            return;
        }

        while (t < target)
        {
            _o.Cancellation.ThrowIfCancellationRequested();
            double next = Step(t, target, span);
            if (next == t) continue; // rejected: no progress to report
            t = next;
            Tick(t);
        }
    }

    /// <summary>
    /// One attempt of the adaptive loop from <paramref name="t"/> towards <paramref name="target"/>: an SSP-RK3 step under
    /// the positivity bound (explicit), or a step-doubled Crank–Nicolson/ADI step that is accepted or rejected (implicit).
    /// Returns the new time (unchanged when the step was rejected). Also the benchmarks' unit of work.
    /// </summary>
    internal double Step(double t, double target, double span)
    {
        double remaining = target - t;
        if (_o.Scheme == TimeScheme.Explicit)
        {
            // Positivity needs every stage's Euler step within its bound at its own time (t, t + dt/2, t + dt). The
            // first stage's L(u) does not depend on dt, so it is computed once, before dt is settled; the loop ends
            // with the rates set at t + dt, as the second stage needs.
            _op.SetTime(t);
            double dt = Land(Math.Min(Bound(), _o.MaxStep), remaining);
            _op.Apply(_p, _s2);
            while (true)
            {
                _op.SetTime(t + 0.5 * dt);
                double mid = Bound();
                _op.SetTime(t + dt);
                double ok = Math.Min(mid, Bound());
                if (dt <= ok * (1 + 1e-12)) break;
                dt = Land(ok, remaining);
            }
            Ssprk3Rest(t, dt);
            Steps++;
            return dt == remaining ? target : t + dt;
        }

        if (double.IsNaN(_dt)) _dt = Math.Min(span * 1e-4, _o.MaxStep);
        double step = Land(Math.Min(_dt, _o.MaxStep), remaining);
        bool startup = _startupLeft > 0;
        ImplicitStep(_p, t, step, _s1);
        ImplicitStep(_p, t, 0.5 * step, _s2);
        ImplicitStep(_s2, t + 0.5 * step, 0.5 * step, _s2);
        int q = startup ? 1 : 2;
        double err = _b.SumAbsDiff(_s1, _s2) * _op.CellVolume / ((1 << q) - 1);
        // CN steps: local error ≤ Tolerance·dt/span, so the errors add up to ≤ Tolerance over the run. The few
        // implicit-Euler start steps share half the tolerance (their error is O(dt²) each, so the start costs no order).
        // Differences below the round-off floor of the L1 norm carry no information and are accepted.
        double allowed = startup ? 0.5 * _o.Tolerance / _o.StartupSteps : _o.Tolerance * step / span;
        double floor = 16 * 2.2e-16 * Math.Sqrt(_op.Length) * _mass0;
        allowed = Math.Max(allowed, floor);
        double next = t;
        if (err <= allowed || step <= 1e-14 * span)
        {
            (_p, _s2) = (_s2, _p);
            _timeError += err;
            next = step == remaining ? target : t + step;
            Steps++;
            if (startup) _startupLeft--;
        }
        else
        {
            Rejected++;
        }
        // err/allowed scales like dt² in both phases (CN: dt³ against Tolerance·dt; implicit Euler: dt² against a constant).
        double factor = err == 0 ? 4.0 : Math.Clamp(0.9 * Math.Sqrt(allowed / err), 0.2, 4.0);
        _dt = step * factor;
        return next;
    }

    /// <summary>Benchmark hook: loads a density as the current state without running (the solver's own runs use Run).</summary>
    internal void Load(double[] initial)
    {
        _b.Upload(initial, _p);
        _mass0 = _b.Sum(_p) * _op.CellVolume;
    }

    private double Bound()
    {
        double max = _op.MaxOutflow();
        return max > 0 ? _o.Cfl / max : double.PositiveInfinity;
    }

    // A step of at most dt that lands on the snapshot without leaving a sliver.
    internal static double Land(double dt, double remaining) =>
        dt >= remaining * (1 - 1e-12) ? remaining : dt > 0.5 * remaining ? 0.5 * remaining : dt;

    // Crank–Nicolson/ADI, or two implicit-Euler half steps while the L-stable start lasts. input may alias output.
    private void ImplicitStep(IDeviceVector input, double t, double dt, IDeviceVector output)
    {
        if (_startupLeft > 0)
        {
            _op.SetTime(t + 0.5 * dt);
            _op.ImplicitEuler(input, 0.5 * dt, output);
            _op.SetTime(t + dt);
            _op.ImplicitEuler(output, 0.5 * dt, output);
        }
        else
        {
            _op.SetTime(t + 0.5 * dt);
            _op.CrankNicolson(input, dt, output);
        }
    }

    // Shu–Osher SSP-RK3: u1 = u + dt L(u); u2 = ¾u + ¼(u1 + dt L(u1)); u' = ⅓u + ⅔(u2 + dt L(u2)).
    private void Ssprk3(double t, double dt)
    {
        _op.SetTime(t);
        _op.Apply(_p, _s2);
        _op.SetTime(t + dt);
        Ssprk3Rest(t, dt);
    }

    // The rest of a step once _s2 = L(u) at t and the rates are set at t + dt.
    private void Ssprk3Rest(double t, double dt)
    {
        IDeviceVector u = _p, u1 = _s1, r = _s2;
        _b.Combine(1.0, u, dt, r, u1);
        _op.Apply(u1, r);
        _b.Combine3(0.75, u, 0.25, u1, 0.25 * dt, r, u1);
        _op.SetTime(t + 0.5 * dt);
        _op.Apply(u1, r);
        _b.Combine3(1.0 / 3.0, u, 2.0 / 3.0, u1, 2.0 / 3.0 * dt, r, u);
    }
}
