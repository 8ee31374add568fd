namespace FokkerPlanck.Backends;

/// <summary>Which directional parts of a 2D operator to apply or solve.</summary>
[Flags]
public enum Axes
{
    /// <summary>The x part.</summary>
    X = 1,

    /// <summary>The y part.</summary>
    Y = 2,

    /// <summary>Both parts, summed (x part first).</summary>
    Both = X | Y,
}
