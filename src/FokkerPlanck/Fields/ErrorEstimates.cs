using FokkerPlanck.Discretization;
using FokkerPlanck.Model;

namespace FokkerPlanck.Fields;

/// <summary>Per-snapshot error estimates of a solution and its fields: the density's L1 error
/// (<see cref="GridSolution.DensityErrorEstimate"/>) and the max relative score and PF-velocity errors over the trusted
/// region (<see cref="FieldErrorEstimate"/>). At the first snapshot, whose density is the exact cell averages of a known
/// initial density, the field errors are not estimated but measured against that density's score
/// (<see cref="FieldErrors.Relative"/> over the trusted cells) when it is given.</summary>
/// <param name="Density">L1 density error estimate per snapshot.</param>
/// <param name="Score">Score error estimate per snapshot, max |Δ| / (1 + |s|).</param>
/// <param name="Velocity">PF-velocity error estimate per snapshot, max |Δ| / (1 + |v|).</param>
public sealed record ErrorEstimates(double[] Density, double[] Score, double[] Velocity)
{
    /// <summary>The estimates of a solution that carries a companion (the density overloads of the solver do).</summary>
    /// <param name="fields">Fields of the solution.</param>
    /// <param name="process">The process.</param>
    /// <param name="initial1">The 1D density at the first snapshot, if known.</param>
    /// <param name="initial2">The 2D density at the first snapshot, if known.</param>
    /// <returns>The estimates, or null when the solution has no companion.</returns>
    public static ErrorEstimates? Of(GridFields fields, Process process, IDensity1D? initial1 = null, IDensity2D? initial2 = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sol = fields.Solution;
        if (sol.Companion is not { } companion || sol.DensityErrorEstimate is not { } density) return null;
        var f = FieldErrorEstimate.Of(fields, GridFields.FromSolution(companion, process, fields.Trust), sol.CompanionFactor);
        if (initial1 is PointMasses1D) initial1 = null; // a point mass has no score: the companion's estimate stands at t0
        if ((sol.Grid1 is null ? initial2 is not null : initial1 is not null) && f.Length > 0)
            f[0] = FieldErrors.Relative(fields, 0, initial1, initial2, trustedOnly: true);
        return new ErrorEstimates(density, f.Select(e => e.Score).ToArray(), f.Select(e => e.Velocity).ToArray());
    }
}
