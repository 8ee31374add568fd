namespace FokkerPlanck.Kernels;

/// <summary>Kernel-side description of one grid axis (plain values, ILGPU-compatible).</summary>
public readonly struct Axis
{
    /// <summary>Creates the description with one boundary kind on both sides.</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="h">Cell width.</param>
    /// <param name="n">Number of cells.</param>
    /// <param name="boundary">Boundary kind as an integer (<see cref="ReflectingBoundary"/>, <see cref="PeriodicBoundary"/>, <see cref="AbsorbingBoundary"/>).</param>
    public Axis(double lower, double h, int n, int boundary) : this(lower, h, n, boundary, boundary) { }

    /// <summary>Creates the description with a boundary kind per side (periodic only on both sides).</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="h">Cell width.</param>
    /// <param name="n">Number of cells.</param>
    /// <param name="lowerSide">Boundary kind at the lower edge (face 0).</param>
    /// <param name="upperSide">Boundary kind at the upper edge (face n).</param>
    public Axis(double lower, double h, int n, int lowerSide, int upperSide)
    {
        Lower = lower; H = h; N = n; LowerSide = lowerSide; UpperSide = upperSide;
    }

    /// <summary>Boundary code of a reflecting (no-flux) side; the grids' Boundary.Reflecting has this value.</summary>
    public const int ReflectingBoundary = 0;

    /// <summary>Boundary code of a periodic axis; the grids' Boundary.Periodic has this value.</summary>
    public const int PeriodicBoundary = 1;

    /// <summary>Boundary code of an absorbing (p = 0 outside) side; the grids' Boundary.Absorbing has this value.</summary>
    public const int AbsorbingBoundary = 2;

    /// <summary>Left edge.</summary>
    public double Lower { get; }

    /// <summary>Cell width.</summary>
    public double H { get; }

    /// <summary>Number of cells.</summary>
    public int N { get; }

    /// <summary>Boundary kind at the lower edge (0 reflecting, 1 periodic, 2 absorbing).</summary>
    public int LowerSide { get; }

    /// <summary>Boundary kind at the upper edge (0 reflecting, 1 periodic, 2 absorbing).</summary>
    public int UpperSide { get; }

    /// <summary>Whether the axis wraps (both sides periodic).</summary>
    public bool Periodic => LowerSide == PeriodicBoundary;

    /// <summary>Boundary kind of face k: the lower side's for k ≤ 0, the upper side's otherwise (meant for the edge
    /// faces 0 and N).</summary>
    /// <param name="k">Face index.</param>
    /// <returns>The boundary code.</returns>
    public int Side(int k) => k <= 0 ? LowerSide : UpperSide;

    /// <summary>Centre of cell i (also for ghost indices -1 and N).</summary>
    /// <param name="i">Cell index.</param>
    /// <returns>The centre.</returns>
    public double Center(int i) => Lower + (i + 0.5) * H;
}
