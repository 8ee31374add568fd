namespace FokkerPlanck.Fields;

/// <summary>
/// Point evaluation of grid fields at any (x, t) inside the domain: the score (and trust weight) by linear (1D) /
/// bilinear (2D) interpolation between cell centres — order 2 in h — and cubic Lagrange interpolation over the four
/// nearest snapshots in time — order 4 in the snapshot spacing (quadratic or linear when fewer snapshots exist);
/// the PF velocity is then f(x, t) - ½ g(t)² s, so every drift below is consistent with it. Points between the edge
/// centre and the domain edge take the edge cell's value (periodic grids wrap). Also gives every drift that shares the marginals
/// (docs/conventions.md): forward lambda-family f + ½(λ - 1) g² s and, in the reverse clock τ = T - t,
/// -f + ½(1 + λ) g² s. Thread-safe; counts the samples that used the trust-region fallback.
/// </summary>
public sealed class FieldSampler
{
    private readonly GridFields _f;
    private long _samples, _fallbacks;

    /// <summary>Wraps fields.</summary>
    /// <param name="fields">Grid fields.</param>
    public FieldSampler(GridFields fields)
    {
        _f = fields ?? throw new ArgumentNullException(nameof(fields));
        // Its velocity and drifts use g(t)²: a position-dependent diffusion would come out NaN.
        if (fields.Process is Model.PointProcess { PositionDependentDiffusion: true })
            throw new ArgumentException("sampling the fields of a process with a position-dependent diffusion at points is not supported yet (its " +
                "velocity needs D(x) and its gradient); the grid fields themselves are written by solve", nameof(fields));
    }

    /// <summary>Samples taken so far.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Samples whose trust weight was below 1 (the fallback contributed).</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>First snapshot time.</summary>
    public double Start => _f.Times[0];

    /// <summary>Last snapshot time (T).</summary>
    public double End => _f.Times[^1];

    /// <summary>Fields at (x, t) in 1D.</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time in [Start, End].</param>
    /// <returns>The sample.</returns>
    public FieldSample At(double x, double t)
    {
        var g = _f.Solution.Grid1 ?? throw new InvalidOperationException("the fields are 2D: use At(x, y, t)");
        var (i0, i1, a) = Bracket(x, g.Lower, g.H, g.Cells, g.Periodic);
        double s = 0, w = 0;
        foreach (var (k, c) in TimeWeights(t))
        {
            double[] S = _f.Score[k], W = _f.Weight[k];
            s += c * ((1 - a) * S[i0] + a * S[i1]);
            w += c * ((1 - a) * W[i0] + a * W[i1]);
        }
        return Count(new FieldSample(s, 0, DriftOf(x, t) - _f.Process.Diffusion(t) * s, 0, Math.Clamp(w, 0, 1)));
    }

    /// <summary>Fields at (x, y, t) in 2D.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <returns>The sample.</returns>
    public FieldSample At(double x, double y, double t)
    {
        var g = _f.Solution.Grid2 ?? throw new InvalidOperationException("the fields are 1D: use At(x, t)");
        bool px = g.X.Periodic, py = g.Y.Periodic;
        var (i0, i1, a) = Bracket(x, g.X.Lower, g.X.H, g.X.Cells, px);
        var (j0, j1, b) = Bracket(y, g.Y.Lower, g.Y.H, g.Y.Cells, py);
        int ny = g.Y.Cells;
        double Bi(double[] f) => (1 - a) * ((1 - b) * f[i0 * ny + j0] + b * f[i0 * ny + j1]) + a * ((1 - b) * f[i1 * ny + j0] + b * f[i1 * ny + j1]);
        double sx = 0, sy = 0, w = 0;
        foreach (var (k, c) in TimeWeights(t))
        {
            sx += c * Bi(_f.Score[k]); sy += c * Bi(_f.ScoreY![k]);
            w += c * Bi(_f.Weight[k]);
        }
        Span<double> f = stackalloc double[2];
        _f.Process.Drift([x, y], t, f);
        double d = _f.Process.Diffusion(t);
        return Count(new FieldSample(sx, sy, f[0] - d * sx, f[1] - d * sy, Math.Clamp(w, 0, 1)));
    }

    /// <summary>Density at (x, t) in 1D by the same rule as the score: linear between the cell averages at the centres,
    /// cubic Lagrange in time (order 2 in h: cell averages and point values differ by O(h²)). Not counted in <see cref="Samples"/>.</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time in [Start, End].</param>
    /// <returns>The interpolated density.</returns>
    public double Density(double x, double t)
    {
        var g = _f.Solution.Grid1 ?? throw new InvalidOperationException("the fields are 2D: use Density(x, y, t)");
        var (i0, i1, a) = Bracket(x, g.Lower, g.H, g.Cells, g.Periodic);
        double p = 0;
        foreach (var (k, c) in TimeWeights(t)) p += c * ((1 - a) * _f.Solution.Densities[k][i0] + a * _f.Solution.Densities[k][i1]);
        return p;
    }

