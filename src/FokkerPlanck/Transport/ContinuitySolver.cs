using System.Diagnostics;
using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Numerics;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Transport;

/// <summary>
/// Solves the continuity equation ∂t p = -∇·(u p) for a given velocity, forward or backward in time (times may
/// decrease), with the limited upwind scheme of <see cref="ContinuityKernels"/> and SSP-RK3 under the positivity
/// bound, checked at all three stage times: mass-conserving (reflecting/periodic), positivity-preserving up to
/// round-off, second order where smooth. Snapshots of a backward run are returned in the order of the given times.
/// </summary>
public static class ContinuitySolver
{
    /// <summary>Solves on a 1D grid.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="velocity">Face velocities.</param>
    /// <param name="initial">Cell averages at times[0].</param>
    /// <param name="times">Snapshot times, strictly monotone (decreasing runs backward in time).</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend (null: chosen automatically).</param>
    /// <returns>Snapshots at the given times.</returns>
    public static GridSolution Solve(Grid1D grid, IFaceVelocity velocity, double[] initial, double[] times, ContinuityOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Run(grid, null, velocity, initial, times, options, backend);
    }

    /// <summary>Solves on a 2D grid.</summary>
    /// <param name="grid">Grid.</param>
    /// <param name="velocity">Face velocities.</param>
    /// <param name="initial">Cell averages at times[0] (flat i * ny + j).</param>
    /// <param name="times">Snapshot times, strictly monotone.</param>
    /// <param name="options">Options.</param>
    /// <param name="backend">Backend.</param>
    /// <returns>Snapshots at the given times.</returns>
    public static GridSolution Solve(Grid2D grid, IFaceVelocity velocity, double[] initial, double[] times, ContinuityOptions? options = null, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Run(null, grid, velocity, initial, times, options, backend);
    }

