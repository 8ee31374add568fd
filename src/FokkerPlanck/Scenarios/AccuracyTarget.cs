using System.Globalization;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// A tolerance instead of a grid: solves, reads the error estimates (<see cref="ErrorEstimates"/>: L1 density error,
/// score and PF-velocity errors over the trusted region) and, while any exceeds the target, refines — the domain first
/// when more than the target of the mass reaches its outermost cells or the wall check (<see cref="Fields.WallInfluence"/>,
/// field tolerance 1e-4) finds cells a wall has bent (widened by half its width on each non-periodic side at the same
/// cell size), else the cells, by the factor the estimates' order predicts (order 2 plain, 4
/// extrapolated; at least 2, at most 4 per axis). The time tolerance is set to <see cref="TimeShare"/> of the target so
/// that the time error, which the field estimates do not see, stays below it. Stops with <see cref="SolverFailureException"/> (<see cref="FailureCause.TargetNotMet"/>)
/// when the next grid would exceed the memory budget or <see cref="MaxRounds"/> solves did not reach the target: a
/// result that misses its target is never returned as if it met it.
/// </summary>
public static class AccuracyTarget
{
    /// <summary>Solves at most (each grows the grid by 2–4× per axis, so 6 rounds span up to 4⁵ = 1024×).</summary>
    public const int MaxRounds = 6;

    /// <summary>The time tolerance (the implicit controller's bound on the accumulated L1 time error) as a fraction of the
    /// target. The field estimates compare two grids whose time errors are nearly the same, so they do not see the time
    /// error, and it reaches the score amplified by 1/p in the tails of the region p ≥ 1e-6 max p (measured: an L1 time
    /// error of 2e-9 gave a PF-velocity error of 2.3e-6 there). 1e-4 of the target keeps it below the target; Crank–Nicolson
    /// needs √10 ≈ 3.2× more steps per decade of time tolerance (steps ∝ tolerance^-½), a cost paid only with --tolerance.</summary>
    public const double TimeShare = 1e-4;

    /// <summary>Smallest time tolerance asked of the controller: below about 1e-12 the step-doubling differences reach the
    /// round-off floor of the L1 norm and smaller steps buy nothing but run time.</summary>
    public const double MinTimeTolerance = 1e-12;

    /// <summary>Solves the scenario to the target.</summary>
    /// <param name="scenario">Scenario (its grid is the first guess).</param>
    /// <param name="tolerance">Target for every estimate, every snapshot.</param>
    /// <param name="solve">Solves a scenario (the caller's backend, progress and cancellation).</param>
    /// <param name="memoryBudget">Largest memory estimate allowed for a refined grid (bytes).</param>
    /// <param name="report">Receives one line per round (or null).</param>
    /// <returns>The scenario that met the target, its solution, fields, estimates and the rounds' lines.</returns>
    public static AccuracyTargetResult Solve(Scenario scenario, double tolerance, Func<Scenario, GridSolution> solve, long memoryBudget, Action<string>? report = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(solve);
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must be > 0 and finite (got {tolerance})");
        double timeTolerance = Math.Max(MinTimeTolerance, Math.Min(scenario.Solver.Tolerance, TimeShare * tolerance));
        var sc = scenario.With(solver: scenario.Solver with { Tolerance = timeTolerance });
        var lines = new List<string>();
        void Say(string line) { lines.Add(line); report?.Invoke(line); }
        sc = HoldInitialMass(sc, Say);
        for (int round = 1; ; round++)
        {
            var sol = solve(sc);
            var fields = GridFields.FromSolution(sol, sc.Process);
            var est = ErrorEstimates.Of(fields, sc.Process, sc.Initial1D, sc.Initial2D) ?? throw new InvalidOperationException("the solution has no error estimates");
            double density = est.Density.Max(), field = Math.Max(est.Score.Max(), est.Velocity.Max());
            double edge = sol.Densities.Max(p => FokkerPlanckSolver.EdgeFraction(p, sol));
            bool walls = !(sol.Grid1?.Periodic ?? sol.Grid2!.Periodic);
            // A wall bends the fields far more than its edge mass suggests: the wall check (a solve on a wider domain)
            // must find no influenced cell either.
            int bent = walls && edge <= tolerance ? sc.CheckWalls(fields, options: sc.Solver)?.Walls.Count ?? 0 : 0;
            bool wide = !walls || (edge <= tolerance && bent == 0);
            Say($"round {round}: {Describe(sc)}: estimated L1 error {E(density)}, field error {E(field)}" +
                (walls ? $", edge mass {E(edge)}" : "") + $" (target {E(tolerance)})");
            if (density <= tolerance && field <= tolerance && wide)
                return new AccuracyTargetResult(sc, sol, fields, est, lines);
            var next = wide ? Refine(sc, Math.Max(density, field) / tolerance, sol.Extrapolated) : Widen(sc);
            string why = wide ? "the estimates are above the target" : bent > 0 ? $"{bent} wall(s) bend the fields (wall check)" : "mass reaches the edge cells";
            long bytes = MemoryEstimate.Solve(next).Bytes;
            if (round >= MaxRounds || bytes > memoryBudget)
            {
                string stop = round >= MaxRounds ? $"{MaxRounds} solves" : $"the memory budget ({MemoryEstimate.Format(memoryBudget)}; {Describe(next)} needs {MemoryEstimate.Format(bytes)})";
                throw new SolverFailureException(FailureCause.TargetNotMet, sc.End, null,
                    $"the tolerance {E(tolerance)} was not met within {stop}: {Describe(sc)} reaches L1 {E(density)}, fields {E(field)}, edge mass {E(edge)}; " +
                    "raise the tolerance or the memory budget");
            }
            Say($"  {why}: next {Describe(next)}");
            sc = next;
        }
    }

