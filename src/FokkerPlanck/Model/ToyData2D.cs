namespace FokkerPlanck.Model;

/// <summary>
/// The 2D toy data sets of the diffusion literature that are Gaussian mixtures, so every affine process keeps them
/// Gaussian mixtures (exact marginals, scores and samples):
/// <list type="bullet">
/// <item>"8 Gaussians": <c>count</c> equal components N(r (cos θ_k, sin θ_k), sd² I), θ_k = 2πk/count (FFJORD, Grathwohl et
/// al. 2019, uses count = 8, r = 4/√2 ≈ 2.83, sd = 0.5/√2 ≈ 0.354).</item>
/// <item>"rings": concentric circles of the given radii, each a ring of N(r (cos θ_k, sin θ_k), sd² I) components spaced
/// at most sd apart along the circle (so the ring's density varies by under 1e-3 along it), with equal mass per ring.</item>
/// <item>"two moons", "swiss roll" and "pinwheel": Gaussian tubes around their curves (<see cref="GaussianTube"/>).</item>
/// </list>
/// </summary>
public static class ToyData2D
{
    /// <summary>Two moons (scikit-learn's make_moons): the upper half circle (cos u, sin u) and the lower one
    /// (1 - cos u, ½ - sin u), u in [0, π] uniform, equal mass; centred at (½, ¼) and multiplied by scale; a Gaussian tube
    /// of the given sd around them.</summary>
    /// <param name="scale">Size (&gt; 0).</param>
    /// <param name="sd">Tube standard deviation (&gt; 0).</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture2D TwoMoons(double scale, double sd)
    {
        Positive(scale, nameof(scale));
        return GaussianTube.Mixture(
        [
            new(u => (scale * (Math.Cos(u) - 0.5), scale * (Math.Sin(u) - 0.25)), 0, Math.PI, _ => 1.0),
            new(u => (scale * (0.5 - Math.Cos(u)), scale * (0.25 - Math.Sin(u))), 0, Math.PI, _ => 1.0),
        ], sd, MaxComponents);
    }

    /// <summary>The 2D swiss roll (scikit-learn's make_swiss_roll, its x and z coordinates, as FFJORD uses it):
    /// c(u) = scale · (u cos u, u sin u), u uniform in [1.5π, 4.5π]; a Gaussian tube of the given sd around it.</summary>
    /// <param name="scale">Size (&gt; 0; FFJORD: 1/5).</param>
    /// <param name="sd">Tube standard deviation (&gt; 0; FFJORD: noise 1 scaled by 1/5).</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture2D SwissRoll(double scale, double sd)
    {
        Positive(scale, nameof(scale));
        return GaussianTube.Mixture([new(u => (scale * u * Math.Cos(u), scale * u * Math.Sin(u)), 1.5 * Math.PI, 4.5 * Math.PI, _ => 1.0)], sd, MaxComponents);
    }

    /// <summary>The pinwheel (Johnson et al. 2016, as FFJORD draws it) as a tube: arm k is the curve
    /// scale · R(2πk/arms + rate e^r) (r, 0) with r ~ N(1, radialSd²) truncated to 1 ± 4 radialSd, equal mass per arm; a
    /// Gaussian tube of sd around the arms (FFJORD's tangential noise, 0.1 · scale, applied isotropically).</summary>
    /// <param name="arms">Number of arms (≥ 1).</param>
    /// <param name="radialSd">Spread of r along an arm (&gt; 0).</param>
    /// <param name="rate">Twist rate.</param>
    /// <param name="scale">Size (&gt; 0).</param>
    /// <param name="sd">Tube standard deviation (&gt; 0).</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture2D Pinwheel(int arms, double radialSd, double rate, double scale, double sd)
    {
        if (arms < 1 || arms * (long)GaussianTube.NodesPerPanel > MaxComponents)
            throw new ArgumentOutOfRangeException(nameof(arms), arms, $"arms must be in [1, {MaxComponents / GaussianTube.NodesPerPanel}] (got {arms})");
        Positive(radialSd, nameof(radialSd));
        Positive(scale, nameof(scale));
        if (!double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"rate must be finite (got {rate})");
        var curves = Enumerable.Range(0, arms).Select(k => new GaussianTube.Curve(r =>
        {
            double a = 2 * Math.PI * k / arms + rate * Math.Exp(r);
            return (scale * r * Math.Cos(a), scale * r * Math.Sin(a));
        }, 1 - 4 * radialSd, 1 + 4 * radialSd, r => Math.Exp(-0.5 * (r - 1) * (r - 1) / (radialSd * radialSd)))).ToArray();
        return GaussianTube.Mixture(curves, sd, MaxComponents);
    }

