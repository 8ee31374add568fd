namespace FokkerPlanck.Transport;

/// <summary>Velocity of the continuity equation at the faces of a grid at time t (1D: n + 1 faces; 2D: x-faces
/// (nx + 1) * ny at k * ny + j and y-faces nx * (ny + 1) at i * (ny + 1) + k).</summary>
public interface IFaceVelocity
{
    /// <summary>Fills the face velocities at time t.</summary>
    /// <param name="t">Time.</param>
    /// <param name="ux">x (or 1D) faces.</param>
    /// <param name="uy">y faces (2D), else empty.</param>
    void Fill(double t, Span<double> ux, Span<double> uy);
}
