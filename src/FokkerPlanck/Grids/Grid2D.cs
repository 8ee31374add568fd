namespace FokkerPlanck.Grids;

/// <summary>Tensor grid of two <see cref="Grid1D"/>; fields are stored flat with index i * ny + j for (x_i, y_j).</summary>
public sealed class Grid2D
{
    /// <summary>Creates the grid.</summary>
    /// <param name="x">Grid along the first coordinate.</param>
    /// <param name="y">Grid along the second coordinate (its own boundary conditions).</param>
    public Grid2D(Grid1D x, Grid1D y)
    {
        X = x ?? throw new ArgumentNullException(nameof(x));
        Y = y ?? throw new ArgumentNullException(nameof(y));
        // Cells and faces are flat arrays: (nx + 1)(ny + 1) must fit in one.
        if ((long)(x.Cells + 1) * (y.Cells + 1) > Array.MaxLength)
            throw new ArgumentException($"{x.Cells} × {y.Cells} cells exceed the largest array ({Array.MaxLength} values): use fewer cells", "cells");
    }

    /// <summary>First axis.</summary>
    public Grid1D X { get; }

    /// <summary>Second axis.</summary>
    public Grid1D Y { get; }

    /// <summary>Whether both axes wrap (a torus: no walls at all).</summary>
    public bool Periodic => X.Periodic && Y.Periodic;

    /// <summary>Whether some edge absorbs.</summary>
    public bool Absorbing => X.Absorbing || Y.Absorbing;

    /// <summary>Whether every edge reflects.</summary>
    public bool Reflecting => X.Reflecting && Y.Reflecting;

    /// <summary>The boundary conditions in words: one name when all four edges share it, else per axis.</summary>
    public string BoundaryName => X.BoundaryName == Y.BoundaryName ? X.BoundaryName : $"x {X.BoundaryName}; y {Y.BoundaryName}";

    /// <summary>Number of cells.</summary>
    public int Count => X.Cells * Y.Cells;

    /// <summary>Cell area hx hy.</summary>
    public double CellArea => X.H * Y.H;

    /// <summary>Flat index of cell (i, j).</summary>
    /// <param name="i">x index.</param>
    /// <param name="j">y index.</param>
    /// <returns>i * ny + j.</returns>
    public int Index(int i, int j) => i * Y.Cells + j;

    /// <summary>The same grid with the cells of both axes scaled (<see cref="Grid1D.Scaled"/>).</summary>
    /// <param name="factor">Factor on the cells per axis.</param>
    /// <returns>The scaled grid.</returns>
    public Grid2D Scaled(double factor) => new(X.Scaled(factor), Y.Scaled(factor));
}
