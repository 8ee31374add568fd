namespace FokkerPlanck.Kernels.Grid;

/// <summary>
/// Kernel functor (ILGPU-compatible: a readonly struct, no allocation, no references): the drift component normal
/// to a cell face between the centres xl and xr, at time t. auxL/auxR are per-cell values the solver tabulates
/// once (for gradient drifts: log π at the two centres; zero otherwise).
/// </summary>
public interface IFaceDrift1D
{
    /// <summary>Drift at the face between centres xl &lt; xr.</summary>
    /// <param name="xl">Left centre.</param>
    /// <param name="xr">Right centre.</param>
    /// <param name="auxL">Tabulated value at the left cell.</param>
    /// <param name="auxR">Tabulated value at the right cell.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    double Face(double xl, double xr, double auxL, double auxR, double t);
}

/// <summary>2D kernel functor: x-component at x-faces and y-component at y-faces (see <see cref="IFaceDrift1D"/>).</summary>
public interface IFaceDrift2D
{
    /// <summary>x-drift at the face between (xl, y) and (xr, y).</summary>
    /// <param name="xl">Left centre.</param>
    /// <param name="xr">Right centre.</param>
    /// <param name="y">Row coordinate.</param>
    /// <param name="auxL">Tabulated value at the left cell.</param>
    /// <param name="auxR">Tabulated value at the right cell.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    double FaceX(double xl, double xr, double y, double auxL, double auxR, double t);

    /// <summary>y-drift at the face between (x, yl) and (x, yr).</summary>
    /// <param name="x">Column coordinate.</param>
    /// <param name="yl">Lower centre.</param>
    /// <param name="yr">Upper centre.</param>
    /// <param name="auxL">Tabulated value at the lower cell.</param>
    /// <param name="auxR">Tabulated value at the upper cell.</param>
    /// <param name="t">Time.</param>
    /// <returns>The face drift.</returns>
    double FaceY(double x, double yl, double yr, double auxL, double auxR, double t);
}

/// <summary>A user drift f(x, t) in 1D, evaluated pointwise (ILGPU-compatible struct).</summary>
public interface IDrift1D
{
    /// <summary>f(x, t).</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time.</param>
    /// <returns>The drift.</returns>
    double Drift(double x, double t);
}

/// <summary>A user drift f(x, y, t) in 2D, evaluated pointwise (ILGPU-compatible struct).</summary>
public interface IDrift2D
{
    /// <summary>x-component.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <returns>f_x.</returns>
    double DriftX(double x, double y, double t);

    /// <summary>y-component.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <returns>f_y.</returns>
    double DriftY(double x, double y, double t);
}

/// <summary>f = Scale ∇ log π with log π tabulated at the cell centres (aux); face value Scale Δlog π / Δx.</summary>
public readonly struct GradientDrift : IFaceDrift1D, IFaceDrift2D, IAutonomousDrift
{
    /// <summary>Creates the functor.</summary>
    /// <param name="scale">Factor in front of ∇ log π (½ sigma² for Langevin).</param>
    public GradientDrift(double scale) { Scale = scale; }

    /// <summary>Factor in front of ∇ log π.</summary>
    public double Scale { get; }

    /// <summary>Always true: a fixed potential's gradient.</summary>
    public bool IsAutonomous => true;

    /// <inheritdoc />
    public double Face(double xl, double xr, double auxL, double auxR, double t) => Scale * (auxR - auxL) / (xr - xl);

    /// <inheritdoc />
    public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => Scale * (auxR - auxL) / (xr - xl);

    /// <inheritdoc />
    public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => Scale * (auxR - auxL) / (yr - yl);
}

/// <summary>A drift tabulated at the cell centres (aux): the face value is the mean of the two centres. Used for drifts
/// that come from grid fields, e.g. the reverse-time drift -f + g² s.</summary>
public readonly struct CellMeanDrift : IFaceDrift1D, IFaceDrift2D
{
    /// <inheritdoc />
    public double Face(double xl, double xr, double auxL, double auxR, double t) => 0.5 * (auxL + auxR);

    /// <inheritdoc />
    public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => 0.5 * (auxL + auxR);

    /// <inheritdoc />
    public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => 0.5 * (auxL + auxR);
}

/// <summary>Adapts a pointwise user drift to faces by evaluating it at the face midpoint.</summary>
/// <typeparam name="TDrift">The user's drift struct.</typeparam>
public readonly struct MidpointFaceDrift1D<TDrift> : IFaceDrift1D where TDrift : struct, IDrift1D
{
    private readonly TDrift _drift;

    /// <summary>Wraps a drift.</summary>
    /// <param name="drift">The user's drift.</param>
    public MidpointFaceDrift1D(TDrift drift) { _drift = drift; }

    /// <inheritdoc />
    public double Face(double xl, double xr, double auxL, double auxR, double t) => _drift.Drift(0.5 * (xl + xr), t);
}

/// <summary>Adapts a pointwise 2D user drift to faces by evaluating it at the face midpoint.</summary>
/// <typeparam name="TDrift">The user's drift struct.</typeparam>
public readonly struct MidpointFaceDrift2D<TDrift> : IFaceDrift2D where TDrift : struct, IDrift2D
{
    private readonly TDrift _drift;

    /// <summary>Wraps a drift.</summary>
    /// <param name="drift">The user's drift.</param>
    public MidpointFaceDrift2D(TDrift drift) { _drift = drift; }

    /// <inheritdoc />
    public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => _drift.DriftX(0.5 * (xl + xr), y, t);

    /// <inheritdoc />
    public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => _drift.DriftY(x, 0.5 * (yl + yr), t);
}