    /// <summary>Density at (x, y, t) in 2D: bilinear between the cell averages, cubic Lagrange in time.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <returns>The interpolated density.</returns>
    public double Density(double x, double y, double t)
    {
        var g = _f.Solution.Grid2 ?? throw new InvalidOperationException("the fields are 1D: use Density(x, t)");
        bool px = g.X.Periodic, py = g.Y.Periodic;
        var (i0, i1, a) = Bracket(x, g.X.Lower, g.X.H, g.X.Cells, px);
        var (j0, j1, b) = Bracket(y, g.Y.Lower, g.Y.H, g.Y.Cells, py);
        int ny = g.Y.Cells;
        double p = 0;
        foreach (var (k, c) in TimeWeights(t))
        {
            double[] f = _f.Solution.Densities[k];
            p += c * ((1 - a) * ((1 - b) * f[i0 * ny + j0] + b * f[i0 * ny + j1]) + a * ((1 - b) * f[i1 * ny + j0] + b * f[i1 * ny + j1]));
        }
        return p;
    }

    /// <summary>Estimated error of interpolating between the cell centres at (x, t) in 1D, from the second differences
    /// Δ² at the two bracketing centres of the nearest snapshot: the linear interpolant errs by a(1 - a) h² |F''| / 2 at
    /// fraction a between centres, and a cell average differs from the point value by h² |p''| / 24. These leading-order
    /// terms are doubled (<see cref="InterpolationSafety"/>) to cover the higher-order ones.</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time.</param>
    /// <returns>Absolute error estimates of the density and of the score.</returns>
    public (double Density, double Score) InterpolationError(double x, double t)
    {
        var g = _f.Solution.Grid1 ?? throw new InvalidOperationException("the fields are 2D: use InterpolationError(x, y, t)");
        bool periodic = g.Periodic;
        var (i0, i1, a) = Bracket(x, g.Lower, g.H, g.Cells, periodic);
        int k = Nearest(t);
        double[] p = _f.Solution.Densities[k], sc = _f.Score[k];
        double d2p = Math.Max(Second(p, i0, 1, g.Cells, periodic, 0), Second(p, i1, 1, g.Cells, periodic, 0));
        double d2s = Math.Max(Second(sc, i0, 1, g.Cells, periodic, 0), Second(sc, i1, 1, g.Cells, periodic, 0));
        double w = 0.5 * a * (1 - a);
        return (InterpolationSafety * (w + 1.0 / 24) * d2p, InterpolationSafety * w * d2s);
    }

    /// <summary>Estimated interpolation error at (x, y, t) in 2D: the 1D estimate along each axis, summed (bilinear).</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <returns>Absolute error estimates of the density and of the score (largest component).</returns>
    public (double Density, double Score) InterpolationError(double x, double y, double t)
    {
        var g = _f.Solution.Grid2 ?? throw new InvalidOperationException("the fields are 1D: use InterpolationError(x, t)");
        bool px = g.X.Periodic, py = g.Y.Periodic;
        var (i0, i1, a) = Bracket(x, g.X.Lower, g.X.H, g.X.Cells, px);
        var (j0, j1, b) = Bracket(y, g.Y.Lower, g.Y.H, g.Y.Cells, py);
        int k = Nearest(t), ny = g.Y.Cells, nx = g.X.Cells;
        double wa = 0.5 * a * (1 - a), wb = 0.5 * b * (1 - b);
        double Err(double[] f, double cellTerm)
        {
            double dx = 0, dy = 0;
            foreach (int i in (int[])[i0, i1])
                foreach (int j in (int[])[j0, j1])
                {
                    dx = Math.Max(dx, Second(f, i, ny, nx, px, j));
                    dy = Math.Max(dy, Second(f, j, 1, ny, py, i * ny));
                }
            return (wa + cellTerm) * dx + (wb + cellTerm) * dy;
        }
        double es = Math.Max(Err(_f.Score[k], 0), Err(_f.ScoreY![k], 0));
        return (InterpolationSafety * Err(_f.Solution.Densities[k], 1.0 / 24), InterpolationSafety * es);
    }

    /// <summary>Factor on the leading-order interpolation error terms: measured on 10⁴ points of a two-component mixture
    /// (eval tests), the leading term alone came within 0.2 % of the error at some points, below it at a few.</summary>
    public const double InterpolationSafety = 2.0;

