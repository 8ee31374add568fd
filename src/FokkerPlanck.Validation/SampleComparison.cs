using FokkerPlanck.Statistics;

namespace FokkerPlanck.Validation;

/// <summary>The statistics of one sample against the grid reference at one time.</summary>
/// <param name="Tests">Tests: metric, statistic, p-value.</param>
/// <param name="Distances">Distances reported beside their noise floors.</param>
public sealed record Evaluation(IReadOnlyList<(string Metric, double Value, double P)> Tests, IReadOnlyDictionary<string, double> Distances)
{
    /// <summary>All statistics by metric name (test statistics and distances), for noise floors.</summary>
    public IReadOnlyDictionary<string, double> All =>
        Tests.Select(t => (t.Metric, t.Value)).Concat(Distances.Select(d => (d.Key, d.Value))).ToDictionary(p => p.Item1, p => p.Item2);
}

/// <summary>
/// Compares particle samples with a grid density at one time. 1D tests: Kolmogorov–Smirnov against the grid CDF, Pearson
/// chi-square on B equal-mass bins (B = clamp(2 n^0.4, 10, 100), Mann–Wald's rule), z tests of the mean and the
/// variance; distances: W1 through the CDFs, TV and KL on the chi-square bins, MMD (Gaussian kernel, median-heuristic
/// bandwidth, m-point subsamples against an independent grid sample). 2D tests: chi-square on the product of
/// B equal-mass bins of each marginal (B = clamp(√(2 n^0.4), 4, 12); sparse bins pooled), KS of each marginal, the
/// chi-square test of the mean; distances: sliced W1 (32 directions) against an independent grid sample of equal
/// size, TV, KL, MMD. The distances are those of <see cref="SampleDistances"/>, in its order.
/// </summary>
public abstract class SampleComparison
{
    /// <summary>Points per MMD subsample.</summary>
    protected int MmdPoints { get; }

    /// <summary>Sample size the comparison is set up for.</summary>
    protected int N { get; }

    /// <summary>Sets the sizes.</summary>
    /// <param name="n">Sample size.</param>
    /// <param name="mmdPoints">MMD subsample size.</param>
    protected SampleComparison(int n, int mmdPoints) { N = n; MmdPoints = Math.Min(mmdPoints, n); }

    /// <summary>Evaluates a sample.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y (2D) or null.</param>
    /// <param name="seed">Seed of the independent reference samples some distances need.</param>
    /// <returns>Statistics.</returns>
    public abstract Evaluation Evaluate(double[] x, double[]? y, ulong seed);

    /// <summary>A sample of size n from the reference (for noise floors).</summary>
    /// <param name="seed">Seed.</param>
    /// <returns>Sample.</returns>
    public abstract (double[] X, double[]? Y) Draw(ulong seed);

    /// <summary>Noise floors from <paramref name="replicates"/> reference samples.</summary>
    /// <param name="replicates">R.</param>
    /// <param name="seed">Base seed.</param>
    /// <returns>Null statistics.</returns>
    public NullStatistics Floors(int replicates, ulong seed) => NullStatistics.Compute(replicates, r =>
    {
        var (x, y) = Draw(seed + 2 * (ulong)r);
        return Evaluate(x, y, seed + 2 * (ulong)r + 1).All;
    });

    /// <summary>A comparison for a 1D reference.</summary>
    /// <param name="reference">Reference.</param>
    /// <param name="n">Sample size.</param>
    /// <param name="mmdPoints">MMD subsample size.</param>
    /// <returns>Comparison.</returns>
    public static SampleComparison For(GridReference1D reference, int n, int mmdPoints) => new OneD(reference, n, mmdPoints);

    /// <summary>A comparison for a 2D reference.</summary>
    /// <param name="reference">Reference.</param>
    /// <param name="n">Sample size.</param>
    /// <param name="mmdPoints">MMD subsample size.</param>
    /// <returns>Comparison.</returns>
    public static SampleComparison For(GridReference2D reference, int n, int mmdPoints) => new TwoD(reference, n, mmdPoints);

    private sealed class OneD : SampleComparison
    {
        private readonly GridReference1D _r;
        private readonly double[] _edges, _probs;
        private readonly double _bandwidth;

