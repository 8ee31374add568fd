namespace FokkerPlanck.Kernels.Grid;

/// <summary>The two transfer rates across one face (per unit time, density units).</summary>
public readonly struct RatePair
{
    /// <summary>Creates the pair.</summary>
    /// <param name="forward">Rate from the left/lower cell to the right/upper cell.</param>
    /// <param name="backward">Rate from the right/upper cell to the left/lower cell.</param>
    public RatePair(double forward, double backward) { Forward = forward; Backward = backward; }

    /// <summary>Rate from the left/lower cell to the right/upper cell.</summary>
    public double Forward { get; }

    /// <summary>Rate from the right/upper cell to the left/lower cell.</summary>
    public double Backward { get; }
}

/// <summary>
/// Scharfetter–Gummel (exponentially fitted) flux: with Péclet number z = f h / D,
/// J = (D/h) [B(-z) p_L - B(z) p_R], B(z) = z / (e^z - 1), so dp_i/dt = (J_{i-½} - J_{i+½}) / h.
/// Exact for constant drift and flux on the face interval; second order for smooth data; reduces to upwinding
/// as D → 0 and to central differences as f → 0. Both Bernoulli values come from one exponential, so that
/// B(-z)/B(z) = e^z holds to round-off and the discrete Gibbs state of a gradient drift is exact.
/// </summary>
public static class ScharfetterGummel
{
    /// <summary>Rates of one face.</summary>
    /// <param name="f">Drift normal to the face.</param>
    /// <param name="d">Diffusion coefficient D = ½ g² ≥ 0.</param>
    /// <param name="h">Cell width along the face normal.</param>
    /// <returns>(forward, backward) = (D/h²) (B(-z), B(z)).</returns>
    public static RatePair Rates(double f, double d, double h)
    {
        if (d <= 0.0)
        {
            // Pure upwind transport.
            return new RatePair(f > 0 ? f / h : 0.0, f < 0 ? -f / h : 0.0);
        }
        double scale = d / (h * h), z = f * h / d;
        if (Math.Abs(z) < 1e-3)
        {
            // Series of B(±z) to O(z^6), error < 1e-20.
            double z2 = z * z, even = 1.0 + z2 / 12.0 - z2 * z2 / 720.0;
            return new RatePair(scale * (even + 0.5 * z), scale * (even - 0.5 * z));
        }
        double e = Math.Exp(z);
        // B(z) = z/(e^z - 1); B(-z) = z/(1 - e^{-z}); both limits (z → ±∞) come out right, without NaN.
        return new RatePair(scale * (z / (1.0 - 1.0 / e)), scale * (z / (e - 1.0)));
    }
}