    private static void Positive(double v, string name)
    {
        if (!(v > 0) || !double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite and > 0 (got {v})");
    }

    /// <summary>Components on a circle.</summary>
    /// <param name="count">Number of components (≥ 1).</param>
    /// <param name="radius">Circle radius (≥ 0).</param>
    /// <param name="sd">Component standard deviation (&gt; 0).</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture2D Gaussians(int count, double radius, double sd)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be ≥ 1 (got {count})");
        if (!(radius >= 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, $"radius must be finite and ≥ 0 (got {radius})");
        if (!(sd > 0) || !double.IsFinite(sd)) throw new ArgumentOutOfRangeException(nameof(sd), sd, $"sd must be finite and > 0 (got {sd})");
        return Circle([radius], [count], sd);
    }

    /// <summary>Concentric rings with equal mass each.</summary>
    /// <param name="radii">Ring radii (each &gt; 0, distinct).</param>
    /// <param name="sd">Radial standard deviation (&gt; 0).</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture2D Rings(IReadOnlyList<double> radii, double sd)
    {
        ArgumentNullException.ThrowIfNull(radii);
        if (radii.Count == 0) throw new ArgumentException("radii must have at least one entry", nameof(radii));
        if (!(sd > 0) || !double.IsFinite(sd)) throw new ArgumentOutOfRangeException(nameof(sd), sd, $"sd must be finite and > 0 (got {sd})");
        for (int i = 0; i < radii.Count; i++)
        {
            if (!(radii[i] > 0) || !double.IsFinite(radii[i]))
                throw new ArgumentOutOfRangeException(nameof(radii), radii[i], $"radii[{i}] must be finite and > 0 (got {radii[i]})");
            if (radii.Take(i).Contains(radii[i])) throw new ArgumentException($"radii[{i}] repeats {radii[i]}", nameof(radii));
        }
        double need = radii.Sum(r => Math.Max(8, Math.Ceiling(2 * Math.PI * r / sd)));
        if (!(need <= MaxComponents))
            throw new ArgumentOutOfRangeException(nameof(radii), need, $"radii and sd need {need:G6} components (at most {MaxComponents}): use a larger sd or smaller radii");
        int[] counts = [.. radii.Select(r => ComponentsFor(r, sd))];
        return Circle(radii, counts, sd);
    }

    /// <summary>Most components a ring set may have: every density, score and sample evaluation sums over them.</summary>
    public const int MaxComponents = 2000;

    /// <summary>
    /// Components on a circle of radius r spaced at most sd apart (arc length 2πr / K ≤ sd), and at least 8: a sum of
    /// N(0, sd²) bumps spaced sd apart along a line is flat to a relative 2·e^{-2π²} ≈ 5e-9 (Poisson summation), and the
    /// circle's curvature changes that only at order (sd / r)².
    /// </summary>
    internal static int ComponentsFor(double r, double sd) => Math.Max(8, (int)Math.Ceiling(2 * Math.PI * r / sd));

    private static GaussianMixture2D Circle(IReadOnlyList<double> radii, int[] counts, double sd)
    {
        var w = new List<double>(); var means = new List<IReadOnlyList<double>>(); var covs = new List<IReadOnlyList<IReadOnlyList<double>>>();
        double v = sd * sd;
        IReadOnlyList<IReadOnlyList<double>> cov = [new[] { v, 0.0 }, new[] { 0.0, v }];
        for (int ring = 0; ring < radii.Count; ring++)
        {
            for (int k = 0; k < counts[ring]; k++)
            {
                double a = 2 * Math.PI * k / counts[ring];
                w.Add(1.0 / (radii.Count * counts[ring]));
                means.Add([radii[ring] * Math.Cos(a), radii[ring] * Math.Sin(a)]);
                covs.Add(cov);
            }
        }
        double total = w.Sum();
        return new GaussianMixture2D([.. w.Select(x => x / total)], means, covs);
    }
}
