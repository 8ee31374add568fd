using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Learned;

/// <summary>
/// The law of a learned 1D flow by its characteristics: the flow is monotone, so the mass of cell [a, b] under the law
/// at time t is F(Φ(b)) − F(Φ(a)), Φ the flow map from t to the time where the density is known exactly (the ODE run
/// from t to there: forward to T for a PF-ODE, backward to 0 for a flow-matching path) and F that density's exact CDF.
/// Φ at every cell edge comes from <see cref="FlowIntegrator"/>; the estimate is the difference to half the steps
/// (RK4: the error of the finer run is about a fifteenth of it). No derivative of the network is needed, and nothing
/// limits the accuracy but the ODE steps.
/// </summary>
internal static class FlowMapLaw1D
{
    /// <summary>Cell averages of the flow's law at <paramref name="at"/> on the grid, and the estimated L1 error.</summary>
    /// <param name="velocity">The learned velocity.</param>
    /// <param name="grid">Grid.</param>
    /// <param name="known">The exact density at <paramref name="knownAt"/>.</param>
    /// <param name="at">Time of the law.</param>
    /// <param name="knownAt">Time of the known density.</param>
    /// <param name="steps">RK4 steps (even).</param>
    /// <param name="cancel">Cancellation.</param>
    /// <param name="progress">Progress lines, or null.</param>
    /// <returns>Cell averages, L1 error estimate, and the number of RK4 steps taken in all.</returns>
    public static (double[] Density, double Estimate, long Steps) Solve(FlowVelocity velocity, Grid1D grid, IDensity1D known, double at, double knownAt,
        int steps, CancellationToken cancel, Action<string>? progress = null)
    {
        var fine = Cells(velocity, grid, known, at, knownAt, steps, cancel, progress);
        var coarse = Cells(velocity, grid, known, at, knownAt, steps / 2, cancel, progress);
        double est = fine.Zip(coarse, (a, b) => Math.Abs(a - b)).Sum() * grid.H / 15;
        return (fine, est, steps + steps / 2);
    }

    private static double[] Cells(FlowVelocity velocity, Grid1D grid, IDensity1D known, double at, double knownAt, int steps, CancellationToken cancel,
        Action<string>? progress)
    {
        int n = grid.Cells;
        var x = Enumerable.Range(0, n + 1).Select(grid.Edge).ToArray();
        FlowIntegrator.Run(velocity, x, at, knownAt, steps, cancel,
            progress is null ? null : f => progress($"flow map, {steps} RK4 steps: {f:P0}"));
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = Math.Abs(known.Cdf(x[i + 1]) - known.Cdf(x[i])) / grid.H;
        return p;
    }
}
