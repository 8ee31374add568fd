using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Fields;

/// <summary>
/// Domain adequacy: how far a reflecting or absorbing wall has changed the density, score and PF velocity of a grid
/// solution. A grid refinement cannot see this (<see cref="SpatialErrorEstimate"/>): the wall is part of both grids.
/// When the mass fraction in the outermost cells of some snapshot is above <see cref="EdgeMassTrigger"/>, the same
/// method (extrapolated when the options say so, without the error-estimate companion) is run again on a domain
/// widened by <see cref="WideningFraction"/> of its width on each side, with the same cell size so that the common
/// cells coincide. A cell of a snapshot is wall-influenced where the two densities differ by more than
/// <see cref="DensityTolerance"/> of the widened maximum and by more than <see cref="FieldTolerance"/> of the cell's
/// own widened density, or where both grids trust their fields and the score or PF
/// velocity differ by more than <see cref="FieldTolerance"/> in max |Δ| / (1 + |F|) (F the widened value); every cell
/// between such a cell and its nearest wall is wall-influenced too (the influence grows toward the wall). Influenced
/// cells are untrusted (<see cref="GridFields.IsTrusted"/>) without touching the trust weights, so the fields and
/// everything particles read stay as they were; each wall that influences cells gets a warning naming the bound to
/// move and how far. Periodic boundaries are exempt.
/// </summary>
public sealed class WallInfluence
{
    /// <summary>Mass fraction in the outermost cells above which the widened solve runs: above round-off (1e-13 is a
    /// few hundred ulps of a unit mass), so any mass that has reached the wall is checked, while a domain wide enough for
    /// its densities to underflow at the walls costs nothing.</summary>
    public const double EdgeMassTrigger = 1e-13;

    /// <summary>Field tolerance, max |Δ| / (1 + |F|) of score or PF velocity: two orders below the 1 % of a field that
    /// a user would notice in a flow or a sampler, and at or below the field error of the default grids with
    /// extrapolation (1e-5 to 1e-4 where p ≥ 1e-6 max p), so what the wall adds is not hidden under the discretisation
    /// error the estimates report, yet large enough that the two solves' independent time-step controls (tolerance
    /// 1e-8) do not trip it.</summary>
    public const double FieldTolerance = 1e-4;

    /// <summary>Density tolerance, |Δp| relative to the widened solve's maximum: the floor of the region where field
    /// errors are measured (<see cref="FieldErrors.DefaultFloor"/>); a wall that moves a cell average by more than
    /// that moves mass the L1 error estimate would report as exact.</summary>
    public const double DensityTolerance = 1e-6;

    /// <summary>Widening per non-periodic side, as a fraction of the domain's width along that axis (rounded up to
    /// whole cells): wide enough that the companion's own walls sit where the density is much smaller than at the
    /// original ones (for a Gaussian tail 25 % of a domain of ±6 standard deviations is 1.5 more, a factor e^-10), at
    /// 2.25 times the cells in 2D.</summary>
    public const double WideningFraction = 0.25;

    /// <summary>Margin of the suggested bound, as a fraction of the influenced width: the wall is to move out by the
    /// width it influenced plus this much more, since that width was measured at the old wall.</summary>
    public const double MarginFraction = 0.25;

    /// <summary>Least margin in cells (a narrower influence is mostly the stencil next to the wall).</summary>
    public const int MarginCells = 2;

    private WallInfluence(bool[][] influenced, IReadOnlyList<WallReport> walls, bool ran)
    {
        Influenced = influenced; Walls = walls; Checked = ran;
        Warnings = walls.Select(w => w.Message).ToArray();
    }

    /// <summary>Wall-influenced cells per snapshot (flat like the fields).</summary>
    public bool[][] Influenced { get; }

    /// <summary>The walls that influence some cell, one report each.</summary>
    public IReadOnlyList<WallReport> Walls { get; }

    /// <summary>One warning per influencing wall.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether the widened solve ran (mass reached the edge of a non-periodic domain).</summary>
    public bool Checked { get; }

    /// <summary>Number of influenced cells over all snapshots.</summary>
    public long Cells => Influenced.Sum(m => (long)m.Count(b => b));

