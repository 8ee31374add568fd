using System.Globalization;
using FokkerPlanck.Grids;

namespace FokkerPlanck.Fields;

/// <summary>What one wall did to a solution (see <see cref="WallInfluence"/>).</summary>
/// <param name="Axis">0 for x, 1 for y.</param>
/// <param name="Upper">Whether it is the upper bound of the axis.</param>
/// <param name="Position">Where the wall is.</param>
/// <param name="Boundary">Reflecting or absorbing.</param>
/// <param name="Depth">How far from the wall the influence reaches (to the far side of the farthest influenced cell).</param>
/// <param name="Density">Largest density change of its cells, relative to the widened solve's maximum.</param>
/// <param name="Score">Largest score change, max |Δ| / (1 + |F|), of its cells that both solves trust.</param>
/// <param name="Velocity">Largest PF-velocity change, likewise.</param>
/// <param name="Cells">Cells (over all snapshots) it made untrusted that the trust weight alone trusted.</param>
/// <param name="SuggestedBound">Where to move the bound: out by the influenced width plus a margin (<see cref="WallInfluence.MarginFraction"/>).</param>
public sealed record WallReport(int Axis, bool Upper, double Position, Boundary Boundary, double Depth, double Density, double Score,
    double Velocity, long Cells, double SuggestedBound)
{
    /// <summary>The scenario key of the bound, e.g. grid.upper[0].</summary>
    public string BoundKey => $"grid.{(Upper ? "upper" : "lower")}[{Axis}]";

    /// <summary>One-line warning.</summary>
    public string Message
    {
        get
        {
            static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
            static string P(double v) => (100 * v).ToString(v >= 0.01 ? "F0" : "G2", CultureInfo.InvariantCulture) + " %";
            string name = Axis == 0 ? "x" : "y";
            string density = Density.ToString("E1", CultureInfo.InvariantCulture), cells = Cells.ToString(CultureInfo.InvariantCulture);
            string widen = (100 * WallInfluence.WideningFraction).ToString("G3", CultureInfo.InvariantCulture) + " %";
            return $"the {Boundary.ToString().ToLowerInvariant()} wall at {name} = {G(Position)} changes the score by up to {P(Score)}, " +
                   $"the PF velocity by up to {P(Velocity)} and the density by up to {density} of its maximum within {G(Depth)} of it " +
                   $"(against a solve on a domain widened by {widen} per side; {cells} cells untrusted): " +
                   $"move {BoundKey} to at least {G(SuggestedBound)}" +
                   (Boundary == Boundary.Absorbing ? " if the wall stands in for an unbounded domain (an absorbing wall that is part of the problem keeps its cells untrusted)" : "");
        }
    }
}
