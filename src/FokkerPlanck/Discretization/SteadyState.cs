using FokkerPlanck.Backends;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Discretization;

/// <summary>
/// The stationary density of a time-independent process on a 1D grid: the null vector of the discrete Fokker–Planck
/// operator L (the solver's own face rates and stencil), normalised to mass 1, by inverse iteration with the backend's
/// exact tridiagonal (cyclic when periodic) solve of (I - c L) x = p. Each iteration divides every other mode by
/// 1 + c λ_k; c is 1e8 over the largest rate, and the iteration stops when the density changes by less than 1e-14
/// (relative, max norm) or after 200 iterations. The residual max|L p| / (max rate · max p) is reported, and so is the
/// probability current at the faces, J = h (a⁺ p_left - a⁻ p_right): constant in a steady state (zero between
/// reflecting walls).
/// </summary>
public static class SteadyState
{
    /// <summary>Inverse-iteration stop: relative change of the density in the max norm.</summary>
    public const double Convergence = 1e-14;

    /// <summary>Most inverse iterations.</summary>
    public const int MaxIterations = 200;

    /// <summary>Solves for the stationary density.</summary>
    /// <param name="process">A time-homogeneous process (<see cref="Process.IsTimeHomogeneous"/>).</param>
    /// <param name="grid">The grid.</param>
    /// <param name="backend">Backend (managed when null).</param>
    /// <returns>The stationary state.</returns>
    /// <exception cref="ArgumentException">The process depends on time or has no grid form, or the grid is absorbing.</exception>
    /// <exception cref="SolverFailureException">The iteration does not converge or the density is not finite.</exception>
    public static SteadyResult Solve(Process process, Grid1D grid, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Absorbing)
            throw new ArgumentException("a domain with an absorbing edge loses mass and has no steady state but 0: use reflecting or periodic edges", nameof(grid));
        if (!process.IsTimeHomogeneous)
            throw new ArgumentException($"process '{process.Kind}' depends on time: a steady state exists only for a time-independent drift and diffusion", nameof(process));
        var owned = backend is null ? new ManagedBackend() : null;
        try { return process.UseFaceDrift(new Run(grid, process.Diffusion(0), backend ?? owned!)); }
        finally { owned?.Dispose(); }
    }

    private sealed class Run(Grid1D g, double d, IBackend b) : IFaceDriftUser<SteadyResult>
    {
        public int Dimension => 1;

        public SteadyResult Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D =>
            throw new ArgumentException("the steady solve is 1D", "grid");

        public SteadyResult Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D =>
            Solve(aux, (ax, auxV, aP, aM) => b.FaceRates1D(ax, 0.0, d, drift, auxV, aP, aM));

        public SteadyResult Use1DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift1D, IPointDiffusion =>
            Solve(null, (ax, auxV, aP, aM) => b.DiffusingFaceRates1D(ax, 0.0, drift, auxV, aP, aM));

        // The null vector of the operator whose face rates 'rates' fills.
        private SteadyResult Solve(Func<double, double>? aux, Action<Kernels.Axis, IDeviceVector, IDeviceVector, IDeviceVector> rates)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int n = g.Cells;
            var ax = g.ToAxis();
            var vecs = new List<IDeviceVector>();
            IDeviceVector V(int len) { var v = b.Allocate(len); vecs.Add(v); return v; }
            try
            {
                var auxV = V(n); var aP = V(n + 1); var aM = V(n + 1); var p = V(n); var x = V(n); var w1 = V(n); var w2 = V(n); var r = V(n);
                b.Upload(aux is null ? new double[n] : g.Centers().Select(aux).ToArray(), auxV);
                rates(ax, auxV, aP, aM);
                var ratesP = new double[n + 1]; var ratesM = new double[n + 1];
                b.Download(aP, ratesP); b.Download(aM, ratesM);
                double maxRate = 0;
                for (int f = 0; f <= n; f++) maxRate = Math.Max(maxRate, ratesP[f] + ratesM[f]);
                if (!(maxRate > 0 && double.IsFinite(maxRate)))
                    throw new SolverFailureException(FailureCause.NonFiniteRates, 0, null, $"the face rates are not finite or all zero (largest {maxRate:R})");
                double c = 1e8 / maxRate;
                var cur = Enumerable.Repeat(1.0 / (n * g.H), n).ToArray();
                var next = new double[n];
                int it = 0;
                double change = double.PositiveInfinity;
                while (it < MaxIterations && change > Convergence)
                {
                    b.Upload(cur, p);
                    b.Solve1D(ax, c, aP, aM, p, x, w1, w2);
                    b.Download(x, next);
                    change = StationaryIteration.Renormalise(next, cur, g.H, "inverse iteration");
                    (cur, next) = (next, cur);
                    it++;
                }
                if (change > Convergence)
                    throw new SolverFailureException(FailureCause.StepBudget, 0, null,
                        $"the steady state did not converge in {MaxIterations} inverse iterations (last relative change {change:E2}): the slowest mode decays too slowly for this grid");
                b.Upload(cur, p);
                b.Apply1D(ax, aP, aM, p, r);
                var lp = new double[n];
                b.Download(r, lp);
                double residual = lp.Max(Math.Abs) / (maxRate * cur.Max(Math.Abs));
                var current = new double[n + 1];
                for (int f = 0; f <= n; f++)
                {
                    int left = f - 1, right = f;
                    if (ax.Periodic) { left = (f - 1 + n) % n; right = f % n; }
                    else if (f == 0 || f == n) continue; // walls: no flux
                    current[f] = g.H * (ratesP[f] * cur[left] - ratesM[f] * cur[right]);
                }
                var warnings = StationaryIteration.NegativeCells(cur);
                return new SteadyResult(g, cur, current, residual, change, it, b.Name, warnings, clock.Elapsed);
            }
            finally
            {
                foreach (var v in vecs) v.Dispose();
            }
        }
    }
}
