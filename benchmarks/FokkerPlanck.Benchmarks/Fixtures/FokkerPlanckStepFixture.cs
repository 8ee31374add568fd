using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;

namespace FokkerPlanck.Benchmarks.Fixtures;

/// <summary>
/// The solver's own stepper on an OU problem (theta 1, sigma √2; a two-bump density on [-8, 8] or [-8, 8]²), loaded once:
/// <see cref="Step"/> is one attempt of the solver's adaptive loop (explicit: SSP-RK3 under the positivity bound;
/// implicit: step-doubled Crank–Nicolson/ADI), exactly the code a solve runs per step. Managed backend, all cores.
/// </summary>
internal sealed class FokkerPlanckStepFixture : IDisposable
{
    private readonly ManagedBackend _backend;
    private readonly IDiscreteOperator _op;
    private readonly TimeStepper _stepper;
    private double _t;

    public FokkerPlanckStepFixture(int dims, int cellsPerAxis, TimeScheme scheme, int? threads = null)
    {
        _backend = new ManagedBackend(threads);
        var ou = new OuProcess();
        // MaxStep keeps the implicit controller's dt in a sensible range over millions of benchmark steps.
        var options = new SolverOptions { Scheme = scheme, Tolerance = 1e-8, Extrapolate = false, MaxStep = 1e-3 };
        static double Bumps(double x) => Math.Exp(-2 * (x - 1.5) * (x - 1.5)) + 0.5 * Math.Exp(-(x + 2) * (x + 2));
        double[] p0;
        if (dims == 1)
        {
            var g = new Grid1D(-8, 8, cellsPerAxis);
            p0 = g.Centers().Select(Bumps).ToArray();
            _op = new Operator1D<ScheduleDrift<OuSchedule>>(_backend, g, ou.FaceDrift, ou.Diffusion, null);
            Cells = cellsPerAxis;
        }
        else
        {
            var g = new Grid2D(new Grid1D(-8, 8, cellsPerAxis), new Grid1D(-8, 8, cellsPerAxis));
            p0 = CellAverages.Values(g, (x, y) => Bumps(x) * Bumps(0.7 * y));
            _op = new Operator2D<ScheduleDrift<OuSchedule>>(_backend, g, ou.FaceDrift, ou.Diffusion, null);
            Cells = (long)cellsPerAxis * cellsPerAxis;
        }
        _stepper = new TimeStepper(_backend, _op, options);
        _stepper.Load(p0);
    }

    /// <summary>Cells updated per step.</summary>
    public long Cells { get; }

    /// <summary>One step attempt; returns the new time.</summary>
    /// <returns>Time.</returns>
    public double Step() => _t = _stepper.Step(_t, double.MaxValue, 1.0);

    public void Dispose()
    {
        _stepper.Dispose();
        _op.Dispose();
        _backend.Dispose();
    }

    /// <summary>
    /// Bytes per cell and step of the traffic model (8-byte doubles, each array read or written once per sweep, neighbours
    /// from cache, write-allocate not counted, as STREAM counts). OU is autonomous, so face rates and the outflow bound are
    /// computed once and cost nothing per step. Explicit SSP-RK3: 3 operator applications (1D: rates aP, aM, p in, r out
    /// = 32 B; 2D: four rate arrays = 48 B) + u1 = u + dt r (24 B) + two three-term combinations (32 B each).
    /// Implicit: three Crank–Nicolson/ADI solves per attempt (step doubling) + the L1 difference (16 B); one CN in 1D =
    /// the partitioned solve with the right-hand side formed in its forward pass (forward: 2 rates and p in, c', y', v'
    /// out = 48; back: c', y', v' in, x out = 32) = 80 B (120 B before: apply 32 + combine 24 + Thomas 64); in 2D = two half-sweeps of the fused apply-one-axis-and-combine r = p + c A p (2 rates + p in, r out = 32) + line
    /// solve (64) = 192 B (240 B before the fusion: a separate combine of 24 B per half-sweep).
    /// </summary>
    /// <param name="dims">1 or 2.</param>
    /// <param name="scheme">Scheme.</param>
    /// <returns>Bytes per cell per step.</returns>
    public static double BytesPerCell(int dims, TimeScheme scheme) => (dims, scheme) switch
    {
        (1, TimeScheme.Explicit) => 3 * 32 + 24 + 2 * 32,
        (2, TimeScheme.Explicit) => 3 * 48 + 24 + 2 * 32,
        (1, _) => 3 * 80 + 16,
        _ => 3 * 192 + 16,
    };
}
