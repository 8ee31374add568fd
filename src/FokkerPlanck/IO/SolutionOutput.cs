using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;

namespace FokkerPlanck.IO;

/// <summary>What a solve writes: the solution, its scenario, and the fields and error estimates when computed.</summary>
/// <param name="Solution">The grid solution.</param>
/// <param name="ScenarioJson">The scenario, as JSON.</param>
/// <param name="Fields">Score and velocity fields, or null.</param>
/// <param name="Estimates">Error estimates per snapshot, or null.</param>
/// <param name="Exact">The exact fields on the grid (solve --exact), or null.</param>
/// <param name="Reproducible">Leave the wall time out, so that identical runs give identical bytes (solve --reproducible).</param>
public sealed record SolutionOutput(GridSolution Solution, string ScenarioJson, GridFields? Fields = null, ErrorEstimates? Estimates = null,
    ExactGridFields? Exact = null, bool Reproducible = false);
