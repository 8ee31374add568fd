using FokkerPlanck.Grids;
using FokkerPlanck.Model;

namespace FokkerPlanck.Learned;

/// <summary>
/// The law of a learned 1D PF-ODE by its characteristics: the sampler maps X_T ~ p_T to X_{t_min} monotonically, so the
/// mass of cell [a, b] under its law is F_T(Φ(b)) − F_T(Φ(a)), Φ the inverse map (the ODE dx/dt = v_θ(x, t) run forward
/// from t_min to T) and F_T the exact CDF of p_T. Φ at every cell edge comes from classical RK4 with fixed steps (all
/// edges in one batch per stage); the estimate is the difference to half the steps (RK4: the error of the finer run is
/// about a fifteenth of it). No derivative of the network is needed, and nothing limits the accuracy but the ODE steps.
/// </summary>
internal static class FlowMapLaw1D
{
    /// <summary>Cell averages of the learned PF-ODE's law at t_min on the grid, and the estimated L1 error.</summary>
    public static (double[] Density, double Estimate, long Steps) Solve(LearnedScore model, Grid1D grid, IDensity1D pT, double tMin, double end,
        int steps, CancellationToken cancel)
    {
        var fine = Cells(model, grid, pT, tMin, end, steps, cancel);
        var coarse = Cells(model, grid, pT, tMin, end, steps / 2, cancel);
        double est = fine.Zip(coarse, (a, b) => Math.Abs(a - b)).Sum() * grid.H / 15;
        return (fine, est, steps + steps / 2);
    }

    private static double[] Cells(LearnedScore model, Grid1D grid, IDensity1D pT, double tMin, double end, int steps, CancellationToken cancel)
    {
        int n = grid.Cells;
        var x = Enumerable.Range(0, n + 1).Select(grid.Edge).ToArray();
        var k1 = new double[n + 1]; var k2 = new double[n + 1]; var k3 = new double[n + 1]; var k4 = new double[n + 1]; var y = new double[n + 1];
        double dt = (end - tMin) / steps;
        for (int s = 0; s < steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            double t = tMin + s * dt;
            model.Velocity(x, t, k1);
            for (int i = 0; i <= n; i++) y[i] = x[i] + 0.5 * dt * k1[i];
            model.Velocity(y, t + 0.5 * dt, k2);
            for (int i = 0; i <= n; i++) y[i] = x[i] + 0.5 * dt * k2[i];
            model.Velocity(y, t + 0.5 * dt, k3);
            for (int i = 0; i <= n; i++) y[i] = x[i] + dt * k3[i];
            model.Velocity(y, s == steps - 1 ? end : t + dt, k4);
            for (int i = 0; i <= n; i++) x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Differences of the CDF lose relative precision far out in the upper tail: take them from the side where
            // the probability is small (1 − F through the complementary CDF of the symmetric reflection is not
            // available for every density, so the smaller of the two differences' magnitudes is used as is).
            p[i] = (pT.Cdf(x[i + 1]) - pT.Cdf(x[i])) / grid.H;
        }
        return p;
    }
}
