using FokkerPlanck.Grids;

namespace FokkerPlanck.Discretization;

/// <summary>A stationary density on a 1D grid (<see cref="SteadyState"/>).</summary>
/// <param name="Grid">The grid.</param>
/// <param name="Density">Cell values, mass 1.</param>
/// <param name="Current">Probability current at the n + 1 faces (0 at reflecting walls; the last equals the first when periodic).</param>
/// <param name="Residual">max|L p| / (largest rate · max p).</param>
/// <param name="Change">The last inverse iteration's relative change (max norm).</param>
/// <param name="Iterations">Inverse iterations done.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="Warnings">What the solve noticed.</param>
/// <param name="WallTime">Wall-clock time.</param>
public sealed record SteadyResult(Grid1D Grid, double[] Density, double[] Current, double Residual, double Change, int Iterations,
    string Backend, IReadOnlyList<string> Warnings, TimeSpan WallTime)
{
    /// <summary>True when the density and current are Richardson-extrapolated from this grid and twice its cells
    /// (<see cref="SteadyEstimate"/>).</summary>
    public bool Extrapolated { get; init; }

    /// <summary>Estimated L1 error of <see cref="Density"/> (NaN when none was computed: <see cref="SteadyState.Solve"/>
    /// alone).</summary>
    public double ErrorEstimate { get; init; } = double.NaN;

    /// <summary>The grid the estimate compared with ("half the cells" or "twice the cells"); null without an estimate.</summary>
    public string? EstimateCompanion { get; init; }

    /// <summary>The state as a one-snapshot grid solution (for the fields and the output writers).</summary>
    /// <param name="time">The time to label it with.</param>
    /// <returns>The solution.</returns>
    public GridSolution ToSolution(double time) =>
        new(Grid, null, [time], [Density], [Density.Sum() * Grid.H], Backend, Iterations, 0, Warnings, WallTime) { Extrapolated = Extrapolated };
}
