namespace FokkerPlanck.Grids;

/// <summary>Boundary condition at the edges of the grid.</summary>
public enum Boundary
{
    /// <summary>Zero flux through the edge; mass is conserved to round-off.</summary>
    Reflecting = 0,

    /// <summary>The domain wraps around.</summary>
    Periodic = 1,

    /// <summary>p = 0 outside the domain; the mass that leaves is reported.</summary>
    Absorbing = 2,
}
