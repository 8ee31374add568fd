namespace FokkerPlanck.Learned;

/// <summary>A velocity field evaluated on a batch of points (interleaved coordinates), as the flow-map laws use it.</summary>
/// <param name="points">Points, d coordinates each.</param>
/// <param name="t">Time.</param>
/// <param name="velocity">Receives the velocity at each point, d components each.</param>
internal delegate void FlowVelocity(ReadOnlySpan<double> points, double t, Span<double> velocity);
