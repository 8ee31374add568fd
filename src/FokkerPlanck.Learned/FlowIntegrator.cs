namespace FokkerPlanck.Learned;

/// <summary>
/// Fixed-step ODE integration (classical RK4; Euler and Heun for the particle checks) of a batch of points under a velocity field, from one time to another (either
/// direction): the flow map Φ the flow-map laws pull a known density back through. All points go to the field in one
/// batch per stage. Fixed steps, not an error-controlled integrator: a float32 network's round-off makes the velocity
/// noisy from one time to the next, and the laws estimate the step error by halving the steps instead.
/// </summary>
internal static class FlowIntegrator
{
    /// <summary>The fixed-step methods: forward Euler (order 1), Heun (2) and classical RK4 (4).</summary>
    public static readonly IReadOnlyList<string> Methods = ["euler", "heun", "rk4"];

    /// <summary>Moves <paramref name="x"/> from <paramref name="from"/> to <paramref name="to"/> in place.</summary>
    /// <param name="velocity">The field.</param>
    /// <param name="x">Points (interleaved coordinates), overwritten with their images.</param>
    /// <param name="from">Start time.</param>
    /// <param name="to">End time (may be earlier than the start).</param>
    /// <param name="steps">Number of RK4 steps.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <param name="progress">Called with the fraction done about every tenth of the steps, or null.</param>
    /// <param name="method">"rk4" (the default), "heun" or "euler".</param>
    public static void Run(FlowVelocity velocity, double[] x, double from, double to, int steps, CancellationToken cancel, Action<double>? progress = null,
        string method = "rk4")
    {
        if (method != "rk4")
        {
            LowOrder(velocity, x, from, to, steps, cancel, method == "heun");
            return;
        }
        int n = x.Length;
        var k1 = new double[n]; var k2 = new double[n]; var k3 = new double[n]; var k4 = new double[n]; var y = new double[n];
        double dt = (to - from) / steps;
        int every = Math.Max(1, steps / 10);
        for (int s = 0; s < steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            double t = from + s * dt;
            velocity(x, t, k1);
            for (int i = 0; i < n; i++) y[i] = x[i] + 0.5 * dt * k1[i];
            velocity(y, t + 0.5 * dt, k2);
            for (int i = 0; i < n; i++) y[i] = x[i] + 0.5 * dt * k2[i];
            velocity(y, t + 0.5 * dt, k3);
            for (int i = 0; i < n; i++) y[i] = x[i] + dt * k3[i];
            velocity(y, s == steps - 1 ? to : t + dt, k4);
            for (int i = 0; i < n; i++) x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            if (progress is not null && (s + 1) % every == 0) progress((s + 1.0) / steps);
        }
    }

    private static void LowOrder(FlowVelocity velocity, double[] x, double from, double to, int steps, CancellationToken cancel, bool heun)
    {
        int n = x.Length;
        var k1 = new double[n]; var k2 = new double[n]; var y = new double[n];
        double dt = (to - from) / steps;
        for (int s = 0; s < steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            double t = from + s * dt;
            velocity(x, t, k1);
            if (!heun)
            {
                for (int i = 0; i < n; i++) x[i] += dt * k1[i];
                continue;
            }
            for (int i = 0; i < n; i++) y[i] = x[i] + dt * k1[i];
            velocity(y, s == steps - 1 ? to : t + dt, k2);
            for (int i = 0; i < n; i++) x[i] += 0.5 * dt * (k1[i] + k2[i]);
        }
    }
}
