using FokkerPlanck.Discretization;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Fields;

/// <summary>
/// Grid fields held at times the tool chooses, not at the user's output snapshots. Particles, the Kim–Milman map and
/// likelihoods interpolate the fields in time (cubic Lagrange over the four nearest field times), so the accuracy of
/// what they compute is set by the spacing of those times. <see cref="Build"/> starts from the output times plus
/// equally spaced times and geometric clusters toward both ends (where sharp data makes the fields change fastest),
/// measures the interpolation error at every interior field time by leaving it out (<see cref="LeaveOneOut"/>),
/// halves the intervals around every time whose error exceeds the tolerance, solves again, and repeats until the
/// tolerance is met or a memory or round budget is spent (then it says so in <see cref="FieldTimelineResult.Warnings"/>).
/// </summary>
public static class FieldTimeline
{
    /// <summary>Equal intervals in the first schedule: enough that smooth fields often pass at once.</summary>
    public const int InitialIntervals = 16;

    /// <summary>Geometric times toward each end in the first schedule: offsets span·2⁻¹ … span·2⁻¹², down to 2.4e-4 of the
    /// span, so that data sharper than a uniform schedule can see is refined from a nearby time, not from span/16.</summary>
    public const int GeometricLevels = 12;

    /// <summary>Refinement rounds at most; each halves the intervals that failed, so 12 rounds reach 2⁻¹² of an interval.</summary>
    public const int MaxRounds = 12;

    /// <summary>Builds the fields at times that meet the interpolation tolerance.</summary>
    /// <param name="solve">Solves the grid at the given increasing times (first and last are the run's ends).</param>
    /// <param name="process">The process the solution belongs to.</param>
    /// <param name="outputTimes">The user's output times (always among the field times).</param>
    /// <param name="options">Tolerance and budgets.</param>
    /// <returns>The fields, the error estimate and what was done.</returns>
    public static FieldTimelineResult Build(Func<double[], GridSolution> solve, Process process, double[] outputTimes, FieldTimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(outputTimes);
        options ??= new FieldTimelineOptions();
        options.Validate();
        if (outputTimes.Length < 2) throw new ArgumentException("need at least the start and end times", nameof(outputTimes));
        var times = Initial(outputTimes);
        GridFields? fields = null;
        double[] errors = [];
        int rounds = 0;
        var warnings = new List<string>();
        while (true)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            rounds++;
            var sol = solve(times);
            fields = GridFields.FromSolution(sol, process);
            errors = LeaveOneOut(fields);
            double worst = errors.Length == 0 ? 0 : errors.Max();
            options.Progress?.Report(new FieldTimelineProgress(rounds, times.Length, worst, options.Tolerance));
            if (worst <= options.Tolerance) break;
            var refined = Refine(times, errors, options.Tolerance);
            long bytes = BytesPerTime(sol) * refined.Length;
            if (rounds >= MaxRounds || refined.Length == times.Length || bytes > options.MemoryBudget)
            {
                string why = rounds >= MaxRounds ? $"{MaxRounds} refinement rounds"
                    : refined.Length == times.Length ? "the field times cannot be split further in double precision"
                    : $"the memory budget ({options.MemoryBudget / (1 << 20)} MiB for {refined.Length} field times)";
                warnings.Add($"field time resolution: the interpolation error estimate {worst:E2} exceeds the tolerance {options.Tolerance:E1} after {why} " +
                    $"({times.Length} field times); particles, maps and likelihoods carry this error in their drift: raise the tolerance or the memory budget");
                break;
            }
            times = refined;
        }
        return new FieldTimelineResult(fields, errors.Length == 0 ? 0 : errors.Max(), rounds, warnings);
    }

    /// <summary>
    /// The interpolation error of each interior field time when it is left out: the cubic Lagrange interpolant of the
    /// other times (the rule particles use) against the stored fields, max |Δ| / (1 + |F|) over the score and PF velocity
    /// components at the cells trusted (weight 1) in every snapshot involved and whose density is at least
    /// <see cref="FieldErrors.DefaultFloor"/> of the snapshot's maximum (below it round-off in ln p, not the time
    /// spacing, sets the differences). Index k of the result is field time k + 1.
    /// The stencil without time k is about twice as wide as the one particles use between two kept times, so for
    /// smooth fields this overestimates their interpolation error by a factor of about 7 (4Δ⁴ against 0.56Δ⁴ in the
    /// error's node polynomial): a bound, not a sharp estimate.
    /// </summary>
    /// <param name="fields">Fields with at least five times (fewer: empty, nothing can be estimated).</param>
    /// <returns>One error per interior time.</returns>
    public static double[] LeaveOneOut(GridFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var t = fields.Times;
        int n = t.Length;
        if (n < 5) return [];
        var result = new double[n - 2];
        Parallel.For(1, n - 1, k =>
        {
            var others = t.Where((_, i) => i != k).ToArray();
            var w = TimeInterpolation.Weights(others, t[k]).Select(p => (K: p.K >= k ? p.K + 1 : p.K, p.C)).ToArray();
            double worst = 0;
            int cells = fields.Score[k].Length;
            var p = fields.Solution.Densities[k];
            double floor = FieldErrors.DefaultFloor * p.Max();
            for (int c = 0; c < cells; c++)
            {
                if (fields.Weight[k][c] < 1 || !(p[c] >= floor)) continue;
                bool trusted = true;
                foreach (var (q, _) in w) trusted &= fields.Weight[q][c] >= 1;
                if (!trusted) continue;
                worst = Math.Max(worst, Error(fields.Score, w, k, c));
                worst = Math.Max(worst, Error(fields.Velocity, w, k, c));
                if (fields.ScoreY is { } sy) worst = Math.Max(worst, Error(sy, w, k, c));
                if (fields.VelocityY is { } vy) worst = Math.Max(worst, Error(vy, w, k, c));
            }
            result[k - 1] = worst;
        });
        return result;
    }

    private static double Error(double[][] f, (int K, double C)[] w, int k, int c)
    {
        double pred = 0;
        foreach (var (q, a) in w) pred += a * f[q][c];
        double e = Math.Abs(pred - f[k][c]) / (1 + Math.Abs(f[k][c]));
        return double.IsNaN(e) ? double.PositiveInfinity : e;
    }

    // The output times, InitialIntervals equal intervals and GeometricLevels times clustered toward each end.
    internal static double[] Initial(double[] outputTimes)
    {
        double a = outputTimes[0], b = outputTimes[^1], span = b - a;
        var set = new List<double>(outputTimes);
        for (int k = 1; k < InitialIntervals; k++) set.Add(a + span * k / InitialIntervals);
        for (int k = 1; k <= GeometricLevels; k++)
        {
            double off = span * Math.Pow(2, -k);
            set.Add(a + off); set.Add(b - off);
        }
        return Distinct(set, span);
    }

    // Halves both intervals next to every interior time whose leave-one-out error exceeds the tolerance.
    private static double[] Refine(double[] times, double[] errors, double tol)
    {
        var set = new List<double>(times);
        for (int k = 1; k < times.Length - 1; k++)
        {
            if (!(errors[k - 1] <= tol))
            {
                set.Add(0.5 * (times[k - 1] + times[k]));
                set.Add(0.5 * (times[k] + times[k + 1]));
            }
        }
        return Distinct(set, times[^1] - times[0]);
    }

    // Sorted, with times closer than a relative 1e-12 of the span merged (the solver could not land on both).
    private static double[] Distinct(List<double> set, double span)
    {
        set.Sort();
        var r = new List<double> { set[0] };
        foreach (double v in set)
            if (v - r[^1] > Tolerances.TimeMatch * span) r.Add(v);
        if (r[^1] != set[^1]) r[^1] = set[^1];
        return [.. r];
    }

    // What one field time holds: density, weight, score and PF velocity at the centres, PF velocity and drift at the faces.
    private static long BytesPerTime(GridSolution sol)
    {
        long cells = sol.Densities[0].Length;
        int d = sol.Grid2 is null ? 1 : 2;
        return 8 * cells * (2 + 4 * d);
    }
}

