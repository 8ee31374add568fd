using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Transport;

/// <summary>
/// Solves the continuity equation ∂t p = -∇·(u p) for a given velocity, forward or backward in time (times may
/// decrease), with the limited upwind scheme of <see cref="ContinuityKernels"/> (<see cref="ContinuityOperator"/>) and
/// the solvers' one time loop (<see cref="TimeStepper"/>): SSP-RK3 under the positivity bound, checked at all three stage
/// times: mass-conserving (reflecting/periodic), positivity-preserving up to
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
        try
        {
            Axis ax = g1 is not null ? g1.ToAxis() : g2!.X.ToAxis();
            Axis? ay = g2 is not null ? g2.Y.ToAxis() : null;
            double vol = g1?.H ?? g2!.CellArea;
            bool absorbing = g1?.Absorbing ?? g2!.Absorbing;
            using var op = new ContinuityOperator(backend, velocity, ax, ay, n, vol, dir);
            // The same loop as the Fokker–Planck solver's explicit scheme: SSP-RK3 under the positivity bound at all three
            // stage times, snapshots landed exactly, the same failure checks and progress.
            var stepping = new SolverOptions
            {
                Scheme = TimeScheme.Explicit, Cfl = options.Cfl, MaxStep = options.MaxStep, Progress = options.Progress, Cancellation = options.Cancellation,
            };
            var stepper = new TimeStepper(backend, op, stepping, conserving: !absorbing, backward: dir < 0);
            var (dens, mass, wall) = stepper.Run(initial, times);
            return new GridSolution(g1, g2, (double[])times.Clone(), dens, mass, backend.Name, stepper.Steps, 0, [], wall);
        }
        finally
        {
            if (own) backend.Dispose();
        }
    }
}
