namespace FokkerPlanck.Discretization;

/// <summary>Outcome of <see cref="InitialMassCheck"/>.</summary>
public enum InitialMassVerdict
{
    /// <summary>Lost and unresolved mass are at round-off level.</summary>
    Ok,

    /// <summary>Above round-off but within the tolerance: the run goes ahead with a warning.</summary>
    Warning,

    /// <summary>Above the tolerance: the grid cannot hold the initial density.</summary>
    Error,
}