    // |f[i-1] - 2 f[i] + f[i+1]| along one axis (index i, stride, n cells, flat offset of the other axis); at a
    // reflecting edge the nearest interior second difference.
    private static double Second(double[] f, int i, int stride, int n, bool periodic, int offset)
    {
        if (n < 3) return 0;
        int lo, hi;
        if (periodic) { lo = (i - 1 + n) % n; hi = (i + 1) % n; }
        else { i = Math.Clamp(i, 1, n - 2); lo = i - 1; hi = i + 1; }
        return Math.Abs(f[offset + lo * stride] - 2 * f[offset + i * stride] + f[offset + hi * stride]);
    }

    private int Nearest(double t)
    {
        int best = 0;
        for (int k = 1; k < _f.Times.Length; k++)
            if (Math.Abs(_f.Times[k] - t) < Math.Abs(_f.Times[best] - t)) best = k;
        return best;
    }

    /// <summary>Whether x lies in the grid's domain (always, on a periodic grid).</summary>
    /// <param name="x">Position.</param>
    /// <returns>True inside [lower, upper].</returns>
    public bool Contains(double x)
    {
        var g = _f.Solution.Grid1 ?? throw new InvalidOperationException("the fields are 2D: use Contains(x, y)");
        return g.Periodic || (x >= g.Lower && x <= g.Upper);
    }

    /// <summary>Whether (x, y) lies in the grid's domain (always, on a periodic grid).</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <returns>True inside the rectangle.</returns>
    public bool Contains(double x, double y)
    {
        var g = _f.Solution.Grid2 ?? throw new InvalidOperationException("the fields are 1D: use Contains(x)");
        return (g.X.Periodic || (x >= g.X.Lower && x <= g.X.Upper)) && (g.Y.Periodic || (y >= g.Y.Lower && y <= g.Y.Upper));
    }

    /// <summary>Forward lambda-family drift f + ½(λ - 1) g² s at (x, t) in 1D (λ = 1: the SDE's f; λ = 0: the PF velocity).</summary>
    /// <param name="x">Position.</param>
    /// <param name="t">Time.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <returns>The drift.</returns>
    public double ForwardDrift(double x, double t, double lambda)
    {
        var s = At(x, t);
        double g = _f.Process.G(t);
        return DriftOf(x, t) + 0.5 * (lambda - 1) * g * g * s.ScoreX;
    }

    /// <summary>Reverse-clock lambda-family drift -f + ½(1 + λ) g² s at y, τ = T - t, in 1D (λ = 1: reverse SDE; λ = 0: PF-ODE backwards).</summary>
    /// <param name="y">Position.</param>
    /// <param name="tau">Reverse time τ in [0, T - Start].</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <returns>The drift.</returns>
    public double ReverseDrift(double y, double tau, double lambda)
    {
        double t = End - tau;
        var s = At(y, t);
        double g = _f.Process.G(t);
        return -DriftOf(y, t) + 0.5 * (1 + lambda) * g * g * s.ScoreX;
    }

    /// <summary>Forward lambda-family drift in 2D.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="t">Time.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <returns>The two components.</returns>
    public (double X, double Y) ForwardDrift(double x, double y, double t, double lambda)
    {
        var s = At(x, y, t);
        double g2 = _f.Process.G(t) * _f.Process.G(t);
        Span<double> f = stackalloc double[2];
        _f.Process.Drift([x, y], t, f);
        return (f[0] + 0.5 * (lambda - 1) * g2 * s.ScoreX, f[1] + 0.5 * (lambda - 1) * g2 * s.ScoreY);
    }

    /// <summary>Reverse-clock lambda-family drift in 2D.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="tau">Reverse time.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <returns>The two components.</returns>
    public (double X, double Y) ReverseDrift(double x, double y, double tau, double lambda)
    {
        double t = End - tau;
        var s = At(x, y, t);
        double g2 = _f.Process.G(t) * _f.Process.G(t);
        Span<double> f = stackalloc double[2];
        _f.Process.Drift([x, y], t, f);
        return (-f[0] + 0.5 * (1 + lambda) * g2 * s.ScoreX, -f[1] + 0.5 * (1 + lambda) * g2 * s.ScoreY);
    }

    private double DriftOf(double x, double t)
    {
        Span<double> f = stackalloc double[1];
        _f.Process.Drift([x], t, f);
        return f[0];
    }

    private FieldSample Count(FieldSample s)
    {
        Interlocked.Increment(ref _samples);
        if (!s.Trusted) Interlocked.Increment(ref _fallbacks);
        return s;
    }

    // Two neighbouring centres and the weight of the second (the kernels' rule, written once).
    private static (int, int, double) Bracket(double x, double lower, double h, int n, bool periodic)
    {
        Kernels.Particles.Interpolation.Bracket(x, lower, h, n, periodic, out int i0, out int i1, out double a);
        return (i0, i1, a);
    }

    private IEnumerable<(int K, double C)> TimeWeights(double t) => TimeInterpolation.Weights(_f.Times, t);
}
