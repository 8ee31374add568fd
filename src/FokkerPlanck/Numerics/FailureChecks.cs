using System.Globalization;

namespace FokkerPlanck.Numerics;

/// <summary>
/// The thresholds and checks that stop an evolution with <see cref="SolverFailureException"/> instead of returning a
/// silently wrong result or running without progress. Each value sits orders of magnitude away from what a healthy run
/// produces, so that no run that succeeds today is stopped.
/// </summary>
public static class FailureChecks
{
    /// <summary>Most steps (accepted + rejected) of one run or pass. The examples need at most ~10⁵; at 10⁷ a 64-cell run
    /// takes about a minute, so a run that would need more is far too stiff or too long for its scheme, and stops instead of
    /// hanging. A fixed step whose step count exceeds it is refused before the run starts.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Implicit scheme: most steps accepted only because they are below 1e-14 of the span (the error control
    /// cannot meet the tolerance). Healthy runs have none; 1000 costs well under a second, and a run that keeps doing it
    /// would need ≥ 1e14 steps.</summary>
    public const int MaxForcedSteps = 1000;

    /// <summary>
    /// Adaptive implicit runs: how much work (cells × steps) a run may spend on consecutive steps so small that the rest of the run
    /// at that size would exceed <see cref="MaxSteps"/>, before it is stopped. A transient of under-resolved initial data
    /// needs such steps for a while and then grows them (measured: OU from a Gaussian 1.6 cells wide on 256 cells crawls
    /// for tens of thousands of steps, then finishes in 191 000 steps and 4 s); a run that is stiff for good does not. 1e8
    /// cell-steps is about a second of the managed backend; at least <see cref="MaxForcedSteps"/> steps are allowed, and
    /// explicit runs (whose small steps are a stability limit that stays) get just that many.
    /// </summary>
    public const double CrawlCellSteps = 1e8;

    /// <summary>Slow steps in a row allowed on a grid of this many cells (<see cref="CrawlCellSteps"/>).</summary>
    /// <param name="cells">Cells of the grid.</param>
    /// <returns>The patience.</returns>
    public static long SlowPatience(long cells) => Math.Max(MaxForcedSteps, (long)(CrawlCellSteps / Math.Max(1, cells)));

    /// <summary>A step (attempted or accepted) below CollapseUlps · ε · max(|t|, span) no longer moves t by more than a few
    /// ulps: the adaptive control has collapsed (8 ulps leaves room for the rounding of t + dt but not for progress).</summary>
    public const double CollapseUlps = 8;

    /// <summary>Largest relative mass change on a reflecting or periodic domain. The schemes conserve mass to round-off
    /// (the conservation tests measure ~1e-12 after thousands of steps), so 1e-9 is far above round-off and far below any
    /// visible loss.</summary>
    public const double MassDriftTolerance = 1e-9;

    /// <summary>Most negative density allowed, relative to max p, for the positive schemes (explicit SSP-RK3 and the
    /// continuity solver, both under their positivity bound): they are positive up to round-off (~1e-16 · max p), so 1e-10
    /// leaves six orders of margin. Crank–Nicolson is not positive (it undershoots in far tails by up to ~1e-7 of max p
    /// under error control) and spatial Richardson extrapolation may dip below zero: those are not checked; the plain
    /// passes of an extrapolated explicit run are.</summary>
    public const double NegativeTolerance = 1e-10;

    /// <summary>Steps between two cheap state checks (one reduction, NaN/inf-propagating) inside a snapshot interval:
    /// at most one extra reduction per 16 steps, a few per cent of the work, so a NaN is caught within 16 steps.</summary>
    public const int CheckInterval = 16;

    // Machine epsilon of double (2^-52): the spacing of doubles at 1.
    private const double Ulp = 2.220446049250313e-16;

    /// <summary>True when dt is below a few ulps of t (or of the run's span, for runs that start at 0).</summary>
    /// <param name="dt">Step.</param>
    /// <param name="t">Time.</param>
    /// <param name="span">Length of the whole run.</param>
    /// <returns>Whether the step has collapsed.</returns>
    public static bool Collapsed(double dt, double t, double span) =>
        !(dt >= CollapseUlps * Ulp * Math.Max(Math.Abs(t), Math.Abs(span)));

