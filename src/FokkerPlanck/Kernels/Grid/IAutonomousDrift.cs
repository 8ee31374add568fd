namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Optional capability of a face-drift functor: it says whether its value is the same at every time. The operators then
/// compute the face rates once per diffusion value instead of at every stage time (same bits: the rates are recomputed
/// from the same inputs). Functors that do not implement it are treated as time-dependent.
/// </summary>
public interface IAutonomousDrift
{
    /// <summary>True when the drift does not depend on t.</summary>
    bool IsAutonomous { get; }
}
