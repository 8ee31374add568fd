namespace FokkerPlanck.Numerics;

/// <summary>
/// Relative slacks used when comparing computed values that should be equal but may differ by round-off. Each is far
/// above the round-off of the comparisons it guards (a few ulp, 1e-16 relative, accumulated over at most ~10⁴ steps:
/// ~1e-13) and far below any difference that means something (snapshot times and step sizes differ by ≥ 1e-9 relative
/// in any run the tool accepts).
/// </summary>
public static class Tolerances
{
    /// <summary>Two times (snapshot, field or end times) are the same time when they differ by at most this fraction of
    /// max(1, |t|) or of the span: times reached by summing steps carry round-off, times from the user do not.</summary>
    public const double TimeMatch = 1e-12;

    /// <summary>A step size is taken as equal to a limit (the stability bound, the remaining interval) when it exceeds
    /// it by at most this fraction: without the slack a step computed as exactly the limit could be rejected or split
    /// by its last bit.</summary>
    public const double StepSlack = 1e-12;

    /// <summary>A step count ⌈interval / h⌉ (or a step index ⌊K·fraction⌋) is rounded as if the quotient were this much
    /// larger (smaller): an interval that is an exact multiple of h must not gain a step from the quotient's last bit,
    /// and 1e-9 is far above that round-off (1e-16 relative times counts up to 10⁷) and far below one step.</summary>
    public const double StepCountSlack = 1e-9;

    /// <summary>A time a user or a figure asks for (typed, or printed with ~10 digits) names the snapshot within this
    /// distance (absolute for times of order 1, else relative): looser than <see cref="TimeMatch"/>, because the asked time
    /// went through text, far tighter than any two snapshots a run keeps apart.</summary>
    public const double TimeLookup = 1e-9;
}
