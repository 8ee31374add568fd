namespace FokkerPlanck.Learned;

/// <summary>
/// Where in x and t a model is wrong: the error density p_t(x) |m_θ − m|²(x) per cell (m the score, or the velocity for
/// a velocity model of a flow-matching path) at some of the judged times; its sum over the cells times the cell volume is
/// the judged E_{p_t} |m_θ − m|² at that time.
/// </summary>
/// <param name="Times">The times held (1D: every judged time; 2D: a few of them).</param>
/// <param name="Density">Per time, the error density per cell (flat, i * ny + j in 2D).</param>
public sealed record ErrorMap(double[] Times, double[][] Density)
{
    // Which judged times (their indices) the rows hold.
    private int[] Indices { get; init; } = [];

    /// <summary>An empty map for the judged times: every one in 1D (a heat map over x and t), four in 2D (one panel each:
    /// t_min, a third and two thirds of the way, T).</summary>
    /// <param name="times">The judged times.</param>
    /// <param name="dimension">The grid's dimension.</param>
    /// <returns>The map, its rows to be filled by <see cref="Row"/>.</returns>
    internal static ErrorMap For(double[] times, int dimension)
    {
        int n = times.Length;
        int[] held = dimension == 1 ? Enumerable.Range(0, n).ToArray() : new[] { 0, (n - 1) / 3, 2 * (n - 1) / 3, n - 1 }.Distinct().ToArray();
        return new ErrorMap(held.Select(k => times[k]).ToArray(), new double[held.Length][]) { Indices = held };
    }

    /// <summary>The row to fill for judged time k (a new array of the given cells), or null when the map does not hold it.</summary>
    /// <param name="k">Index of the judged time.</param>
    /// <param name="cells">Cells of the grid.</param>
    /// <returns>The row, or null.</returns>
    internal double[]? Row(int k, int cells)
    {
        int slot = Array.IndexOf(Indices, k);
        return slot < 0 ? null : Density[slot] = new double[cells];
    }
}
