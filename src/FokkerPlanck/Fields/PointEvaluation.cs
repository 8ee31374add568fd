using FokkerPlanck.Model;

namespace FokkerPlanck.Fields;

/// <summary>
/// The fields at a user's points and times (<see cref="PointEvaluation.Evaluate"/>): density, score, PF velocity and the
/// lambda-family drifts, from the grid (by <see cref="FieldSampler"/>, the particles' interpolation rule) and exactly
/// where the marginal is known. Arrays are [time, point] for scalars and [time, point, component] for 2D vectors
/// (1D vectors are [time, point]); the drifts carry a leading lambda axis. Grid values at points outside the domain are NaN.
/// </summary>
public sealed class PointEvaluation
{
    /// <summary>Evaluation times.</summary>
    public required double[] Times { get; init; }

    /// <summary>The λ of the drift arrays.</summary>
    public required double[] Lambdas { get; init; }

    /// <summary>1 or 2.</summary>
    public required int Dimension { get; init; }

    /// <summary>Grid density [t, point], or null without grid fields.</summary>
    public double[,]? Density { get; init; }

    /// <summary>Grid score [t, point] (1D) or [t, point, component] (2D), or null.</summary>
    public Array? Score { get; init; }

    /// <summary>Grid PF velocity, shaped like <see cref="Score"/>, or null.</summary>
    public Array? Velocity { get; init; }

    /// <summary>Trust weight of the grid values [t, point] (1: from the grid alone), or null.</summary>
    public double[,]? Weight { get; init; }

    /// <summary>Grid forward lambda drift f + ½(λ - 1) g² s, [lambda, t, point(, component)], or null.</summary>
    public Array? ForwardDrift { get; init; }

    /// <summary>Grid reverse-clock lambda drift -f + ½(1 + λ) g² s at τ = T - t, [lambda, t, point(, component)], or null.</summary>
    public Array? ReverseDrift { get; init; }

    /// <summary>Exact density [t, point], or null when no exact marginal is known.</summary>
    public double[,]? ExactDensity { get; init; }

    /// <summary>Exact score, or null.</summary>
    public Array? ExactScore { get; init; }

    /// <summary>Exact PF velocity, or null.</summary>
    public Array? ExactVelocity { get; init; }

    /// <summary>Exact forward lambda drift, or null.</summary>
    public Array? ExactForwardDrift { get; init; }

    /// <summary>Exact reverse-clock lambda drift, or null.</summary>
    public Array? ExactReverseDrift { get; init; }

    /// <summary>Estimated absolute error of the grid density [t, point]: interpolation between the cell averages
    /// (<see cref="FieldSampler.InterpolationError(double, double)"/>); null without grid fields.</summary>
    public double[,]? DensityErrorEstimate { get; init; }

    /// <summary>Estimated error of the grid score [t, point], max |Δ| / (1 + |s|) over the components: interpolation between
    /// the centres, plus the centres' own estimate (largest over the snapshots) and the time-interpolation bound between
    /// snapshots; null without grid fields.</summary>
    public double[,]? ScoreErrorEstimate { get; init; }

    /// <summary>Estimated error of the grid PF velocity [t, point], max |Δ| / (1 + |v|), built like <see cref="ScoreErrorEstimate"/>.</summary>
    public double[,]? VelocityErrorEstimate { get; init; }

    /// <summary>Whether the estimates include the centres' own error (false when the fields came without estimates).</summary>
    public bool CentreEstimateIncluded { get; init; }

    /// <summary>Points outside the grid's domain (their grid values are NaN).</summary>
    public int Outside { get; init; }

