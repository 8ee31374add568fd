namespace FokkerPlanck.Cli.Sweeps;

/// <summary>An axis of the sweep: one parameter, or several zipped ones that move together. Axes are crossed.</summary>
/// <param name="Parameters">The parameters (one unless zipped), all of <see cref="Length"/> values.</param>
public sealed record SweepAxis(IReadOnlyList<SweepParameter> Parameters)
{
    /// <summary>Number of values along the axis.</summary>
    public int Length => Parameters[0].Values.Count;

    /// <summary>The dimension's name: its first parameter's.</summary>
    public string Name => Parameters[0].Name;
}
