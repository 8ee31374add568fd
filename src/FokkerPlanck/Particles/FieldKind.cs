namespace FokkerPlanck.Particles;

/// <summary>Where the particles take the score from.</summary>
public enum FieldKind
{
    /// <summary>The grid's fields, interpolated between snapshots (<see cref="Fields.GridFields"/>).</summary>
    Grid,

    /// <summary>The exact score of the analytic marginal (Gaussian mixtures under ou, vp, ve): isolates the grid's error.</summary>
    Exact,
}
