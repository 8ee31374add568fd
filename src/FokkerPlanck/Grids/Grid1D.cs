using FokkerPlanck.Kernels;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Grids;

/// <summary>Uniform cell-centred grid: cell i covers [lower + i h, lower + (i + 1) h], centre lower + (i + ½) h.</summary>
public sealed class Grid1D
{
    /// <summary>Creates the grid.</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="upper">Right edge, &gt; lower.</param>
    /// <param name="cells">Number of cells, ≥ 3.</param>
    /// <param name="boundary">Boundary condition at both edges.</param>
    public Grid1D(double lower, double upper, int cells, Boundary boundary = Boundary.Reflecting)
        : this(lower, upper, cells, boundary, boundary) { }

    /// <summary>Creates the grid with a boundary condition per edge (reflecting or absorbing each; periodic only on
    /// both).</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="upper">Right edge, &gt; lower.</param>
    /// <param name="cells">Number of cells, ≥ 3.</param>
    /// <param name="lowerBoundary">Boundary condition at the left edge.</param>
    /// <param name="upperBoundary">Boundary condition at the right edge.</param>
    public Grid1D(double lower, double upper, int cells, Boundary lowerBoundary, Boundary upperBoundary)
    {
        Lower = Guard.Finite(lower, nameof(lower));
        Upper = Guard.Finite(upper, nameof(upper));
        if (!(upper > lower))
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"upper must be > lower = {Guard.Fmt(lower)} (got {Guard.Fmt(upper)})");
        if (cells < 3) throw new ArgumentOutOfRangeException(nameof(cells), cells, $"cells must be ≥ 3 (got {cells})");
        if (cells >= Array.MaxLength) // the faces (cells + 1) are one flat array
            throw new ArgumentOutOfRangeException(nameof(cells), cells, $"cells must be < {Array.MaxLength}, the largest array (got {cells})");
        if (!Enum.IsDefined(lowerBoundary)) throw new ArgumentOutOfRangeException(nameof(lowerBoundary), lowerBoundary, $"unknown boundary {lowerBoundary}");
        if (!Enum.IsDefined(upperBoundary)) throw new ArgumentOutOfRangeException(nameof(upperBoundary), upperBoundary, $"unknown boundary {upperBoundary}");
        if ((lowerBoundary == Boundary.Periodic) != (upperBoundary == Boundary.Periodic))
            throw new ArgumentException($"a periodic axis is periodic on both sides (got {Name(lowerBoundary)} at the lower edge and {Name(upperBoundary)} at the upper one)", nameof(upperBoundary));
        Cells = cells;
        LowerBoundary = lowerBoundary;
        UpperBoundary = upperBoundary;
        H = (upper - lower) / cells;
    }

    /// <summary>Left edge.</summary>
    public double Lower { get; }

    /// <summary>Right edge.</summary>
    public double Upper { get; }

    /// <summary>Number of cells.</summary>
    public int Cells { get; }

    /// <summary>Cell width.</summary>
    public double H { get; }

    /// <summary>Boundary condition at the left edge.</summary>
    public Boundary LowerBoundary { get; }

    /// <summary>Boundary condition at the right edge.</summary>
    public Boundary UpperBoundary { get; }

    /// <summary>Whether the axis wraps around (both sides periodic).</summary>
    public bool Periodic => LowerBoundary == Boundary.Periodic;

    /// <summary>Whether some edge absorbs (mass may leave the domain).</summary>
    public bool Absorbing => LowerBoundary == Boundary.Absorbing || UpperBoundary == Boundary.Absorbing;

    /// <summary>Whether both edges reflect (no flux anywhere: mass is conserved and time-independent drifts have a
    /// stationary density).</summary>
    public bool Reflecting => LowerBoundary == Boundary.Reflecting && UpperBoundary == Boundary.Reflecting;

    /// <summary>The boundary condition of one edge.</summary>
    /// <param name="upper">The right edge (true) or the left one.</param>
    /// <returns>Its condition.</returns>
    public Boundary Side(bool upper) => upper ? UpperBoundary : LowerBoundary;

    /// <summary>The boundary conditions in words: one name when both edges share it, else "lower absorbing, upper
    /// reflecting".</summary>
    public string BoundaryName => LowerBoundary == UpperBoundary
        ? Name(LowerBoundary) : $"lower {Name(LowerBoundary)}, upper {Name(UpperBoundary)}";

    /// <summary>The kernel-side description of this grid (plain values that kernels take).</summary>
    /// <returns>The axis.</returns>
    public Axis ToAxis() => new(Lower, H, Cells, (int)LowerBoundary, (int)UpperBoundary);

    /// <summary>An axis with other bounds and cells and this one's boundary conditions (widened and refined grids).</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="upper">Right edge.</param>
    /// <param name="cells">Number of cells.</param>
    /// <returns>The new axis.</returns>
    public Grid1D With(double lower, double upper, int cells) => new(lower, upper, cells, LowerBoundary, UpperBoundary);

    /// <summary>The lower-case name of a boundary condition, as scenario files spell it.</summary>
    /// <param name="b">The condition.</param>
    /// <returns>"reflecting", "periodic" or "absorbing".</returns>
    public static string Name(Boundary b) => b.ToString().ToLowerInvariant();

    /// <summary>Centre of cell i.</summary>
    /// <param name="i">Cell index (may lie outside 0..Cells-1 for ghost cells).</param>
    /// <returns>lower + (i + ½) h.</returns>
    public double Center(int i) => Lower + (i + 0.5) * H;

    /// <summary>Left edge of cell i.</summary>
    /// <param name="i">Cell index.</param>
    /// <returns>lower + i h.</returns>
    public double Edge(int i) => Lower + i * H;

    /// <summary>All cell centres.</summary>
    /// <returns>A new array of length Cells.</returns>
    public double[] Centers() => Enumerable.Range(0, Cells).Select(Center).ToArray();

    /// <summary>The same axis (bounds, boundary) with its cell count scaled: companion and refined grids.</summary>
    /// <param name="factor">Factor on the cells (0.5, 2, 3, 4; the count is truncated to an integer).</param>
    /// <returns>The scaled axis.</returns>
    public Grid1D Scaled(double factor) => With(Lower, Upper, (int)(Cells * factor));
}
