using FokkerPlanck.Grids;

namespace FokkerPlanck.Discretization;

/// <summary>Result of a grid run: cell-average snapshots at the requested times and what happened on the way.</summary>
public sealed class GridSolution
{
    internal GridSolution(Grid1D? grid1, Grid2D? grid2, double[] times, double[][] densities, double[] masses, string backend,
        long steps, long rejected, IReadOnlyList<string> warnings, TimeSpan wall)
    {
        Grid1 = grid1; Grid2 = grid2; Times = times; Densities = densities; Masses = masses; Backend = backend;
        Steps = steps; Rejected = rejected; Warnings = warnings; WallTime = wall;
    }

    /// <summary>The 1D grid, or null in 2D.</summary>
    public Grid1D? Grid1 { get; }

    /// <summary>The 2D grid, or null in 1D.</summary>
    public Grid2D? Grid2 { get; }

    /// <summary>Snapshot times.</summary>
    public double[] Times { get; }

    /// <summary>Cell averages per snapshot (2D flat, index i * ny + j).</summary>
    public double[][] Densities { get; }

    /// <summary>Mass (cell volume × Σ p) per snapshot.</summary>
    public double[] Masses { get; }

    /// <summary>Mass lost through absorbing edges by each snapshot (0 for other boundaries up to round-off).</summary>
    public double[] MassLost => Masses.Select(m => Masses[0] - m).ToArray();

    /// <summary>Backend that ran the kernels.</summary>
    public string Backend { get; }

    /// <summary>Accepted time steps.</summary>
    public long Steps { get; }

    /// <summary>Rejected time steps (error control).</summary>
    public long Rejected { get; }

    /// <summary>Warnings (initial mass lost outside the domain or not represented by the cells, when added by <see cref="Scenarios.Scenario.Solve"/>; mass at the edges of a bounded domain).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan WallTime { get; }

    /// <summary>Whether the densities are spatial Richardson extrapolations (<see cref="SolverOptions.Extrapolate"/>).</summary>
    public bool Extrapolated { get; init; }

    /// <summary>Step-doubling estimate of the accumulated time error (L1) at each snapshot; NaN where the scheme gives none.</summary>
    public double[] TimeErrors { get; internal init; } = [];

    /// <summary>Estimate of the L1 error of each snapshot's density against the exact solution on this domain: the
    /// spatial part from a companion solve on a grid with half (or twice) the cells per axis (<see cref="SpatialErrorEstimate"/>)
    /// plus <see cref="TimeErrors"/>. Null where no companion was solved (the array overloads of the solver).</summary>
    public double[]? DensityErrorEstimate { get; internal init; }

    /// <summary>The companion solution the spatial estimate came from (same method, half or twice the cells per axis), or null.</summary>
    public GridSolution? Companion { get; internal init; }

    /// <summary>What a difference between this solution and its companion is multiplied by to estimate this solution's
    /// error (1/3 for a coarser companion, 4/3 for a finer one: the orders 2 to 4 of the schemes then give estimates
    /// between 1 and 5 times the error).</summary>
    public double CompanionFactor { get; internal init; }

    /// <summary>Largest step of ln p between neighbouring cells of this grid over the region the errors are measured on
    /// (<see cref="LogResolution.MaxLogStep"/>), which chose the companion's direction; NaN where no companion was solved.</summary>
    public double LogStep { get; internal init; } = double.NaN;

    /// <summary>The two plain solves an extrapolated solution was combined from (the asked grid, then twice its cells per
    /// axis); null otherwise. Fields that are derivatives of the flux (the current) are extrapolated from them.</summary>
    internal (GridSolution Coarse, GridSolution Fine)? Passes { get; init; }

    /// <summary>The same solution without its passes (a companion need not keep its grids alive).</summary>
    /// <returns>The solution.</returns>
    internal GridSolution WithoutPasses() => new(Grid1, Grid2, Times, Densities, Masses, Backend, Steps, Rejected, Warnings, WallTime)
    {
        Extrapolated = Extrapolated, TimeErrors = TimeErrors, DensityErrorEstimate = DensityErrorEstimate, Companion = Companion,
        CompanionFactor = CompanionFactor, LogStep = LogStep,
    };

    /// <summary>The same solution with other warnings.</summary>
    internal GridSolution WithWarnings(IReadOnlyList<string> warnings) =>
        new(Grid1, Grid2, Times, Densities, Masses, Backend, Steps, Rejected, warnings, WallTime)
        {
            Extrapolated = Extrapolated, TimeErrors = TimeErrors, DensityErrorEstimate = DensityErrorEstimate, Companion = Companion,
            CompanionFactor = CompanionFactor, LogStep = LogStep, Passes = Passes,
        };

    /// <summary>Cell volume (h or hx hy).</summary>
    public double CellVolume => Grid1?.H ?? Grid2!.CellArea;
}
