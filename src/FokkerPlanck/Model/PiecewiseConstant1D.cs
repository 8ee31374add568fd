namespace FokkerPlanck.Model;

/// <summary>
/// A 1D density constant on the cells of a table (the 1D <c>tabulated</c> density): masses w_i on n equal cells of
/// [lower, upper]. Under X ↦ m X + sqrt(v) Z each cell becomes a smoothed box, so density, score, CDF and exact cell
/// averages stay closed-form; the arithmetic is <see cref="PiecewiseConstant2D"/>'s along its x axis (a table with one
/// y cell), so the two share one implementation.
/// </summary>
public sealed class PiecewiseConstant1D : IDensity1D, ILinearlyEvolvable<IDensity1D>
{
    /// <summary>Creates the density from non-negative values (normalised to masses here).</summary>
    /// <param name="lower">Left end of the table.</param>
    /// <param name="upper">Right end.</param>
    /// <param name="values">One value per cell, ≥ 0, not all 0; at most <see cref="PiecewiseConstant2D.MaxCellsPerAxis"/>.</param>
    public PiecewiseConstant1D(double lower, double upper, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var t = new double[values.Count, 1];
        for (int i = 0; i < values.Count; i++) t[i, 0] = values[i];
        Table = new PiecewiseConstant2D(lower, upper, 0, 1, t);
    }

    private PiecewiseConstant1D(PiecewiseConstant2D table) { Table = table; }

    /// <summary>The table as a 2D one with a single y cell on [0, 1] (for the sampler).</summary>
    internal PiecewiseConstant2D Table { get; }

    /// <summary>Cells.</summary>
    public int Cells => Table.Nx;

    /// <summary>Mass of cell i.</summary>
    /// <param name="i">Index.</param>
    /// <returns>w_i.</returns>
    public double Weight(int i) => Table.Weight(i, 0);

    /// <inheritdoc />
    public double Density(double x) => Table.MarginalDensity(0, x, out _);

    /// <inheritdoc />
    public double LogDensity(double x) => Math.Log(Density(x));

    /// <inheritdoc />
    public double Score(double x)
    {
        double p = Table.MarginalDensity(0, x, out double d);
        if (p > 0) return d / p;
        // Beyond double precision: the Gaussian tail of the table's nearest edge.
        return -(x - Math.Clamp(x, Table.M * Table.XLower, Table.M * Table.XUpper)) / Math.Max(Table.V, 1e-300);
    }

    /// <inheritdoc />
    public double Cdf(double x) => Table.MarginalBelow(0, x);

    /// <inheritdoc />
    public double CellAverage(double a, double b) => Table.MarginalIntegral(0, a, b) / (b - a);

    /// <inheritdoc />
    public IDensity1D Evolve(double m, double v) => new PiecewiseConstant1D((PiecewiseConstant2D)Table.Evolve(m, v));
}
