namespace FokkerPlanck.Cli;

/// <summary>Exit codes of the tool.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A run failed for a reason other than its input.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: invalid scenario, option or argument. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Numerical failure: the run was stopped because its result would be wrong (NaN or infinity in the state,
    /// step-size collapse, step budget exceeded, mass drift on a conserving domain, negative density beyond round-off);
    /// see <see cref="Numerics.SolverFailureException"/>. Nothing was written.</summary>
    public const int NumericalFailure = 3;

    /// <summary>Interrupted (Ctrl-C). Nothing was written.</summary>
    public const int Cancelled = 130;
}
