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
    {
        Lower = Guard.Finite(lower, nameof(lower));
        Upper = Guard.Finite(upper, nameof(upper));
        if (!(upper > lower))
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"upper must be > lower = {Guard.Fmt(lower)} (got {Guard.Fmt(upper)})");
        if (cells < 3) throw new ArgumentOutOfRangeException(nameof(cells), cells, $"cells must be ≥ 3 (got {cells})");
        if (cells >= Array.MaxLength) // the faces (cells + 1) are one flat array
            throw new ArgumentOutOfRangeException(nameof(cells), cells, $"cells must be < {Array.MaxLength}, the largest array (got {cells})");
        if (!Enum.IsDefined(boundary)) throw new ArgumentOutOfRangeException(nameof(boundary), boundary, $"unknown boundary {boundary}");
        Cells = cells;
        Boundary = boundary;
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

    /// <summary>Boundary condition.</summary>
    public Boundary Boundary { get; }

    /// <summary>The kernel-side description of this grid (plain values that kernels take).</summary>
    /// <returns>The axis.</returns>
    public Axis ToAxis() => new(Lower, H, Cells, (int)Boundary);

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
    public Grid1D Scaled(double factor) => new(Lower, Upper, (int)(Cells * factor), Boundary);
}
