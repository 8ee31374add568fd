namespace FokkerPlanck.Tests.Cli;

/// <summary>
/// Tests that start many CLI child processes run alone, after the parallel tests, so that their children do not
/// compete for the cores with the rest of the tier (their timeouts are hang guards, not speed limits).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "alone";
}
