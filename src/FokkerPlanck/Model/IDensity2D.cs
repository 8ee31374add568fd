namespace FokkerPlanck.Model;

/// <summary>A probability density on the plane, (x, y) = (first, second) coordinate.</summary>
public interface IDensity2D
{
    /// <summary>p(x, y).</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <returns>The density.</returns>
    double Density(double x, double y);

    /// <summary>log p(x, y), finite where the density underflows.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <returns>The log-density.</returns>
    double LogDensity(double x, double y);

    /// <summary>Score ∇ log p(x, y).</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <returns>The two components of the score.</returns>
    (double Sx, double Sy) Score(double x, double y);

    /// <summary>Average of p over the cell [xa, xb] × [ya, yb], exact in x and by Gauss–Legendre quadrature in y.</summary>
    /// <param name="xa">Lower x edge.</param>
    /// <param name="xb">Upper x edge.</param>
    /// <param name="ya">Lower y edge.</param>
    /// <param name="yb">Upper y edge.</param>
    /// <returns>The cell average.</returns>
    double CellAverage(double xa, double xb, double ya, double yb);
}
