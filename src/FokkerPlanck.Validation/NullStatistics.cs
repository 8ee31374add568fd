namespace FokkerPlanck.Validation;

/// <summary>
/// Noise floors: the mean (and standard deviation) of each statistic over <c>R</c> replicate samples drawn from the
/// reference itself at the same sample size, i.e. the statistic's expected value under the null, computed by Monte
/// Carlo rather than guessed. The standard error of a floor is sd / √R.
/// </summary>
/// <param name="Mean">Per-metric mean under the null.</param>
/// <param name="Sd">Per-metric standard deviation under the null.</param>
public sealed record NullStatistics(IReadOnlyDictionary<string, double> Mean, IReadOnlyDictionary<string, double> Sd)
{
    /// <summary>Runs the replicates.</summary>
    /// <param name="replicates">R.</param>
    /// <param name="statistics">One replicate's statistics, given the replicate index.</param>
    /// <returns>Means and standard deviations.</returns>
    public static NullStatistics Compute(int replicates, Func<int, IReadOnlyDictionary<string, double>> statistics)
    {
        var all = Enumerable.Range(0, replicates).Select(statistics).ToArray();
        var mean = new Dictionary<string, double>(); var sd = new Dictionary<string, double>();
        foreach (var key in all[0].Keys)
        {
            var v = all.Select(a => a[key]).ToArray();
            double m = v.Average();
            mean[key] = m;
            sd[key] = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / Math.Max(1, v.Length - 1));
        }
        return new NullStatistics(mean, sd);
    }
}
