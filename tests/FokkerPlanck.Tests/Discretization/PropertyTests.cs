using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanck.Tests.Discretization;

/// <summary>A random admissible 1D case: a Gaussian mixture, an OU or VP process and a grid.</summary>
public sealed record Case1D(double[] Weights, double[] Means, double[] Sds, double Theta, double Sigma, bool Vp, int Cells, double HalfWidth, Boundary Boundary)
{
    public GaussianMixture1D Mixture => new(Weights, Means, Sds.Select(s => s * s).ToArray());

    public LinearProcess Process => Vp ? new VpProcess(Theta, Theta + 10 * Sigma) : new OuProcess(Theta, Sigma);

    public Grid1D Grid => new(-HalfWidth, HalfWidth, Cells, Boundary);

    public override string ToString() =>
        $"w=[{string.Join(",", Weights)}] mu=[{string.Join(",", Means)}] sd=[{string.Join(",", Sds)}] theta={Theta} sigma={Sigma} vp={Vp} cells={Cells} L={HalfWidth} {Boundary}";
}

public static class Generators
{
    private static Gen<double> Uniform(double a, double b) => Gen.Choose(0, 1_000_000).Select(k => a + (b - a) * k / 1_000_000.0);

    public static Arbitrary<Case1D> Cases() =>
        (from k in Gen.Choose(1, 3)
         from w in Gen.ArrayOf(Uniform(0.1, 1.0), k)
         from mu in Gen.ArrayOf(Uniform(-3, 3), k)
         from sd in Gen.ArrayOf(Uniform(0.3, 1.5), k)
         from theta in Uniform(0.2, 2.0)
         from sigma in Uniform(0.5, 2.0)
         from vp in Gen.Elements(false, true)
         from cells in Gen.Choose(16, 96)
         from half in Uniform(6, 12)
         from b in Gen.Elements(Boundary.Reflecting, Boundary.Periodic)
         select new Case1D(w, mu, sd, theta, sigma, vp, cells, half, b)).ToArbitrary();
}

/// <summary>FsCheck properties over random admissible parameters, mixtures and grids.</summary>
public class PropertyTests
{
    private static readonly double[] Times = [0.0, 0.1, 0.3];

    private static GridSolution Run(Case1D c, double[] init, TimeScheme scheme = TimeScheme.Implicit) =>
        SolveCells(c, init, new SolverOptions { Scheme = scheme, Tolerance = 1e-7 });

    // The grid solve of given cell values with the case's process (its face-drift struct is typed by the process).
    private static GridSolution SolveCells(Case1D c, double[] init, SolverOptions o) => c.Process switch
    {
        VpProcess vp => FokkerPlanckSolver.Solve(c.Grid, vp.FaceDrift, vp.Diffusion, null, init, Times, o, TestCases.Managed),
        OuProcess ou => FokkerPlanckSolver.Solve(c.Grid, ou.FaceDrift, ou.Diffusion, null, init, Times, o, TestCases.Managed),
        var p => throw new ArgumentException(p.Kind),
    };

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 40)]
    public bool MassIsConserved(Case1D c)
    {
        var sol = Run(c, CellAverages.Of(c.Grid, c.Mixture));
        return sol.Masses.All(m => Math.Abs(m - sol.Masses[0]) <= 1e-12 * sol.Masses[0]);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 40)]
    public bool ExplicitSchemeKeepsTheDensityNonNegative(Case1D c)
    {
        var sol = Run(c, CellAverages.Of(c.Grid, c.Mixture), TimeScheme.Explicit);
        return sol.Densities.All(d => d.All(v => v >= 0));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 40)]
    public bool MirrorSymmetryIsPreserved(Case1D c)
    {
        // Symmetrise the mixture: components at ±mu with equal weights; the OU/VP drift is odd, so p stays even.
        var sym = new GaussianMixture1D(c.Weights.Concat(c.Weights).ToArray(), c.Means.Concat(c.Means.Select(m => -m)).ToArray(),
            c.Sds.Concat(c.Sds).Select(s => s * s).ToArray());
        var sol = Run(c, CellAverages.Of(c.Grid, sym));
        int n = c.Cells;
        return sol.Densities.All(d => Enumerable.Range(0, n).All(i => Math.Abs(d[i] - d[n - 1 - i]) <= 1e-12 * d.Max()));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 30)]
    public bool SolutionIsLinearInTheInitialDensity(Case1D c)
    {
        var p = CellAverages.Of(c.Grid, c.Mixture);
        var q = CellAverages.Of(c.Grid, new GaussianMixture1D([1.0], [c.Means[0] * 0.5 + 1], [0.8]));
        var o = new SolverOptions { FixedStep = 0.01 };
        double[] Solve(double[] init) => SolveCells(c, init, o).Densities[^1];
        var combined = Solve(p.Zip(q, (a, b) => 0.3 * a + 1.7 * b).ToArray());
        var sp = Solve(p); var sq = Solve(q);
        double scale = combined.Max();
        return combined.Select((v, i) => Math.Abs(v - (0.3 * sp[i] + 1.7 * sq[i]))).All(d => d <= 1e-12 * scale);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 30)]
    public bool OuStationaryGaussianStaysPut(Case1D c)
    {
        // OU's drift is the gradient of θx²/2, so the discrete stationary state is the Gibbs density exp(-θx_i²/σ²) at the centres.
        var ou = new OuProcess(c.Theta, c.Sigma);
        var g = new Grid1D(-c.HalfWidth, c.HalfWidth, c.Cells, Boundary.Reflecting);
        var w = g.Centers().Select(x => Math.Exp(-c.Theta * x * x / (c.Sigma * c.Sigma))).ToArray();
        double z = w.Sum() * g.H;
        var gibbs = w.Select(v => v / z).ToArray();
        var sol = FokkerPlanckSolver.Solve(g, ou.FaceDrift, ou.Diffusion, null, gibbs, Times, new SolverOptions(), TestCases.Managed);
        return sol.Densities[^1].Zip(gibbs).All(t => Math.Abs(t.First - t.Second) <= 1e-12 * gibbs.Max());
    }
}
