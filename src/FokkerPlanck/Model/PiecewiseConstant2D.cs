using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// A density that is constant on the cells of a rectangular table (a tabulated density; the checkerboard of the diffusion
/// literature is one, <see cref="Checkerboard"/>), and its law after the linear map X ↦ m X + sqrt(v) Z
/// (<see cref="ILinearlyEvolvable{TDensity}"/>). Cell (i, j) of the nx × ny table on [xLower, xUpper] × [yLower, yUpper]
/// holds the mass w_ij (the given values normalised to sum 1). Every quantity is exact: the density is
/// Σ w_ij f_i(x) g_j(y) with the smoothed boxes f_i(x) = [Φ((x - m a_i)/s) - Φ((x - m b_i)/s)] / (m (b_i - a_i)),
/// s = sqrt(v); the score is its log-derivative; the cell averages use ∫Φ(u) du = max(u, 0) + H(|u|),
/// H(u) = φ(u) - u (1 - Φ(u)), so that a box's overlap with a cell is exact and only the smooth corrections are
/// differences of small numbers. With v = 0 the density is the table itself (score 0 inside its cells).
/// </summary>
public sealed class PiecewiseConstant2D : IDensity2D, ILinearlyEvolvable<IDensity2D>
{
    /// <summary>Most cells per axis (every evaluation sums over the table).</summary>
    public const int MaxCellsPerAxis = 256;

    private readonly double[,] _w;

    /// <summary>Creates the density from a table of non-negative values (normalised here).</summary>
    /// <param name="xLower">Left edge.</param>
    /// <param name="xUpper">Right edge (&gt; xLower).</param>
    /// <param name="yLower">Lower edge.</param>
    /// <param name="yUpper">Upper edge (&gt; yLower).</param>
    /// <param name="values">values[i, j] for x-cell i and y-cell j: finite, ≥ 0, not all 0.</param>
    public PiecewiseConstant2D(double xLower, double xUpper, double yLower, double yUpper, double[,] values)
        : this(xLower, xUpper, yLower, yUpper, Normalised(values), 1.0, 0.0) { }

    private PiecewiseConstant2D(double xLower, double xUpper, double yLower, double yUpper, double[,] weights, double m, double v)
    {
        if (!(double.IsFinite(xLower) && double.IsFinite(xUpper) && xUpper > xLower))
            throw new ArgumentOutOfRangeException(nameof(xUpper), xUpper, $"the table's x range must be finite with upper > lower (got [{xLower}, {xUpper}])");
        if (!(double.IsFinite(yLower) && double.IsFinite(yUpper) && yUpper > yLower))
            throw new ArgumentOutOfRangeException(nameof(yUpper), yUpper, $"the table's y range must be finite with upper > lower (got [{yLower}, {yUpper}])");
        XLower = xLower; XUpper = xUpper; YLower = yLower; YUpper = yUpper;
        _w = weights;
        M = Guard.Positive(m, nameof(m));
        V = Guard.NonNegative(v, nameof(v));
    }

    /// <summary>The checkerboard: n × n squares covering [-half, half]², those with i + j even filled uniformly (the
    /// default 4 × 4 board on [-2, 2]² has 8 filled squares).</summary>
    /// <param name="squares">Squares per axis, in [2, 64].</param>
    /// <param name="half">Half-width, &gt; 0.</param>
    /// <returns>The board.</returns>
    public static PiecewiseConstant2D Checkerboard(int squares = 4, double half = 2.0)
    {
        if (squares is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(squares), squares, $"squares must be in [2, 64] (got {squares})");
        Guard.Positive(half, nameof(half));
        var t = new double[squares, squares];
        for (int i = 0; i < squares; i++)
            for (int j = 0; j < squares; j++)
                t[i, j] = (i + j) % 2 == 0 ? 1 : 0;
        return new PiecewiseConstant2D(-half, half, -half, half, t);
    }