/// <summary>Options of <see cref="FieldTimeline.Build"/>.</summary>
public sealed record FieldTimelineOptions
{
    /// <summary>Bound on the leave-one-out interpolation error, max |Δ| / (1 + |F|) of score and PF velocity over the
    /// trusted cells. 1e-6 keeps the drift error of particles far below what 10⁶ samples can resolve (KS ≈ 1e-3).</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Most bytes the field times may hold (default 2 GiB).</summary>
    public long MemoryBudget { get; init; } = 2L << 30;

    /// <summary>Reports each round.</summary>
    public IProgress<FieldTimelineProgress>? Progress { get; init; }

    /// <summary>Stops between rounds.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Throws when out of range.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"field tolerance must be > 0 and finite (got {Tolerance})");
        if (MemoryBudget <= 0) throw new ArgumentOutOfRangeException(nameof(MemoryBudget), MemoryBudget, "memory budget must be > 0");
    }
}

/// <summary>A round of <see cref="FieldTimeline.Build"/>.</summary>
/// <param name="Round">Round number (1-based).</param>
/// <param name="Times">Field times in this round.</param>
/// <param name="Estimate">Largest leave-one-out error.</param>
/// <param name="Tolerance">The target.</param>
public sealed record FieldTimelineProgress(int Round, int Times, double Estimate, double Tolerance);

/// <summary>Fields at tool-chosen times and their interpolation error bound.</summary>
/// <param name="Fields">The fields.</param>
/// <param name="InterpolationError">Largest leave-one-out interpolation error (a bound on the error of the time
/// interpolation the particles use; 0 when fewer than five field times exist).</param>
/// <param name="Rounds">Solves done.</param>
/// <param name="Warnings">Why the tolerance was not met, if it was not.</param>
public sealed record FieldTimelineResult(GridFields Fields, double InterpolationError, int Rounds, IReadOnlyList<string> Warnings);
