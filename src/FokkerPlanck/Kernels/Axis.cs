namespace FokkerPlanck.Kernels;

/// <summary>Kernel-side description of one grid axis (plain values, ILGPU-compatible).</summary>
public readonly struct Axis
{
    /// <summary>Creates the description.</summary>
    /// <param name="lower">Left edge.</param>
    /// <param name="h">Cell width.</param>
    /// <param name="n">Number of cells.</param>
    /// <param name="boundary">Boundary kind as an integer (<see cref="ReflectingBoundary"/>, <see cref="PeriodicBoundary"/>, <see cref="AbsorbingBoundary"/>).</param>
    public Axis(double lower, double h, int n, int boundary) { Lower = lower; H = h; N = n; Boundary = boundary; }

    /// <summary>Boundary code of a reflecting (no-flux) axis; the grids' Boundary.Reflecting has this value.</summary>
    public const int ReflectingBoundary = 0;

    /// <summary>Boundary code of a periodic axis; the grids' Boundary.Periodic has this value.</summary>
    public const int PeriodicBoundary = 1;

    /// <summary>Boundary code of an absorbing (p = 0 outside) axis; the grids' Boundary.Absorbing has this value.</summary>
    public const int AbsorbingBoundary = 2;

    /// <summary>Left edge.</summary>
    public double Lower { get; }

    /// <summary>Cell width.</summary>
    public double H { get; }

    /// <summary>Number of cells.</summary>
    public int N { get; }

    /// <summary>Boundary kind (0 reflecting, 1 periodic, 2 absorbing).</summary>
    public int Boundary { get; }

    /// <summary>Whether the axis wraps.</summary>
    public bool Periodic => Boundary == PeriodicBoundary;

    /// <summary>Centre of cell i (also for ghost indices -1 and N).</summary>
    /// <param name="i">Cell index.</param>
    /// <returns>The centre.</returns>
    public double Center(int i) => Lower + (i + 0.5) * H;
}
