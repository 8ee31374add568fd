namespace FokkerPlanck.Learned;

/// <summary>
/// Where in x and t a model is wrong: the error density p_t(x) |m_θ − m|²(x) per cell (m the score, or the velocity for
/// a velocity model of a flow-matching path) at some of the judged times; its sum over the cells times the cell volume is
/// the judged E_{p_t} |m_θ − m|² at that time.
/// </summary>
/// <param name="Times">The times held (1D: every judged time; 2D: a few of them).</param>
/// <param name="Density">Per time, the error density per cell (flat, i * ny + j in 2D).</param>
public sealed record ErrorMap(double[] Times, double[][] Density);
