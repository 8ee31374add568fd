using FokkerPlanck.Grids;

namespace FokkerPlanck.Discretization.Kernels;

/// <summary>Kernel-side description of one grid axis (plain values, ILGPU-compatible).</summary>
public readonly struct Axis
{
    /// <summary>Creates the description.</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="h">Cell width.</param>
    /// <param name="n">Number of cells.</param>
    /// <param name="boundary">Boundary kind as an integer (<see cref="Boundary"/>).</param>
    public Axis(double lower, double h, int n, int boundary) { Lower = lower; H = h; N = n; Boundary = boundary; }

    /// <summary>From a grid.</summary>
    /// <param name="g">The grid.</param>
    /// <returns>The axis.</returns>
    public static Axis Of(Grid1D g) => new(g.Lower, g.H, g.Cells, (int)g.Boundary);

    /// <summary>Left edge.</summary>
    public double Lower { get; }

    /// <summary>Cell width.</summary>
    public double H { get; }

    /// <summary>Number of cells.</summary>
    public int N { get; }

    /// <summary>Boundary kind (0 reflecting, 1 periodic, 2 absorbing).</summary>
    public int Boundary { get; }

    /// <summary>Whether the axis wraps.</summary>
    public bool Periodic => Boundary == (int)Grids.Boundary.Periodic;

    /// <summary>Centre of cell i (also for ghost indices -1 and N).</summary>
    /// <param name="i">Cell index.</param>
    /// <returns>The centre.</returns>
    public double Center(int i) => Lower + (i + 0.5) * H;
}