    /// <summary>Evaluates the fields.</summary>
    /// <param name="fields">Grid fields, or null for exact values only.</param>
    /// <param name="process">Process.</param>
    /// <param name="initial1">1D initial density (at <paramref name="start"/>), or null in 2D.</param>
    /// <param name="initial2">2D initial density, or null in 1D.</param>
    /// <param name="start">Time of the initial density.</param>
    /// <param name="end">Last time T (the reverse clock's origin).</param>
    /// <param name="x">First coordinates.</param>
    /// <param name="y">Second coordinates (2D), else null.</param>
    /// <param name="times">Times in [start, end] (and within the fields' snapshots).</param>
    /// <param name="lambdas">λ ≥ 0 of the drifts (may be empty).</param>
    /// <param name="centre">Error estimates of the fields at the cell centres per snapshot, or null when unknown.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">A time outside the fields or [start, end], or a negative λ.</exception>
    // Long by design: one loop over times and points that fills every field side by side, grid and exact.
    public static PointEvaluation Evaluate(GridFields? fields, Process process, IDensity1D? initial1, IDensity2D? initial2,
        double start, double end, double[] x, double[]? y, double[] times, double[] lambdas, ErrorEstimates? centre = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (process is PointProcess { PositionDependentDiffusion: true })
            throw new ArgumentException("eval of a process with a position-dependent diffusion is not supported yet (its velocity and drifts need D(x) and its " +
                "gradient at the points); solve writes its fields on the grid", nameof(process));
        int dim = y is null ? 1 : 2, n = x.Length, nt = times.Length, nl = lambdas.Length;
        if ((dim == 1) == (initial1 is null)) throw new ArgumentException("the initial density's dimension differs from the points'", nameof(y));
        foreach (double l in lambdas)
            if (!(l >= 0) || !double.IsFinite(l)) throw new ArgumentOutOfRangeException(nameof(lambdas), l, $"lambda must be ≥ 0 and finite (got {l})");
        double lo = fields?.Times[0] ?? start, hi = fields?.Times[^1] ?? end;
        foreach (double t in times)
            if (!(t >= lo - Numerics.Tolerances.TimeMatch && t <= hi + Numerics.Tolerances.TimeMatch))
                throw new ArgumentOutOfRangeException(nameof(times), t, $"times must lie in [{lo}, {hi}] (got {t})");
        var sampler = fields is null ? null : new FieldSampler(fields);
        var exact1 = initial1 is null ? null : times.Select(t => ExactMarginal.Of(process, initial1, start, t)).ToArray();
        var exact2 = initial2 is null ? null : times.Select(t => ExactMarginal.Of(process, initial2, start, t)).ToArray();
        bool hasExact = exact1?.All(e => e is not null) == true || exact2?.All(e => e is not null) == true;
        Array Vec(int lead = 0) => lead == 0
            ? (dim == 1 ? new double[nt, n] : new double[nt, n, 2])
            : (dim == 1 ? new double[lead, nt, n] : new double[lead, nt, n, 2]);
        double[,]? dens = sampler is null ? null : new double[nt, n], weight = sampler is null ? null : new double[nt, n];
        Array? score = sampler is null ? null : Vec(), vel = sampler is null ? null : Vec();
        Array? fwd = sampler is null ? null : Vec(nl), rev = sampler is null ? null : Vec(nl);
        double[,]? eDens = hasExact ? new double[nt, n] : null;
        Array? eScore = hasExact ? Vec() : null, eVel = hasExact ? Vec() : null, eFwd = hasExact ? Vec(nl) : null, eRev = hasExact ? Vec(nl) : null;
        double[,]? dErr = sampler is null ? null : new double[nt, n], sErr = sampler is null ? null : new double[nt, n], vErr = sampler is null ? null : new double[nt, n];
        double cScore = centre is null ? 0 : centre.Score.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double cVel = centre is null ? 0 : centre.Velocity.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double timeErr = fields is null || double.IsNaN(fields.TimeInterpolationError) ? 0 : fields.TimeInterpolationError;
        bool[] atSnapshot = times.Select(t => fields is not null && fields.Times.Any(u => Math.Abs(u - t) <= Numerics.Tolerances.TimeMatch)).ToArray();
        int outside = 0;
        Span<double> f = stackalloc double[dim];
        Span<double> pt = stackalloc double[dim];
        for (int i = 0; i < n; i++)
        {
            bool inside = sampler is null || (dim == 1 ? sampler.Contains(x[i]) : sampler.Contains(x[i], y![i]));
            if (!inside) outside++;
            pt[0] = x[i];
            if (dim == 2) pt[1] = y![i];
            for (int k = 0; k < nt; k++)
            {
                double t = times[k], d = process.Diffusion(t), g2 = 2 * d;
                process.Drift(pt, t, f);
                if (sampler is not null)
                {
                    if (!inside)
                    {
                        dens![k, i] = weight![k, i] = dErr![k, i] = sErr![k, i] = vErr![k, i] = double.NaN;
                        Put(score!, k, i, double.NaN, double.NaN); Put(vel!, k, i, double.NaN, double.NaN);
                        for (int l = 0; l < nl; l++) { Put(fwd!, l, k, i, double.NaN, double.NaN); Put(rev!, l, k, i, double.NaN, double.NaN); }
                    }
                    else
                    {
                        var s = dim == 1 ? sampler.At(x[i], t) : sampler.At(x[i], y![i], t);
                        dens![k, i] = dim == 1 ? sampler.Density(x[i], t) : sampler.Density(x[i], y![i], t);
                        weight![k, i] = s.Weight;
                        Put(score!, k, i, s.ScoreX, s.ScoreY); Put(vel!, k, i, s.VelocityX, s.VelocityY);
                        Drifts(fwd!, rev!, k, i, f, g2, s.ScoreX, s.ScoreY, lambdas);
                        var (ep, es) = dim == 1 ? sampler.InterpolationError(x[i], t) : sampler.InterpolationError(x[i], y![i], t);
                        double te = atSnapshot[k] ? 0 : timeErr;
                        dErr![k, i] = ep;
                        sErr![k, i] = es / (1 + Math.Max(Math.Abs(s.ScoreX), Math.Abs(s.ScoreY))) + cScore + te;
                        vErr![k, i] = d * es / (1 + Math.Max(Math.Abs(s.VelocityX), Math.Abs(s.VelocityY))) + cVel + te;
                    }
                }
                if (hasExact)
                {
                    double p, sx, sy = 0;
                    if (dim == 1) { var e = exact1![k]!; p = e.Density(x[i]); sx = e.Score(x[i]); }
                    else { var e = exact2![k]!; p = e.Density(x[i], y![i]); (sx, sy) = e.Score(x[i], y![i]); }
                    eDens![k, i] = p;
                    Put(eScore!, k, i, sx, sy);
                    Put(eVel!, k, i, f[0] - d * sx, dim == 2 ? f[1] - d * sy : 0);
                    Drifts(eFwd!, eRev!, k, i, f, g2, sx, sy, lambdas);
                }
            }
        }
        return new PointEvaluation
        {
            Times = (double[])times.Clone(), Lambdas = (double[])lambdas.Clone(), Dimension = dim,
            Density = dens, Score = score, Velocity = vel, Weight = weight, ForwardDrift = fwd, ReverseDrift = rev,
            ExactDensity = eDens, ExactScore = eScore, ExactVelocity = eVel, ExactForwardDrift = eFwd, ExactReverseDrift = eRev,
            Outside = sampler is null ? 0 : outside,
            DensityErrorEstimate = dErr, ScoreErrorEstimate = sErr, VelocityErrorEstimate = vErr, CentreEstimateIncluded = centre is not null,
        };
    }

    private static void Drifts(Array fwd, Array rev, int k, int i, ReadOnlySpan<double> f, double g2, double sx, double sy, double[] lambdas)
    {
        bool two = f.Length == 2;
        for (int l = 0; l < lambdas.Length; l++)
        {
            double a = 0.5 * (lambdas[l] - 1) * g2, b = 0.5 * (1 + lambdas[l]) * g2;
            Put(fwd, l, k, i, f[0] + a * sx, two ? f[1] + a * sy : 0);
            Put(rev, l, k, i, -f[0] + b * sx, two ? -f[1] + b * sy : 0);
        }
    }

    private static void Put(Array a, int k, int i, double vx, double vy)
    {
        if (a is double[,] a1) a1[k, i] = vx;
        else { var a2 = (double[,,])a; a2[k, i, 0] = vx; a2[k, i, 1] = vy; }
    }

    private static void Put(Array a, int l, int k, int i, double vx, double vy)
    {
        if (a is double[,,] a1) a1[l, k, i] = vx;
        else { var a2 = (double[,,,])a; a2[l, k, i, 0] = vx; a2[l, k, i, 1] = vy; }
    }
}
