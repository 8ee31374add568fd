using FokkerPlanck.Numerics;

namespace FokkerPlanck.Model;

/// <summary>
/// The checkerboard of the diffusion literature: n × n squares of side w = 2 half / n covering [-half, half]², the
/// squares (i, j) with i + j even filled with a uniform density (the default 4 × 4 board on [-2, 2]² has 8 filled squares),
/// and its law after the linear map X ↦ m X + sqrt(v) Z (<see cref="ILinearlyEvolvable{TDensity}"/>). Every quantity is
/// exact: the density is a sum over the filled squares of products of smoothed box functions
/// [Φ((x - m a)/s) - Φ((x - m b)/s)] / (m w), s = sqrt(v); the score is its log-derivative; the cell averages use
/// ∫Φ(u) du = max(u, 0) + H(|u|), H(u) = φ(u) - u (1 - Φ(u)), so that the box's overlap with the cell is exact and only
/// the smooth corrections are differences of small numbers. With v = 0 the density is the piecewise-constant board (score 0
/// inside the squares).
/// </summary>
public sealed class Checkerboard2D : IDensity2D, ILinearlyEvolvable<IDensity2D>
{
    private readonly bool[,] _filled;
    private readonly int _count;

    /// <summary>Creates the board.</summary>
    /// <param name="squares">Squares per axis, ≥ 2 (default 4).</param>
    /// <param name="half">Half-width of the board, &gt; 0 (default 2).</param>
    public Checkerboard2D(int squares = 4, double half = 2.0) : this(squares, half, 1.0, 0.0) { }

    private Checkerboard2D(int squares, double half, double m, double v)
    {
        if (squares is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(squares), squares, $"squares must be in [2, 64] (got {squares})");
        Half = Guard.Positive(half, nameof(half));
        Squares = squares;
        M = Guard.Positive(m, nameof(m));
        V = Guard.NonNegative(v, nameof(v));
        _filled = new bool[squares, squares];
        for (int i = 0; i < squares; i++)
            for (int j = 0; j < squares; j++)
                if ((i + j) % 2 == 0) { _filled[i, j] = true; _count++; }
    }

    /// <summary>Squares per axis.</summary>
    public int Squares { get; }

    /// <summary>Half-width of the board at time 0.</summary>
    public double Half { get; }

    /// <summary>Mean factor of the map applied (1 for the board itself).</summary>
    public double M { get; }

    /// <summary>Added variance of the map applied (0 for the board itself).</summary>
    public double V { get; }

    /// <summary>Side of a square at time 0.</summary>
    public double Side => 2 * Half / Squares;

    /// <summary>Number of filled squares.</summary>
    public int Filled => _count;

    /// <summary>Whether square (i, j) is filled.</summary>
    /// <param name="i">Column (x).</param>
    /// <param name="j">Row (y).</param>
    /// <returns>True when filled.</returns>
    public bool IsFilled(int i, int j) => _filled[i, j];

    /// <summary>Lower edge of square k along an axis (time 0).</summary>
    /// <param name="k">Index.</param>
    /// <returns>-half + k w.</returns>
    public double Edge(int k) => -Half + k * Side;

    /// <inheritdoc />
    public IDensity2D Evolve(double m, double v) => new Checkerboard2D(Squares, Half, M * m, m * m * V + v);

    /// <inheritdoc />
    public double Density(double x, double y)
    {
        Span<double> fx = stackalloc double[Squares], fy = stackalloc double[Squares];
        Boxes(x, fx, null); Boxes(y, fy, null);
        return Sum(fx, fy);
    }

    /// <inheritdoc />
    public double LogDensity(double x, double y) => Math.Log(Density(x, y));

    /// <inheritdoc />
    public (double Sx, double Sy) Score(double x, double y)
    {
        Span<double> fx = stackalloc double[Squares], fy = stackalloc double[Squares];
        Span<double> dx = stackalloc double[Squares], dy = stackalloc double[Squares];
        Boxes(x, fx, dx); Boxes(y, fy, dy);
        double p = Sum(fx, fy);
        if (p > 0) return (Sum(dx, fy) / p, Sum(fx, dy) / p);
        // Beyond the reach of double precision (p underflows): the Gaussian tail of the nearest edge of the board.
        double s2 = Math.Max(V, 1e-300), lo = M * -Half, hi = M * Half;
        return (-(x - Math.Clamp(x, lo, hi)) / s2, -(y - Math.Clamp(y, lo, hi)) / s2);
    }

