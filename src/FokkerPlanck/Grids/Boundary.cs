using FokkerPlanck.Kernels;

namespace FokkerPlanck.Grids;

/// <summary>Boundary condition at the edges of the grid.</summary>
public enum Boundary
{
    /// <summary>Zero flux through the edge; mass is conserved to round-off.</summary>
    Reflecting = Axis.ReflectingBoundary,

    /// <summary>The domain wraps around.</summary>
    Periodic = Axis.PeriodicBoundary,

    /// <summary>p = 0 outside the domain; the mass that leaves is reported.</summary>
    Absorbing = Axis.AbsorbingBoundary,
}