    internal static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    internal static SolverFailureException Collapse(double dt, double t, int? cell, string where) =>
        new(FailureCause.StepCollapse, t, cell,
            $"step size collapsed to {F(dt)} at t = {F(t)}{At(cell, where)}: the drift or diffusion is too stiff for this grid " +
            "(or overflows); check sigma/theta/beta and the grid's cell size, or use fewer cells");

    internal static SolverFailureException Budget(long steps, double dt, double t) =>
        new(FailureCause.StepBudget, t, null,
            $"the run needs more than {MaxSteps} steps (reached {steps} at t = {F(t)} with step {F(dt)}): the problem is too stiff or the " +
            "time span too long for this scheme; use the implicit scheme or a shorter time span, and resolve the initial density (a density narrower than a few cells needs more cells)");

    internal static SolverFailureException FixedBudget(long steps, double h) =>
        new(FailureCause.StepBudget, 0, null,
            $"fixedStep {F(h)} needs {F(steps)} steps, more than the budget of {MaxSteps}: use a larger fixed step, or none (adaptive)");

    internal static SolverFailureException Rates(double rate, double t) =>
        new(FailureCause.NonFiniteRates, t, null,
            $"the drift or diffusion rate is not finite at t = {F(t)} (largest outflow rate {F(rate)}): the process coefficients overflow " +
            "on this grid; reduce sigma/theta/beta or use wider cells");

    /// <summary>Checks a snapshot on the host: finite, not negative beyond round-off, mass kept.</summary>
    /// <param name="p">Cell values.</param>
    /// <param name="t">Time of the snapshot.</param>
    /// <param name="mass">Its mass.</param>
    /// <param name="mass0">Initial mass.</param>
    /// <param name="conserving">Reflecting or periodic domain: mass must be kept.</param>
    /// <param name="checkNegative">The scheme claims positivity up to round-off.</param>
    internal static void Snapshot(double[] p, double t, double mass, double mass0, bool conserving, bool checkNegative)
    {
        double max = 0, min = 0; int imin = -1;
        for (int i = 0; i < p.Length; i++)
        {
            double v = p[i];
            if (!double.IsFinite(v))
                throw NonFinite(t, i, v);
            if (v > max) max = v;
            if (v < min) { min = v; imin = i; }
        }
        if (!double.IsFinite(mass)) throw NonFinite(t, null, mass);
        if (conserving && !(Math.Abs(mass - mass0) <= MassDriftTolerance * Math.Abs(mass0)))
            throw new SolverFailureException(FailureCause.MassDrift, t, null,
                $"the mass drifted from {F(mass0)} to {F(mass)} (relative change {F(Math.Abs(mass - mass0) / mass0)}, limit {F(MassDriftTolerance)}) " +
                $"by t = {F(t)} on a mass-conserving domain: the steps are too large for the rates (or the time span too long); " +
                "set solver.maxStep or shorten the time span");
        if (checkNegative && imin >= 0 && min < -NegativeTolerance * max)
            throw new SolverFailureException(FailureCause.NegativeDensity, t, imin,
                $"the density fell to {F(min)} ({F(min / max)} of max p, limit {F(-NegativeTolerance)}) at t = {F(t)} (cell {imin}): " +
                "the steps are too large for positivity; use a smaller fixedStep or the adaptive step");
    }

    /// <summary>A NaN or infinity in the state.</summary>
    /// <param name="t">Time.</param>
    /// <param name="where">Cell or particle, when known.</param>
    /// <param name="value">The value.</param>
    /// <param name="what">"cell" or "particle".</param>
    /// <returns>The exception to throw.</returns>
    internal static SolverFailureException NonFinite(double t, int? where, double value, string what = "cell") =>
        new(FailureCause.NonFinite, t, where,
            what == "cell"
                ? $"the density became {F(value)} at t = {F(t)}{At(where, what)}: the drift or diffusion overflows or the steps are unstable; " +
                  "check sigma/theta/beta and the grid, or use smaller steps"
                : $"the particle position became {F(value)} at t = {F(t)}{At(where, what)}: the dynamics overflow or the steps are unstable; " +
                  "use more time steps, a smaller lambda or better-scaled process coefficients");

    private static string At(int? where, string what) => where is int i ? $" ({what} {i})" : "";
}