    /// <inheritdoc />
    public double CellAverage(double xa, double xb, double ya, double yb)
    {
        Span<double> ix = stackalloc double[Squares], iy = stackalloc double[Squares];
        Integrals(xa, xb, ix); Integrals(ya, yb, iy);
        return Sum(ix, iy) / ((xb - xa) * (yb - ya));
    }

    // Σ over filled (i, j) of a[i] b[j], over the filled count.
    private double Sum(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < Squares; i++)
        {
            if (a[i] == 0) continue;
            double row = 0;
            for (int j = 0; j < Squares; j++) if (_filled[i, j]) row += b[j];
            s += a[i] * row;
        }
        return s / _count;
    }

    // Per square k along one axis: the smoothed box [Φ((x - m a)/s) - Φ((x - m b)/s)] / (m w) and, when asked, its
    // derivative [φ((x - m a)/s) - φ((x - m b)/s)] / (s m w).
    private void Boxes(double x, Span<double> f, Span<double> df)
    {
        double mw = M * Side, s = Math.Sqrt(V);
        for (int k = 0; k < Squares; k++)
        {
            double a = M * Edge(k), b = M * Edge(k + 1);
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

    // Per square k: ∫_{xa}^{xb} of the smoothed box, exactly: the overlap of [xa, xb] with [m a, m b] plus s times the
    // H-corrections, over m w.
    private void Integrals(double xa, double xb, Span<double> r)
    {
        double mw = M * Side, s = Math.Sqrt(V);
        for (int k = 0; k < Squares; k++)
        {
            double a = M * Edge(k), b = M * Edge(k + 1);
            double overlap = Math.Max(0, Math.Min(xb, b) - Math.Max(xa, a));
            double corr = s == 0 ? 0
                : s * (H(Math.Abs((xb - a) / s)) - H(Math.Abs((xa - a) / s)) - H(Math.Abs((xb - b) / s)) + H(Math.Abs((xa - b) / s)));
            r[k] = (overlap + corr) / mw;
        }
    }

    /// <summary>Mass of the marginal along one axis below x (for domain checks).</summary>
    /// <param name="axis">0: x, 1: y.</param>
    /// <param name="x">Coordinate.</param>
    /// <returns>P(X_axis &lt; x).</returns>
    public double MarginalBelow(int axis, double x)
    {
        double mw = M * Side, s = Math.Sqrt(V), total = 0;
        for (int k = 0; k < Squares; k++)
        {
            int filled = 0;
            for (int l = 0; l < Squares; l++) if (axis == 0 ? _filled[k, l] : _filled[l, k]) filled++;
            if (filled == 0) continue;
            double a = M * Edge(k), b = M * Edge(k + 1);
            double below = Math.Max(x - a, 0) - Math.Max(x - b, 0) + (s == 0 ? 0 : s * (H(Math.Abs(x - a) / s) - H(Math.Abs(x - b) / s)));
            total += (double)filled / _count * Math.Clamp(below / mw, 0, 1);
        }
        return Math.Clamp(total, 0, 1);
    }

    private static double Phi(double u) => Math.Exp(-0.5 * u * u) / Math.Sqrt(2 * Math.PI);

    // H(u) = φ(u) - u Q(u) for u ≥ 0, with Q(u) = ½ erfcx(u/√2) e^{-u²/2}: e^{-u²/2} [1/√(2π) - u erfcx(u/√2) / 2].
    private static double H(double u)
    {
        if (u > 38) return 0;
        return Math.Exp(-0.5 * u * u) * (1 / Math.Sqrt(2 * Math.PI) - 0.5 * u * SpecialFunctions.Erfcx(u / Math.Sqrt(2)));
    }
}