    // A domain that loses initial mass above the (time) tolerance is widened to the check's suggested bounds at the same
    // cell size; a grid that cannot represent it gets twice the cells; at most MaxRounds times.
    private static Scenario HoldInitialMass(Scenario sc, Action<string> say)
    {
        for (int k = 0; k < MaxRounds; k++)
        {
            var m = sc.InitialMass;
            if (m.Verdict != InitialMassVerdict.Error) return sc;
            Scenario next;
            if (m.LostDominates)
            {
                static Grid1D To(Grid1D a, double lo, double hi)
                {
                    if (a.Periodic) return a; // the period is the problem's, not a domain choice
                    int left = (int)Math.Ceiling(Math.Max(0, a.Lower - lo) / a.H), right = (int)Math.Ceiling(Math.Max(0, hi - a.Upper) / a.H);
                    return a.With(a.Lower - left * a.H, a.Upper + right * a.H, a.Cells + left + right);
                }
                next = sc.Grid1D is { } g ? sc.With(grid1: To(g, m.SuggestedLower[0], m.SuggestedUpper[0]))
                    : sc.With(grid2: new Grid2D(To(sc.Grid2D!.X, m.SuggestedLower[0], m.SuggestedUpper[0]), To(sc.Grid2D.Y, m.SuggestedLower[1], m.SuggestedUpper[1])));
                say($"  {E(m.Lost)} of the initial mass lies outside the domain: widened to {Describe(next)}");
            }
            else
            {
                next = Refine(sc, 4, extrapolated: false);
                say($"  {E(m.Unresolved)} of the initial mass is not represented by the cells: refined to {Describe(next)}");
            }
            sc = next;
        }
        return sc;
    }

    // Cells per axis times the factor the order predicts for the ratio (error / target), rounded up to 2, 3 or 4.
    private static Scenario Refine(Scenario sc, double ratio, bool extrapolated)
    {
        double q = extrapolated ? 4 : 2;
        int f = (int)Math.Clamp(Math.Ceiling(1.2 * Math.Pow(ratio, 1 / q)), 2, 4);
        return sc.Grid1D is { } g ? sc.With(grid1: g.Scaled(f)) : sc.With(grid2: sc.Grid2D!.Scaled(f));
    }

    // Half the width more on each side of every axis with walls, at the same cell size (a periodic axis keeps its period).
    private static Scenario Widen(Scenario sc)
    {
        static Grid1D Wider(Grid1D a)
        {
            if (a.Periodic) return a;
            double w = a.Upper - a.Lower;
            int add = (int)Math.Ceiling(0.5 * a.Cells);
            return a.With(a.Lower - add * w / a.Cells, a.Upper + add * w / a.Cells, a.Cells + 2 * add);
        }
        return sc.Grid1D is { } g ? sc.With(grid1: Wider(g)) : sc.With(grid2: new Grid2D(Wider(sc.Grid2D!.X), Wider(sc.Grid2D.Y)));
    }

    /// <summary>The grid in words, as the run's messages give it.</summary>
    /// <param name="sc">Scenario.</param>
    /// <returns>For example "2048 cells on [-10, 10]".</returns>
    public static string Describe(Scenario sc)
    {
        ArgumentNullException.ThrowIfNull(sc);
        static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (sc.Grid1D is { } g) return $"{g.Cells} cells on [{G(g.Lower)}, {G(g.Upper)}]";
        var x = sc.Grid2D!.X; var y = sc.Grid2D.Y;
        return $"{x.Cells}×{y.Cells} cells on [{G(x.Lower)}, {G(x.Upper)}]×[{G(y.Lower)}, {G(y.Upper)}]";
    }

    private static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="AccuracyTarget.Solve"/> chose and computed.</summary>
/// <param name="Scenario">The scenario on the grid that met the target (its JSON records the grid and time tolerance).</param>
/// <param name="Solution">The solution.</param>
/// <param name="Fields">Its fields.</param>
/// <param name="Estimates">Its error estimates (all at or below the target).</param>
/// <param name="Rounds">One line per solve and refinement.</param>
public sealed record AccuracyTargetResult(Scenario Scenario, GridSolution Solution, GridFields Fields, ErrorEstimates Estimates, IReadOnlyList<string> Rounds);
