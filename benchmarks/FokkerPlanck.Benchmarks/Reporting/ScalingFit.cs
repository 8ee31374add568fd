using BenchmarkDotNet.Reports;

namespace FokkerPlanck.Benchmarks.Reporting;

/// <summary>Least-squares fit of log(time per operation) = a + k·log(size) over the cases of one benchmark method.</summary>
public static class ScalingFit
{
    /// <summary>One fitted line.</summary>
    /// <param name="Method">Benchmark method.</param>
    /// <param name="Exponent">Fitted k.</param>
    /// <param name="StandardError">Standard error of k from the residuals.</param>
    /// <param name="Points">(size, mean ns) pairs used.</param>
    public sealed record Line(string Method, double Exponent, double StandardError, IReadOnlyList<(double Size, double Nanoseconds)> Points);

    /// <summary>Fits every method of the summaries that has a numeric parameter named <paramref name="parameter"/>.</summary>
    /// <param name="summaries">The run's summaries.</param>
    /// <param name="parameter">Parameter holding the size.</param>
    /// <param name="minSize">Sizes below this are left out of the fit (they are still listed).</param>
    /// <returns>One line per method.</returns>
    public static IReadOnlyList<Line> Fit(IEnumerable<Summary> summaries, string parameter, double minSize = 0)
    {
        var lines = new List<Line>();
        foreach (var s in summaries)
            foreach (var g in s.Reports.Where(r => r.ResultStatistics is not null && r.BenchmarkCase.Parameters.Items.Any(p => p.Name == parameter))
                         .GroupBy(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name))
            {
                var pts = g.Select(r => (Size: Convert.ToDouble(r.BenchmarkCase.Parameters[parameter], System.Globalization.CultureInfo.InvariantCulture),
                        Nanoseconds: r.ResultStatistics!.Mean))
                    .OrderBy(p => p.Size).ToList();
                var used = pts.Where(p => p.Size >= minSize).ToList();
                if (used.Count < 3) continue;
                var (k, se) = Slope(used.Select(p => Math.Log(p.Size)).ToArray(), used.Select(p => Math.Log(p.Nanoseconds)).ToArray());
                lines.Add(new Line(g.Key, k, se, pts));
            }
        return lines;
    }

    /// <summary>Slope of y on x and its standard error.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates.</param>
    /// <returns>(slope, standard error).</returns>
    public static (double Slope, double StandardError) Slope(double[] x, double[] y)
    {
        var (a, k) = MathNet.Numerics.Fit.Line(x, y);
        int n = x.Length;
        double mx = x.Average(), sxx = x.Sum(v => (v - mx) * (v - mx));
        double rss = x.Select((v, i) => y[i] - (a + k * v)).Sum(r => r * r);
        double se = n > 2 ? Math.Sqrt(rss / (n - 2) / sxx) : double.NaN;
        return (k, se);
    }
}