    /// <summary>Checks a 1D solution's walls and attaches the result to its fields (<see cref="GridFields.Walls"/>).</summary>
    /// <param name="fields">Fields of the solution (a built-in process: ou, vp, ve or langevin).</param>
    /// <param name="initial">The initial density the solution started from at its first snapshot time.</param>
    /// <param name="options">The solver options of the solution (its extrapolation and tolerance).</param>
    /// <param name="backend">Backend; null picks one.</param>
    /// <returns>The influence (empty when periodic or when no mass reached the edge).</returns>
    public static WallInfluence Check(GridFields fields, IDensity1D initial, SolverOptions options, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(options);
        var g = fields.Solution.Grid1 ?? throw new ArgumentException("a 1D check needs a 1D solution", nameof(fields));
        if (!Needed(fields.Solution)) return Attach(fields, None(fields), false);
        int m = WideningCells(g);
        var wide = g.With(g.Lower - m * g.H, g.Upper + m * g.H, g.Cells + 2 * m);
        var sol = FokkerPlanckSolver.SolveWithoutEstimate(fields.Process, wide, initial, fields.Times, options with { Progress = null }, backend);
        return Attach(fields, Compare(fields, GridFields.FromSolution(sol, fields.Process, fields.Trust), m, 0), true);
    }

    /// <summary>2D form of <see cref="Check(GridFields, IDensity1D, SolverOptions, IBackend?)"/>.</summary>
    /// <param name="fields">Fields of the solution.</param>
    /// <param name="initial">Initial density.</param>
    /// <param name="options">Solver options of the solution.</param>
    /// <param name="backend">Backend; null picks one.</param>
    /// <returns>The influence.</returns>
    public static WallInfluence Check(GridFields fields, IDensity2D initial, SolverOptions options, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(options);
        var g = fields.Solution.Grid2 ?? throw new ArgumentException("a 2D check needs a 2D solution", nameof(fields));
        if (!Needed(fields.Solution)) return Attach(fields, None(fields), false);
        int mx = WideningCells(g.X), my = WideningCells(g.Y);
        static Grid1D Widen(Grid1D a, int m) => a.With(a.Lower - m * a.H, a.Upper + m * a.H, a.Cells + 2 * m);
        var wide = new Grid2D(Widen(g.X, mx), Widen(g.Y, my));
        var sol = FokkerPlanckSolver.SolveWithoutEstimate(fields.Process, wide, initial, fields.Times, options with { Progress = null }, backend);
        return Attach(fields, Compare(fields, GridFields.FromSolution(sol, fields.Process, fields.Trust), mx, my), true);
    }

    private static WallInfluence Attach(GridFields fields, WallInfluence w, bool ran)
    {
        var r = ran ? w : new WallInfluence(w.Influenced, w.Walls, false);
        fields.Walls = r;
        return r;
    }

    private static WallInfluence None(GridFields f) =>
        new(f.Weight.Select(w => new bool[w.Length]).ToArray(), [], false);

    private static bool Needed(GridSolution s) => s.Densities.Any(p => FokkerPlanckSolver.EdgeFraction(p, s) > EdgeMassTrigger);

    // A periodic axis has no wall: it is not widened (its period is part of the problem).
    private static int WideningCells(Grid1D a) => a.Periodic ? 0 : (int)Math.Ceiling(WideningFraction * a.Cells);

    // Wall k: 0 lower x, 1 upper x, 2 lower y, 3 upper y.
    private sealed class Acc
    {
        public double Depth, Score, Velocity, Density;
        public long Cells;
        public bool Any;
    }