        public OneD(GridReference1D r, int n, int m) : base(n, m)
        {
            _r = r;
            int bins = Math.Clamp((int)Math.Round(2 * Math.Pow(n, 0.4)), 10, 100);
            _edges = r.EqualMassEdges(bins);
            _probs = r.BinProbabilities(_edges);
            var s = r.Sample(1000, 0xB4D);
            _bandwidth = Mmd.MedianBandwidth(s, new double[s.Length]);
        }

        public override (double[] X, double[]? Y) Draw(ulong seed) => (_r.Sample(N, seed), null);

        public override Evaluation Evaluate(double[] x, double[]? y, ulong seed)
        {
            var (d, pks) = KolmogorovSmirnov.Test(x, _r.Cdf);
            var counts = BinnedComparison.Histogram(x, _edges);
            var (x2, _, pc) = BinnedComparison.ChiSquare(counts, _probs);
            var (zm, pm) = MomentTests.MeanTest(x, _r.Mean);
            var (zv, pv) = MomentTests.VarianceTest(x, _r.Variance);
            return new Evaluation(
            [
                ("KS D", d, pks), ("chi² X²", x2, pc), ("mean |z|", Math.Abs(zm), pm), ("variance |z|", Math.Abs(zv), pv),
            ], SampleDistances.Measure(new DistanceInputs(x, null, _r, null, counts, _probs, seed, MmdPoints, _bandwidth)));
        }
    }

    private sealed class TwoD : SampleComparison
    {
        private readonly GridReference2D _r;
        private readonly GridReference1D _mx, _my;
        private readonly double[] _ex, _ey, _probs;
        private readonly double _bandwidth;

        public TwoD(GridReference2D r, int n, int m) : base(n, m)
        {
            _r = r; _mx = r.MarginalX(); _my = r.MarginalY();
            int b = Math.Clamp((int)Math.Round(Math.Sqrt(2 * Math.Pow(n, 0.4))), 4, 12);
            _ex = _mx.EqualMassEdges(b); _ey = _my.EqualMassEdges(b);
            _probs = new double[b * b];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < b; j++)
                    _probs[i * b + j] = Math.Max(0, r.Probability(Clip(_ex[i], r.Grid.X), Clip(_ex[i + 1], r.Grid.X), Clip(_ey[j], r.Grid.Y), Clip(_ey[j + 1], r.Grid.Y)));
            var (sx, sy) = r.Sample(1000, 0xB4D);
            _bandwidth = Mmd.MedianBandwidth(sx, sy);
        }

        private static double Clip(double v, Grids.Grid1D g) => Math.Clamp(v, g.Lower, g.Upper);

        public override (double[] X, double[]? Y) Draw(ulong seed)
        {
            var (x, y) = _r.Sample(N, seed);
            return (x, y);
        }

        public override Evaluation Evaluate(double[] x, double[]? y, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(y);
            int b = _ex.Length - 1;
            var counts = new long[b * b];
            var ix = Bin(x, _ex); var iy = Bin(y, _ey);
            for (int k = 0; k < x.Length; k++)
                if (ix[k] >= 0 && iy[k] >= 0) counts[ix[k] * b + iy[k]]++;
            var (x2, _, pc) = BinnedComparison.ChiSquare(counts, _probs);
            var (dx, px) = KolmogorovSmirnov.Test(x, _mx.Cdf);
            var (dy, py) = KolmogorovSmirnov.Test(y, _my.Cdf);
            bool finite = x.All(double.IsFinite) && y.All(double.IsFinite);
            var (qm, pm) = finite ? MomentTests.MeanTest2D(x, y, _r.Mean, _r.Covariance) : (double.PositiveInfinity, 0.0);
            return new Evaluation(
            [
                ("chi² X²", x2, pc), ("KS D (x-marginal)", dx, px), ("KS D (y-marginal)", dy, py), ("mean χ²₂", qm, pm),
            ], SampleDistances.Measure(new DistanceInputs(x, y, null, _r, counts, _probs, seed, MmdPoints, _bandwidth)));
        }

        private static int[] Bin(double[] v, double[] edges) => v.Select(x => BinnedComparison.BinIndex(x, edges)).ToArray();
    }
}
