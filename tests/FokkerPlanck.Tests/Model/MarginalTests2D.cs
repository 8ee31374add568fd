using FokkerPlanck.Statistics;

namespace FokkerPlanck.Tests.Model;

/// <summary>The three tests a 2D exact marginal faces against samples: KS on the x and y marginals (their exact CDFs) and
/// a χ² over the 12 × 12 cells of [-3, 3]² plus one bin for the outside (the exact cell probabilities).</summary>
internal static class MarginalTests2D
{
    public static (double Px, double Py, double PChi) Run(double[] x, double[] y, Func<double, double> cdfX, Func<double, double> cdfY,
        Func<double, double, double, double, double> cellProbability)
    {
        double px = KolmogorovSmirnov.Test(x, cdfX).P;
        double py = KolmogorovSmirnov.Test(y, cdfY).P;
        const int k = 12; const double lo = -3, w = 0.5;
        var counts = new long[k * k + 1]; var prob = new double[k * k + 1];
        for (int i = 0; i < x.Length; i++)
        {
            int a = (int)Math.Floor((x[i] - lo) / w), b = (int)Math.Floor((y[i] - lo) / w);
            counts[a is >= 0 and < k && b is >= 0 and < k ? a * k + b : k * k]++;
        }
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                prob[a * k + b] = cellProbability(lo + a * w, lo + (a + 1) * w, lo + b * w, lo + (b + 1) * w);
        prob[k * k] = Math.Max(0, 1 - prob.Take(k * k).Sum());
        return (px, py, BinnedComparison.ChiSquare(counts, prob).P);
    }
}