    /// <summary>Compares fields with those of a widened solve whose common cells start at offset (mx, my) (my = 0 in 1D).</summary>
    // Long by design: one pass over the common cells that compares the fields, attributes each difference to its nearest
    // wall(s) and accumulates the per-wall report, so that the mask and the report cannot disagree.
    internal static WallInfluence Compare(GridFields f, GridFields wide, int mx, int my)
    {
        var sol = f.Solution;
        bool twoD = sol.Grid2 is not null;
        var gx = sol.Grid1 ?? sol.Grid2!.X;
        var gy = sol.Grid2?.Y;
        int nx = gx.Cells, ny = gy?.Cells ?? 1, wny = twoD ? ny + 2 * my : 1;
        int walls = twoD ? 4 : 2;
        var acc = Enumerable.Range(0, walls).Select(_ => new Acc()).ToArray();
        var influenced = new bool[f.Times.Length][];
        static double Rel(double a, double e) => Math.Abs(a - e) / (1 + Math.Abs(e));
        for (int s = 0; s < f.Times.Length; s++)
        {
            var p = sol.Densities[s]; var pw = wide.Solution.Densities[s];
            double maxW = pw.Max();
            var owner = new int[nx * ny]; // bit k: cell lies between a marked cell and wall k
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    int c = i * ny + j, cw = (i + mx) * wny + (j + my);
                    double dd = maxW > 0 ? Math.Abs(p[c] - pw[cw]) / maxW : 0, ds = 0, dv = 0;
                    if (f.Weight[s][c] >= 1 && wide.Weight[s][cw] >= 1)
                    {
                        ds = Rel(f.Score[s][c], wide.Score[s][cw]);
                        dv = Rel(f.Velocity[s][c], wide.Velocity[s][cw]);
                        if (twoD)
                        {
                            ds = Math.Max(ds, Rel(f.ScoreY![s][c], wide.ScoreY![s][cw]));
                            dv = Math.Max(dv, Rel(f.VelocityY![s][c], wide.VelocityY![s][cw]));
                        }
                    }
                    // A density change marks a cell only where it is also locally significant (a field tolerance of
                    // the cell's own density): mass an absorbing wall takes lowers p everywhere by a similar fraction,
                    // which changes no field and must not untrust the whole domain.
                    bool densityMoved = dd > DensityTolerance && Math.Abs(p[c] - pw[cw]) > FieldTolerance * Math.Abs(pw[cw]);
                    if (!(densityMoved || ds > FieldTolerance || dv > FieldTolerance)) continue;
                    // Distances from the centre to each wall; the cell is attributed to the nearest (all tied ones).
                    double[] dist = twoD
                        ? [(i + 0.5) * gx.H, (nx - i - 0.5) * gx.H, (j + 0.5) * gy!.H, (ny - j - 0.5) * gy.H]
                        : [(i + 0.5) * gx.H, (nx - i - 0.5) * gx.H];
                    // A periodic axis has no walls to blame (a torus never runs this check).
                    if (gx.Periodic) dist[0] = dist[1] = double.PositiveInfinity;
                    if (twoD && gy!.Periodic) dist[2] = dist[3] = double.PositiveInfinity;
                    double near = dist.Min();
                    for (int k = 0; k < walls; k++)
                    {
                        if (dist[k] > near * (1 + Tolerances.StepSlack)) continue; // equidistant walls up to round-off all count
                        var a = acc[k];
                        a.Any = true;
                        a.Depth = Math.Max(a.Depth, dist[k] + 0.5 * (k < 2 ? gx.H : gy!.H));
                        a.Score = Math.Max(a.Score, ds); a.Velocity = Math.Max(a.Velocity, dv); a.Density = Math.Max(a.Density, dd);
                        switch (k)
                        {
                            case 0: for (int q = 0; q <= i; q++) owner[q * ny + j] |= 1; break;
                            case 1: for (int q = i; q < nx; q++) owner[q * ny + j] |= 2; break;
                            case 2: for (int q = 0; q <= j; q++) owner[i * ny + q] |= 4; break;
                            default: for (int q = j; q < ny; q++) owner[i * ny + q] |= 8; break;
                        }
                    }
                }
            influenced[s] = owner.Select(o => o != 0).ToArray();
            for (int c = 0; c < owner.Length; c++)
                if (owner[c] != 0 && f.Weight[s][c] >= 1)
                    for (int k = 0; k < walls; k++)
                        if ((owner[c] & (1 << k)) != 0) acc[k].Cells++;
        }
        var reports = new List<WallReport>();
        for (int k = 0; k < walls; k++)
        {
            if (!acc[k].Any) continue;
            var axis = k < 2 ? gx : gy!;
            bool upper = k % 2 == 1;
            double wall = upper ? axis.Upper : axis.Lower, width = axis.Upper - axis.Lower;
            double move = Math.Max(acc[k].Depth * (1 + MarginFraction), acc[k].Depth + MarginCells * axis.H);
            // Rounded outward to a hundredth of the width's decade, so the suggestion reads as a plain number.
            double q = Math.Pow(10, Math.Floor(Math.Log10(width)) - 2);
            double bound = upper ? Math.Ceiling((wall + move) / q) * q : Math.Floor((wall - move) / q) * q;
            reports.Add(new WallReport(k < 2 ? 0 : 1, upper, wall, axis.Side(upper), acc[k].Depth,
                acc[k].Density, acc[k].Score, acc[k].Velocity, acc[k].Cells, bound));
        }
        return new WallInfluence(influenced, reports, true);
    }
}
