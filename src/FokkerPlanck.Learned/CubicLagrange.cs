namespace FokkerPlanck.Learned;

/// <summary>Cubic Lagrange interpolation on evenly spaced nodes: the weights of the four nodes nearest to a point.</summary>
internal static class CubicLagrange
{
    /// <summary>The weights at fractional node index u (0 ≤ u ≤ n − 1, n ≥ 4 nodes) of nodes k0 … k0 + 3.</summary>
    /// <param name="u">Position in units of the node spacing from the first node.</param>
    /// <param name="n">Number of nodes.</param>
    /// <param name="w">Receives the four weights.</param>
    /// <returns>k0, the first of the four nodes.</returns>
    public static int Weights(double u, int n, Span<double> w)
    {
        int k0 = Math.Clamp((int)Math.Floor(u) - 1, 0, n - 4);
        for (int a = 0; a < 4; a++)
        {
            double c = 1;
            for (int b = 0; b < 4; b++) if (b != a) c *= (u - (k0 + b)) / (a - b);
            w[a] = c;
        }
        return k0;
    }
}