    private static double[,] Normalised(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int nx = values.GetLength(0), ny = values.GetLength(1);
        if (nx is < 1 or > MaxCellsPerAxis || ny is < 1 or > MaxCellsPerAxis)
            throw new ArgumentOutOfRangeException(nameof(values), $"the table must have 1 to {MaxCellsPerAxis} cells per axis (got {nx} × {ny})");
        double sum = 0;
        foreach (double x in values)
        {
            if (!(x >= 0 && double.IsFinite(x))) throw new ArgumentOutOfRangeException(nameof(values), x, $"table values must be finite and ≥ 0 (got {x})");
            sum += x;
        }
        if (!(sum > 0)) throw new ArgumentOutOfRangeException(nameof(values), "the table's values are all 0");
        var w = new double[nx, ny];
        for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) w[i, j] = values[i, j] / sum;
        return w;
    }

    /// <summary>Cells along x.</summary>
    public int Nx => _w.GetLength(0);

    /// <summary>Cells along y.</summary>
    public int Ny => _w.GetLength(1);

    /// <summary>Left edge of the table (before the map).</summary>
    public double XLower { get; }

    /// <summary>Right edge.</summary>
    public double XUpper { get; }

    /// <summary>Lower edge.</summary>
    public double YLower { get; }

    /// <summary>Upper edge.</summary>
    public double YUpper { get; }

    /// <summary>Mean factor m of the map applied.</summary>
    public double M { get; }

    /// <summary>Added variance v of the map applied.</summary>
    public double V { get; }

    /// <summary>Mass of cell (i, j).</summary>
    /// <param name="i">x index.</param>
    /// <param name="j">y index.</param>
    /// <returns>w_ij.</returns>
    public double Weight(int i, int j) => _w[i, j];

    /// <summary>Edge k (0..n) along an axis, before the map.</summary>
    /// <param name="axis">0: x, 1: y.</param>
    /// <param name="k">Index.</param>
    /// <returns>The edge.</returns>
    public double Edge(int axis, int k) => axis == 0 ? XLower + k * (XUpper - XLower) / Nx : YLower + k * (YUpper - YLower) / Ny;

    /// <inheritdoc />
    public IDensity2D Evolve(double m, double v) => new PiecewiseConstant2D(XLower, XUpper, YLower, YUpper, _w, M * m, m * m * V + v);

    /// <inheritdoc />
    public double Density(double x, double y)
    {
        Span<double> fx = stackalloc double[Nx], fy = stackalloc double[Ny];
        Boxes(0, x, fx, null); Boxes(1, y, fy, null);
        return Sum(fx, fy);
    }

    /// <inheritdoc />
    public double LogDensity(double x, double y) => Math.Log(Density(x, y));

    /// <inheritdoc />
    public (double Sx, double Sy) Score(double x, double y)
    {
        Span<double> fx = stackalloc double[Nx], fy = stackalloc double[Ny];
        Span<double> dx = stackalloc double[Nx], dy = stackalloc double[Ny];
        Boxes(0, x, fx, dx); Boxes(1, y, fy, dy);
        double p = Sum(fx, fy);
        if (p > 0) return (Sum(dx, fy) / p, Sum(fx, dy) / p);
        // Beyond the reach of double precision (p underflows): the Gaussian tail of the nearest edge of the table.
        double s2 = Math.Max(V, 1e-300);
        return (-(x - Math.Clamp(x, M * XLower, M * XUpper)) / s2, -(y - Math.Clamp(y, M * YLower, M * YUpper)) / s2);
    }

    /// <summary>Exact average over the cell [xa, xb] × [ya, yb].</summary>
    /// <param name="xa">Left edge.</param>
    /// <param name="xb">Right edge.</param>
    /// <param name="ya">Lower edge.</param>
    /// <param name="yb">Upper edge.</param>
    /// <returns>The average.</returns>
    public double CellAverage(double xa, double xb, double ya, double yb)
    {
        Span<double> ix = stackalloc double[Nx], iy = stackalloc double[Ny];
        Integrals(0, xa, xb, ix); Integrals(1, ya, yb, iy);
        return Sum(ix, iy) / ((xb - xa) * (yb - ya));
    }

    /// <summary>Mass of the marginal along one axis below x (for domain checks and tests).</summary>
    /// <param name="axis">0: x, 1: y.</param>
    /// <param name="x">Coordinate.</param>
    /// <returns>P(X_axis &lt; x).</returns>
    public double MarginalBelow(int axis, double x)
    {
        int n = axis == 0 ? Nx : Ny, other = axis == 0 ? Ny : Nx;
        double s = Math.Sqrt(V), total = 0;
        for (int k = 0; k < n; k++)
        {
            double mass = 0;
            for (int l = 0; l < other; l++) mass += axis == 0 ? _w[k, l] : _w[l, k];
            if (mass == 0) continue;
            double a = M * Edge(axis, k), b = M * Edge(axis, k + 1);
            double below = Math.Max(x - a, 0) - Math.Max(x - b, 0) + (s == 0 ? 0 : s * (H(Math.Abs(x - a) / s) - H(Math.Abs(x - b) / s)));
            total += mass * Math.Clamp(below / (b - a), 0, 1);
        }
        return Math.Clamp(total, 0, 1);
    }

    /// <summary>The marginal density along one axis at x and its derivative (for the 1D table, <see cref="PiecewiseConstant1D"/>).</summary>
    /// <param name="axis">0: x, 1: y.</param>
    /// <param name="x">Coordinate.</param>
    /// <param name="derivative">d/dx of the marginal density.</param>
    /// <returns>The marginal density.</returns>
    internal double MarginalDensity(int axis, double x, out double derivative)
    {
        int n = axis == 0 ? Nx : Ny;
        Span<double> f = stackalloc double[n], df = stackalloc double[n];
        Boxes(axis, x, f, df);
        double p = 0, d = 0;
        for (int k = 0; k < n; k++)
        {
            double mass = AxisMass(axis, k);
            p += mass * f[k]; d += mass * df[k];
        }
        derivative = d;
        return p;
    }

    /// <summary>The marginal's mass in [a, b] along one axis, exactly.</summary>
    /// <param name="axis">0: x, 1: y.</param>
    /// <param name="a">Lower end.</param>
    /// <param name="b">Upper end.</param>
    /// <returns>The mass.</returns>
    internal double MarginalIntegral(int axis, double a, double b)
    {
        int n = axis == 0 ? Nx : Ny;
        Span<double> r = stackalloc double[n];
        Integrals(axis, a, b, r);
        double s = 0;
        for (int k = 0; k < n; k++) s += AxisMass(axis, k) * r[k];
        return s;
    }

    // The mass of the table's slab k along an axis.
    private double AxisMass(int axis, int k)
    {
        double mass = 0;
        for (int l = 0; l < (axis == 0 ? Ny : Nx); l++) mass += axis == 0 ? _w[k, l] : _w[l, k];
        return mass;
    }

    // Σ_ij w_ij a_i b_j.
    private double Sum(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < Nx; i++)
        {
            if (a[i] == 0) continue;
            double row = 0;
            for (int j = 0; j < Ny; j++) row += _w[i, j] * b[j];
            s += a[i] * row;
        }
        return s;
    }

    // Per cell k along one axis: the smoothed box [Φ((x - m a)/s) - Φ((x - m b)/s)] / (m w) and, when asked, its
    // derivative [φ((x - m a)/s) - φ((x - m b)/s)] / (s m w).
    private void Boxes(int axis, double x, Span<double> f, Span<double> df)
    {
        double s = Math.Sqrt(V);
        for (int k = 0; k < f.Length; k++)
        {
            double a = M * Edge(axis, k), b = M * Edge(axis, k + 1), mw = b - a;
            if (s == 0)
            {
                f[k] = x >= a && x < b ? 1 / mw : 0;
                if (!df.IsEmpty) df[k] = 0;
                continue;
            }
            double ua = (x - a) / s, ub = (x - b) / s;
            f[k] = SpecialFunctions.NormalInterval(ub, ua) / mw;
            if (!df.IsEmpty) df[k] = (Phi(ua) - Phi(ub)) / (s * mw);
        }
    }

    // Per cell k: ∫_{xa}^{xb} of the smoothed box, exactly: the overlap of [xa, xb] with [m a, m b] plus s times the
    // H-corrections, over m w.
    private void Integrals(int axis, double xa, double xb, Span<double> r)
    {
        double s = Math.Sqrt(V);
        for (int k = 0; k < r.Length; k++)
        {
            double a = M * Edge(axis, k), b = M * Edge(axis, k + 1);
            double overlap = Math.Max(0, Math.Min(xb, b) - Math.Max(xa, a));
            double corr = s == 0 ? 0
                : s * (H(Math.Abs((xb - a) / s)) - H(Math.Abs((xa - a) / s)) - H(Math.Abs((xb - b) / s)) + H(Math.Abs((xa - b) / s)));
            r[k] = (overlap + corr) / (b - a);
        }
    }

    private static double Phi(double u) => Math.Exp(-0.5 * u * u) / Math.Sqrt(2 * Math.PI);

    // H(u) = φ(u) - u Q(u) for u ≥ 0, with Q(u) = ½ erfcx(u/√2) e^{-u²/2}: e^{-u²/2} [1/√(2π) - u erfcx(u/√2) / 2].
    private static double H(double u)
    {
        if (u > 38) return 0;
        return Math.Exp(-0.5 * u * u) * (1 / Math.Sqrt(2 * Math.PI) - 0.5 * u * SpecialFunctions.Erfcx(u / Math.Sqrt(2)));
    }
}
