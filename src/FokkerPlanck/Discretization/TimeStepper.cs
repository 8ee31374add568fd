using System.Diagnostics;
using FokkerPlanck.Backends;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Discretization;

/// <summary>
/// The one time loop of every grid evolution: drives an operator (the Fokker–Planck operator, or the continuity
/// equation's) through the snapshot times with the chosen scheme; snapshots land exactly. Times may decrease (a backward
/// run): the loop then runs in the clock τ = -t, forward, and hands the operator the physical time t; the operator
/// carries the equation's sign for that direction.
/// </summary>
internal sealed class TimeStepper : IDisposable
{
    private readonly IBackend _b;
    private readonly IDiscreteOperator _op;
    private readonly SolverOptions _o;
    private IDeviceVector _p, _s1, _s2;
    private int _startupLeft;
    private double _dt = double.NaN, _mass0 = 1.0;
    private readonly bool _conserving;
    private long _forced, _slow;
    private readonly long _patience;
    private double _tEnd;
    private readonly double _dir;

    /// <param name="backend">Backend.</param>
    /// <param name="op">Operator.</param>
    /// <param name="options">Options.</param>
    /// <param name="conserving">Reflecting or periodic domain: a mass change beyond round-off is a failure.</param>
    /// <param name="backward">Whether the snapshot times decrease.</param>
    public TimeStepper(IBackend backend, IDiscreteOperator op, SolverOptions options, bool conserving = false, bool backward = false)
    {
        _b = backend; _op = op; _o = options; _conserving = conserving; _dir = backward ? -1.0 : 1.0;
        // Implicit steps are limited by accuracy, which a transient gives back; explicit ones by stability, which it does not.
        _patience = options.Scheme == TimeScheme.Implicit ? FailureChecks.SlowPatience(op.Length) : FailureChecks.MaxForcedSteps;
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

    /// <summary>The implicit scheme's first trial step, as a fraction of the run's span: small enough that the
    /// step-doubling estimate is in its asymptotic range on the first try for any tolerance the tool accepts, and the
    /// controller grows it ×4 per accepted step, so a too-small start costs a handful of steps.</summary>
    private const double FirstStepFraction = 1e-4;

    /// <summary>Round-off of an L1 difference of two states, per unit of mass and √cells: 16 ulps of 1 (2.2e-16 each), as the
    /// random-walk sum of per-cell round-off. Step-doubling differences below it carry no information.</summary>
    private const double L1RoundOff = 16 * 2.2e-16;

    /// <summary>Steps below this fraction of the span are accepted without error control (the control can no longer
    /// resolve them); too many in a row stop the run as a step-size collapse.</summary>
    private const double SmallestControlledStep = 1e-14;

    private (double[][] Densities, double[] Masses, TimeSpan Wall) RunCore(double[] initial, double[] times)
    {
        var clock = Stopwatch.StartNew();
        var dens = new double[times.Length][];
        var mass = new double[times.Length];
        _b.Upload(initial, _p);
        dens[0] = (double[])initial.Clone();
        mass[0] = _b.Sum(_p) * _op.CellVolume;
        _mass0 = mass[0];
        if (!(mass[0] > 0) || !double.IsFinite(mass[0]))
            throw new ArgumentOutOfRangeException(nameof(initial), mass[0],
                $"the initial density's mass on this grid is {FailureChecks.F(mass[0])}: its cell averages underflow or overflow; check the grid's extent and the initial density's scale");
        // The loop's clock τ = ±t increases; messages, progress and the operator see t (negation is exact, so a backward
        // run's stage times are bit for bit those of the physical t - dt/2, t - dt).
        var clockTimes = times.Select(Clock).ToArray();
        double span = clockTimes[^1] - clockTimes[0];
        _tEnd = clockTimes[^1];
        _snapshots = times.Length;
        bool estimated = _o.Scheme == TimeScheme.Implicit && _o.FixedStep is null;
        TimeErrors = new double[times.Length];
        if (!estimated) TimeErrors[0] = double.NaN;
        // Rates that overflow (huge coefficients, or cells so small that D/h² is infinite) can only give NaN: stop before the first step.
        At(clockTimes[0]);
        double rate = _op.MaxOutflow();
        if (!(rate < double.PositiveInfinity)) throw FailureChecks.Rates(rate, times[0]);
        if (_o.FixedStep is double h)
        {
            // The whole run's step count, before the first step: an absurd one is refused instead of looping for hours.
            double total = 0;
            for (int s = 1; s < times.Length; s++) total += Math.Max(1, Math.Ceiling((clockTimes[s] - clockTimes[s - 1]) / h - Tolerances.StepCountSlack));
            if (!(total <= FailureChecks.MaxSteps)) throw FailureChecks.FixedBudget((long)Math.Min(total, long.MaxValue), h);
        }
        for (int s = 1; s < times.Length; s++)
        {
            _snapshot = s - 1;
            Advance(clockTimes[s - 1], clockTimes[s], span);
            dens[s] = new double[_op.Length];
            _b.Download(_p, dens[s]);
            mass[s] = _b.Sum(_p) * _op.CellVolume;
            TimeErrors[s] = estimated ? _timeError : double.NaN;
            // Only the explicit scheme is positive by construction (SSP-RK3 under the positivity bound); Crank–Nicolson may
            // undershoot in far tails by about its tolerance (the Laplace test measures ~7e-8 of max p), which is not a failure.
            FailureChecks.Snapshot(dens[s], times[s], mass[s], _mass0, _conserving, checkNegative: _o.Scheme == TimeScheme.Explicit);
            _o.Progress?.Report(new SolverProgress(times[s], s, times.Length, Steps, Rejected));
            _sinceReport.Restart();
        }
        return (dens, mass, clock.Elapsed);
    }

    private int _snapshot, _snapshots;

    // Clock time of a physical time and back (the same map: τ = ±t).
    private double Clock(double t) => _dir * t;

    // Sets the operator's rates at clock time τ.
    private void At(double tau) => _op.SetTime(_dir * tau);
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();

    // Between snapshots: a report at most every SolverProgress.ProgressInterval of wall time.
    private void Tick(double t)
    {
        if (_o.Progress is null || _sinceReport.Elapsed < SolverProgress.ProgressInterval) return;
        _sinceReport.Restart();
        _o.Progress.Report(new SolverProgress(Clock(t), _snapshot, _snapshots, Steps, Rejected));
    }

    private void Advance(double t, double target, double span)
    {
        if (_o.FixedStep is double h)
        {
            long n = Math.Max(1, (long)Math.Ceiling((target - t) / h - Tolerances.StepCountSlack));
            double dt = (target - t) / n;
            for (long k = 0; k < n; k++)
            {
                _o.Cancellation.ThrowIfCancellationRequested();
                double tk = k == n - 1 ? target - dt : t + k * dt;
                if (_o.Scheme == TimeScheme.Explicit)
                {
                    At(tk);
                    double limit = 1.0 / Outflow(tk);
                    At(tk + dt);
                    limit = Math.Min(limit, 1.0 / Outflow(tk + dt));
                    if (dt > limit * (1 + Tolerances.StepSlack))
                        throw new ArgumentOutOfRangeException(nameof(SolverOptions.FixedStep), dt,
                            $"fixedStep {dt:R} exceeds the explicit stability bound {limit:R} at t = {Clock(tk):R}; use a smaller step or the implicit scheme");
                    Ssprk3(tk, dt);
                }
                else
                {
                    ImplicitStep(_p, tk, dt, _s1);
                    (_p, _s1) = (_s1, _p);
                    if (_startupLeft > 0) _startupLeft--;
                }
                Steps++;
                if (Steps % FailureChecks.CheckInterval == 0) CheckState(tk + dt);
                Tick(tk + dt);
            }
            return;
        }

        while (t < target)
        {
            _o.Cancellation.ThrowIfCancellationRequested();
            if (Steps + Rejected >= FailureChecks.MaxSteps) throw FailureChecks.Budget(Steps + Rejected, _dt, Clock(t));
            double next = Step(t, target, span);
            if (next == t) continue; // rejected: no progress to report
            // Projected budget: after SlowPatience accepted steps in a row each so small that the rest of the run at that
            // size would exceed MaxSteps, stop now rather than after minutes of crawling (a transient gets that long to
            // pass: its steps then grow).
            if ((_tEnd - next) / (next - t) > FailureChecks.MaxSteps) { if (++_slow > _patience) throw FailureChecks.Budget(Steps + Rejected, next - t, Clock(next)); }
            else _slow = 0;
            t = next;
            if (Steps % FailureChecks.CheckInterval == 0) CheckState(t);
            Tick(t);
        }
    }

    // Between snapshots: one reduction, which is NaN or infinite when any cell is; the cell is looked up only on failure.
    private void CheckState(double t)
    {
        double sum = _b.Sum(_p);
        if (double.IsFinite(sum)) return;
        var host = new double[_op.Length];
        _b.Download(_p, host);
        int bad = Array.FindIndex(host, v => !double.IsFinite(v));
        throw FailureChecks.NonFinite(Clock(t), bad >= 0 ? bad : null, bad >= 0 ? host[bad] : sum);
    }

    // The largest outflow rate at the time last set; rates that are NaN or infinite stop the run (no step can be sized from them).
    private double Outflow(double t)
    {
        double max = _op.MaxOutflow();
        if (!(max < double.PositiveInfinity)) throw FailureChecks.Rates(max, Clock(t));
        return max;
    }

    /// <summary>
    /// One attempt of the adaptive loop from <paramref name="t"/> towards <paramref name="target"/>: an SSP-RK3 step under
    /// the positivity bound (explicit), or a step-doubled Crank–Nicolson/ADI step that is accepted or rejected (implicit).
    /// Returns the new time (unchanged when the step was rejected). Also the benchmarks' unit of work.
    /// </summary>
    // Long by design: the explicit and implicit attempts side by side, because they share the landing, collapse and
    // budget logic that must treat both schemes alike.
    internal double Step(double t, double target, double span)
    {
        double remaining = target - t;
        if (_o.Scheme == TimeScheme.Explicit)
        {
            // Positivity needs every stage's Euler step within its bound at its own time (t, t + dt/2, t + dt). The
            // first stage's L(u) does not depend on dt, so it is computed once, before dt is settled; the loop ends
            // with the rates set at t + dt, as the second stage needs.
            At(t);
            double want = Math.Min(Bound(t), _o.MaxStep);
            if (want < remaining && FailureChecks.Collapsed(want, t, span)) throw FailureChecks.Collapse(want, Clock(t), null, "cell");
            double dt = Land(want, remaining);
            _op.Apply(_p, _s2);
            while (true)
            {
                At(t + 0.5 * dt);
                double mid = Bound(t + 0.5 * dt);
                At(t + dt);
                double ok = Math.Min(mid, Bound(t + dt));
                if (dt <= ok * (1 + Tolerances.StepSlack)) break;
                if (ok < remaining && FailureChecks.Collapsed(ok, t, span)) throw FailureChecks.Collapse(ok, Clock(t), null, "cell");
                dt = Land(ok, remaining);
            }
            Ssprk3Rest(t, dt);
            Steps++;
            return dt == remaining ? target : t + dt;
        }

        if (double.IsNaN(_dt)) _dt = Math.Min(span * FirstStepFraction, _o.MaxStep);
        double proposed = Math.Min(_dt, _o.MaxStep);
        if (proposed < remaining && FailureChecks.Collapsed(proposed, t, span)) throw FailureChecks.Collapse(proposed, Clock(t), null, "cell");
        double step = Land(proposed, remaining);
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
        double floor = L1RoundOff * Math.Sqrt(_op.Length) * _mass0;
        allowed = Math.Max(allowed, floor);
        double next = t;
        // A NaN or infinite estimate means a trial state is not finite: never accepted, however small the step.
        bool finite = double.IsFinite(err);
        if (finite && (err <= allowed || step <= SmallestControlledStep * span))
        {
            // Accepted only because the step is too small for error control: the control has given up. A few such steps
            // are harmless; thousands mean the run crawls at 1e-14 of its span, i.e. would need ≥ 1e14 steps.
            if (err > allowed && ++_forced > FailureChecks.MaxForcedSteps)
                throw FailureChecks.Collapse(step, Clock(t), null, "cell");
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
        double factor = !finite ? 0.2 : err == 0 ? 4.0 : Math.Clamp(0.9 * Math.Sqrt(allowed / err), 0.2, 4.0);
        _dt = step * factor;
        return next;
    }

    /// <summary>Benchmark hook: loads a density as the current state without running (the solver's own runs use Run).</summary>
    internal void Load(double[] initial)
    {
        _b.Upload(initial, _p);
        _mass0 = _b.Sum(_p) * _op.CellVolume;
    }

    private double Bound(double t)
    {
        double max = Outflow(t);
        return max > 0 ? _o.Cfl / max : double.PositiveInfinity;
    }

    // A step of at most dt that lands on the snapshot without leaving a sliver.
    internal static double Land(double dt, double remaining) =>
        dt >= remaining * (1 - Tolerances.StepSlack) ? remaining : dt > 0.5 * remaining ? 0.5 * remaining : dt;

    // Crank–Nicolson/ADI, or two implicit-Euler half steps while the L-stable start lasts. input may alias output.
    private void ImplicitStep(IDeviceVector input, double t, double dt, IDeviceVector output)
    {
        if (_startupLeft > 0)
        {
            At(t + 0.5 * dt);
            _op.ImplicitEuler(input, 0.5 * dt, output);
            At(t + dt);
            _op.ImplicitEuler(output, 0.5 * dt, output);
        }
        else
        {
            At(t + 0.5 * dt);
            _op.CrankNicolson(input, dt, output);
        }
    }

    // Shu–Osher SSP-RK3: u1 = u + dt L(u); u2 = ¾u + ¼(u1 + dt L(u1)); u' = ⅓u + ⅔(u2 + dt L(u2)).
    private void Ssprk3(double t, double dt)
    {
        At(t);
        _op.Apply(_p, _s2);
        At(t + dt);
        Ssprk3Rest(t, dt);
    }

    // The rest of a step once _s2 = L(u) at t and the rates are set at t + dt.
    private void Ssprk3Rest(double t, double dt)
    {
        IDeviceVector u = _p, u1 = _s1, r = _s2;
        _b.Combine(1.0, u, dt, r, u1);
        _op.Apply(u1, r);
        _b.Combine3(0.75, u, 0.25, u1, 0.25 * dt, r, u1);
        At(t + 0.5 * dt);
        _op.Apply(u1, r);
        _b.Combine3(1.0 / 3.0, u, 2.0 / 3.0, u1, 2.0 / 3.0 * dt, r, u);
    }
}
