namespace FokkerPlanck.Numerics;

/// <summary>
/// An evolution (grid solver, continuity solver or particle run) was stopped because its result would be wrong:
/// non-finite state, step collapse, step budget, mass drift or negative density. The message is one line: what
/// happened, when and where, and the likely cause or fix.
/// </summary>
public sealed class SolverFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cause">What went wrong.</param>
    /// <param name="time">Process time at which it was detected.</param>
    /// <param name="where">Cell (flat index) or particle index, when one is known.</param>
    /// <param name="message">One line: what, when, where and the likely fix.</param>
    public SolverFailureException(FailureCause cause, double time, int? where, string message) : base(message)
    {
        Cause = cause;
        Time = time;
        Where = where;
    }

    /// <summary>What went wrong.</summary>
    public FailureCause Cause { get; }

    /// <summary>Process time at which the failure was detected.</summary>
    public double Time { get; }

    /// <summary>Cell (flat index, i * ny + j in 2D) or particle index, when one is known.</summary>
    public int? Where { get; }
}