    private static GridSolution Run(Grid1D? g1, Grid2D? g2, IFaceVelocity velocity, double[] initial, double[] times, ContinuityOptions? options, IBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(velocity);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(times);
        options ??= new ContinuityOptions();
        options.Validate();
        int n = g1?.Cells ?? g2!.Count;
        if (initial.Length != n) throw new ArgumentException($"initial has {initial.Length} values but the grid has {n} cells", nameof(initial));
        if (initial.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentOutOfRangeException(nameof(initial), "initial values must be finite and ≥ 0");
        if (times.Length < 2) throw new ArgumentException($"times needs at least 2 entries (got {times.Length})", nameof(times));
        double dir = Math.Sign(times[1] - times[0]);
        for (int i = 1; i < times.Length; i++)
            if (!double.IsFinite(times[i]) || !(dir * (times[i] - times[i - 1]) > 0))
                throw new ArgumentOutOfRangeException(nameof(times), times[i], "times must be finite and strictly monotone");

        bool own = backend is null;
        backend ??= BackendSelector.Create();
        var clock = Stopwatch.StartNew();
        try
        {
            Axis ax = g1 is not null ? g1.ToAxis() : g2!.X.ToAxis();
            Axis? ay = g2 is not null ? g2.Y.ToAxis() : null;
            int nux = g1 is not null ? g1.Cells + 1 : (g2!.X.Cells + 1) * g2.Y.Cells;
            int nuy = g2 is not null ? g2.X.Cells * (g2.Y.Cells + 1) : 0;
            double vol = g1?.H ?? g2!.CellArea;
            var hux = new double[nux]; var huy = new double[nuy];
            using var ux = backend.Allocate(nux);
            using var uy = backend.Allocate(Math.Max(nuy, 1));
            using var p = backend.Allocate(n); using var u1 = backend.Allocate(n); using var r = backend.Allocate(n);
            backend.Upload(initial, p);

            double SetVelocity(double t)
            {
                velocity.Fill(t, hux, huy);
                double mx = 0, my = 0;
                for (int i = 0; i < nux; i++) { hux[i] *= dir; mx = Math.Max(mx, Math.Abs(hux[i])); }
                for (int i = 0; i < nuy; i++) { huy[i] *= dir; my = Math.Max(my, Math.Abs(huy[i])); }
                if (!double.IsFinite(mx) || !double.IsFinite(my))
                    throw new ArgumentException($"the velocity is not finite at t = {t:R}", nameof(velocity));
                backend.Upload(hux, ux);
                if (nuy > 0) backend.Upload(huy, uy);
                double rate = mx / ax.H + (ay is Axis a ? my / a.H : 0);
                if (!(rate < double.PositiveInfinity)) throw FailureChecks.Rates(rate, t);
                return rate > 0 ? options.Cfl * 0.5 / rate : double.PositiveInfinity;
            }
            void Rhs(IDeviceVector q, IDeviceVector res) => backend.ContinuityRhs(ax, ay, ux, nuy > 0 ? uy : null, q, res);

            var dens = new double[times.Length][];
            var mass = new double[times.Length];
            dens[0] = (double[])initial.Clone();
            mass[0] = backend.Sum(p) * vol;
            if (!(mass[0] > 0) || !double.IsFinite(mass[0]))
                throw new ArgumentOutOfRangeException(nameof(initial), mass[0],
                    $"the initial density's mass on this grid is {FailureChecks.F(mass[0])}: its cell averages underflow or overflow; check the grid's extent and the initial density's scale");
            var boundary = g1?.Boundary ?? g2!.Boundary;
            bool conserving = boundary != Boundary.Absorbing;
            double span = Math.Abs(times[^1] - times[0]);
            long steps = 0;
            var tick = Stopwatch.StartNew();
            for (int s = 1; s < times.Length; s++)
            {
                double t = times[s - 1], target = times[s];
                while (dir * (target - t) > 0)
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    double remaining = Math.Abs(target - t);
                    // Stage 1's rate L(p) at t does not depend on dt: compute it with the bound at t; then shrink dt until the
                    // bound also holds at the other two stage times t + dt/2 and t + dt (velocities are arbitrary in time).
                    if (steps >= FailureChecks.MaxSteps) throw FailureChecks.Budget(steps, remaining, t);
                    double want = Math.Min(SetVelocity(t), options.MaxStep);
                    if (want < remaining && FailureChecks.Collapsed(want, t, span)) throw FailureChecks.Collapse(want, t, null, "cell");
                    double dt = TimeStepper.Land(want, remaining);
                    Rhs(p, r);
                    while (true)
                    {
                        double mid = SetVelocity(t + dir * 0.5 * dt), end = SetVelocity(t + dir * dt);
                        double ok = Math.Min(mid, end);
                        if (dt <= ok * (1 + Tolerances.StepSlack)) break;
                        if (ok < remaining && FailureChecks.Collapsed(ok, t, span)) throw FailureChecks.Collapse(ok, t, null, "cell");
                        dt = TimeStepper.Land(ok, remaining);
                    }
                    // SSP-RK3 in the direction of time: stages at t, t + dir dt, t + dir dt/2 (velocities already signed).
                    backend.Combine(1.0, p, dt, r, u1);
                    Rhs(u1, r);
                    backend.Combine3(0.75, p, 0.25, u1, 0.25 * dt, r, u1);
                    SetVelocity(t + dir * 0.5 * dt);
                    Rhs(u1, r);
                    backend.Combine3(1.0 / 3.0, p, 2.0 / 3.0, u1, 2.0 / 3.0 * dt, r, p);
                    t = dt == remaining ? target : t + dir * dt;
                    steps++;
                    if (steps % FailureChecks.CheckInterval == 0 && !double.IsFinite(backend.Sum(p)))
                    {
                        var host = new double[n];
                        backend.Download(p, host);
                        int bad = Array.FindIndex(host, v => !double.IsFinite(v));
                        throw FailureChecks.NonFinite(t, bad >= 0 ? bad : null, bad >= 0 ? host[bad] : double.NaN);
                    }
                    if (options.Progress is { } pr && tick.Elapsed >= Discretization.SolverProgress.ProgressInterval)
                    {
                        tick.Restart();
                        pr.Report(new Discretization.SolverProgress(t, s - 1, times.Length, steps, 0));
                    }
                }
                dens[s] = new double[n];
                backend.Download(p, dens[s]);
                mass[s] = backend.Sum(p) * vol;
                FailureChecks.Snapshot(dens[s], times[s], mass[s], mass[0], conserving, checkNegative: true);
                options.Progress?.Report(new Discretization.SolverProgress(times[s], s, times.Length, steps, 0));
                tick.Restart();
            }
            return new GridSolution(g1, g2, (double[])times.Clone(), dens, mass, backend.Name, steps, 0, [], clock.Elapsed);
        }
        finally
        {
            if (own) backend.Dispose();
        }
    }
}
