using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;
using FokkerPlanck.Model;

namespace FokkerPlanck.Fields;

/// <summary>
/// Score and probability-flow velocity of every snapshot of a grid solution, computed from the solver's own
/// Scharfetter–Gummel flux. At each interior face the PF velocity is v = J / p̃ with J the discrete flux and p̃ the
/// logarithmic mean (p_R - p_L) / ln(p_R / p_L) of the two cells, so a continuity flux v p̃ reproduces the
/// Fokker–Planck flux exactly (<see cref="FaceVelocity"/>). The score at a face is the log-difference
/// (ln p_R - ln p_L) / h; it agrees with (f - v) / D to O(h²), is exact for the discrete Gibbs state, and keeps a
/// Gaussian's score linear. At reflecting and absorbing edges the face velocity is stored as 0 (closed edge); with
/// g = 0 (flow matching) the face velocity is the face drift. Cell-centre scores are the fourth-order centred difference of ln p, with ln p recovered
/// from the cell averages as ln p̄ - (δ²p̄)/(24 p̄) (δ² summed over both axes in 2D), which removes the O(h²) effect of
/// averaging: fourth order for smooth densities. Next to the edges or to non-positive values they fall back to the
/// face log-differences (mean of the two faces, or linear extrapolation in an edge cell; second order). The cell-centre PF velocity is f - ½ g² s. Where the density is small the trust region blends in the
/// field of the snapshot's moment-matched Gaussian (see <see cref="TrustRegion"/>).
/// </summary>
public sealed class GridFields
{
    private GridFields(GridSolution solution, Process process, TrustRegion trust, bool withCurrent)
    {
        Solution = solution; Process = process; Trust = trust;
        int nt = solution.Times.Length;
        Score = new double[nt][]; Velocity = new double[nt][]; Weight = new double[nt][];
        ScoreY = solution.Grid2 is null ? null : new double[nt][];
        VelocityY = solution.Grid2 is null ? null : new double[nt][];
        FaceVelocity = new double[nt][];
        FaceVelocityY = solution.Grid2 is null ? null : new double[nt][];
        Current = withCurrent ? new double[nt][] : null;
        CurrentY = withCurrent && solution.Grid2 is not null ? new double[nt][] : null;
        FaceDrift = new double[nt][];
        FaceDriftY = solution.Grid2 is null ? null : new double[nt][];
    }

    /// <summary>The solution the fields come from.</summary>
    public GridSolution Solution { get; }

    /// <summary>The process (drift f and noise g).</summary>
    public Process Process { get; }

    /// <summary>The trust region used.</summary>
    public TrustRegion Trust { get; }

    /// <summary>Snapshot times.</summary>
    public double[] Times => Solution.Times;

    /// <summary>Score at the cell centres per snapshot (x-component in 2D; flat i * ny + j).</summary>
    public double[][] Score { get; }

    /// <summary>y-component of the score (2D), else null.</summary>
    public double[][]? ScoreY { get; }

    /// <summary>PF velocity f - ½ g² s at the cell centres (x-component in 2D).</summary>
    public double[][] Velocity { get; }

    /// <summary>y-component of the PF velocity (2D), else null.</summary>
    public double[][]? VelocityY { get; }

    /// <summary>Trust weight per cell (1 = trusted, 0 = fallback only).</summary>
    public double[][] Weight { get; }

    /// <summary>PF velocity J / p̃ at the faces of the solver (1D: n + 1 faces; 2D: x-faces (nx + 1) * ny), blended like the centres; 0 at reflecting edges.</summary>
    public double[][] FaceVelocity { get; }

    /// <summary>PF velocity at the y-faces (2D: nx * (ny + 1)), else null.</summary>
    public double[][]? FaceVelocityY { get; }

    /// <summary>The probability current J at the faces, the solver's own Scharfetter–Gummel flux of the snapshot's
    /// density, J = h (r₊ p_L - r₋ p_R) with the rates of the run (1D: n + 1 faces, face k between cells k - 1 and k;
    /// 2D: x-faces (nx + 1) * ny at k * ny + j). 0 at reflecting edges, the outflow at absorbing ones (negative at the
    /// lower edge), and the same value at faces 0 and n of a periodic axis. Not blended: mass is conserved by it exactly,
    /// dp_i/dt = -(J_{i+½} - J_{i-½}) / h. For an extrapolated solution it is the same combination of the two passes'
    /// currents as the density's, (4 J_fine − J_coarse) / 3, since the plain flux of the extrapolated density would be
    /// second order only (tilted periodic potential at 256 cells: relative error 9e-4 that way). Null unless asked for
    /// (<see cref="FromSolution"/>).</summary>
    public double[][]? Current { get; }

    /// <summary>The current at the y-faces (2D: nx * (ny + 1) at i * (ny + 1) + k), else null.</summary>
    public double[][]? CurrentY { get; }

    /// <summary>The solver's face drift f at the same faces as <see cref="FaceVelocity"/>.</summary>
    public double[][] FaceDrift { get; }

    /// <summary>Face drift at the y-faces (2D), else null.</summary>
    public double[][]? FaceDriftY { get; }

    /// <summary>Bound on the error of interpolating these fields in time between their snapshots, as particles do
    /// (<see cref="FieldTimeline.LeaveOneOut"/>, largest over the interior snapshots); NaN with fewer than five snapshots,
    /// where it cannot be estimated. Computed on first use.</summary>
    public double TimeInterpolationError => _timeError ??= FieldTimeline.LeaveOneOut(this) is { Length: > 0 } e ? e.Max() : double.NaN;

    private double? _timeError;

    /// <summary>Number of cells (over all snapshots) not trusted (<see cref="IsTrusted"/>).</summary>
    public long UntrustedCells
    {
        get
        {
            long n = 0;
            for (int s = 0; s < Weight.Length; s++)
                for (int c = 0; c < Weight[s].Length; c++)
                    if (!IsTrusted(s, c)) n++;
            return n;
        }
    }

    /// <summary>The walls' influence on these fields once <see cref="WallInfluence.Check(GridFields, IDensity1D, Discretization.SolverOptions, Backends.IBackend?)"/>
    /// (or its 2D form) has run on them, else null. It only marks cells untrusted: <see cref="Weight"/> and the fields
    /// (what particles read) stay as computed.</summary>
    public WallInfluence? Walls { get; internal set; }

    /// <summary>Whether a cell of a snapshot is trusted: trust weight 1 and not influenced by a wall (<see cref="Walls"/>).</summary>
    /// <param name="snapshot">Snapshot index.</param>
    /// <param name="cell">Cell index (flat i * ny + j in 2D).</param>
    /// <returns>True when trusted.</returns>
    public bool IsTrusted(int snapshot, int cell) => Weight[snapshot][cell] >= 1 && Walls?.Influenced[snapshot][cell] != true;

    /// <summary>Warnings about the fields (one per wall that influences them, see <see cref="Walls"/>).</summary>
    public IReadOnlyList<string> Warnings => Walls?.Warnings ?? [];

    /// <summary>Fields whose score someone else computed at the cell centres (a learned model tabulated on the grid), for the
    /// particle engine and the field sampler: trust weight 1 everywhere, the cell-centre PF velocity f − ½ g² s; no face
    /// fields (zero) and no current.</summary>
    /// <param name="solution">The grid, the snapshot times and a density per snapshot (what the fields are compared with).</param>
    /// <param name="process">The process.</param>
    /// <param name="score">Score per snapshot at the centres (x-component in 2D; flat i * ny + j).</param>
    /// <param name="scoreY">y-component (2D), else null.</param>
    /// <returns>The fields.</returns>
    public static GridFields FromScores(GridSolution solution, Process process, double[][] score, double[][]? scoreY)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(score);
        int nt = solution.Times.Length, cells = solution.Densities[0].Length;
        if (score.Length != nt || score.Any(s => s.Length != cells) || (solution.Grid2 is not null) != (scoreY is not null) ||
            (scoreY is not null && (scoreY.Length != nt || scoreY.Any(s => s.Length != cells))))
            throw new ArgumentException($"the scores must have one array of {cells} values per snapshot ({nt}) and per component", nameof(score));
        var f = new GridFields(solution, process, new TrustRegion(), withCurrent: false);
        var centres = solution.Grid1 is { } g1 ? g1.Centers() : null;
        var fv = new double[2];
        for (int s = 0; s < nt; s++)
        {
            double t = solution.Times[s], d = process.Diffusion(t);
            f.Score[s] = (double[])score[s].Clone();
            f.Weight[s] = Enumerable.Repeat(1.0, cells).ToArray();
            f.Velocity[s] = new double[cells];
            if (solution.Grid2 is { } g2)
            {
                f.ScoreY![s] = (double[])scoreY![s].Clone();
                f.VelocityY![s] = new double[cells];
                for (int i = 0; i < g2.X.Cells; i++)
                    for (int j = 0; j < g2.Y.Cells; j++)
                    {
                        int c = g2.Index(i, j);
                        process.Drift([g2.X.Center(i), g2.Y.Center(j)], t, fv);
                        f.Velocity[s][c] = fv[0] - d * score[s][c]; f.VelocityY![s][c] = fv[1] - d * scoreY[s][c];
                    }
                f.FaceVelocity[s] = new double[(g2.X.Cells + 1) * g2.Y.Cells]; f.FaceVelocityY![s] = new double[g2.X.Cells * (g2.Y.Cells + 1)];
                f.FaceDrift[s] = new double[(g2.X.Cells + 1) * g2.Y.Cells]; f.FaceDriftY![s] = new double[g2.X.Cells * (g2.Y.Cells + 1)];
                continue;
            }
            for (int i = 0; i < cells; i++)
            {
                process.Drift([centres![i]], t, fv.AsSpan(0, 1));
                f.Velocity[s][i] = fv[0] - d * score[s][i];
            }
            f.FaceVelocity[s] = new double[cells + 1]; f.FaceDrift[s] = new double[cells + 1];
        }
        return f;
    }

    /// <summary>Computes the fields of a solution.</summary>
    /// <param name="solution">Grid solution.</param>
    /// <param name="process">The process that produced it (ou, vp, ve or langevin).</param>
    /// <param name="trust">Trust region (default: floor 1e-12, one decade of blend).</param>
    /// <param name="withCurrent">Also compute the probability current (<see cref="Current"/>); off where it is not written,
    /// since it evaluates the face rates once more.</param>
    /// <returns>The fields.</returns>
    public static GridFields FromSolution(GridSolution solution, Process process, TrustRegion? trust = null, bool withCurrent = false)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(process);
        trust ??= new TrustRegion();
        trust.Validate();
        for (int k = 1; k < solution.Times.Length; k++)
            if (!(solution.Times[k] > solution.Times[k - 1]))
                throw new ArgumentException("fields need increasing snapshot times (a backward run's snapshots are in decreasing order: reverse them first)", nameof(solution));
        var f = new GridFields(solution, process, trust, withCurrent);
        if (solution.Grid1 is { } g1)
        {
            if (process is FlowMatchingProcess fm)
            {
                // A continuity equation: the cell-centre velocity is the drift, sampled at each snapshot's time.
                var x = new double[1];
                f.Fill1D(g1, default(CellMeanDrift), time => g1.Centers().Select(c => { fm.Drift([c], time, x); return x[0]; }).ToArray());
            }
            else process.UseFaceDrift(new FillWith(f, g1, null));
        }
        else
        {
            var g2 = solution.Grid2!;
            if (process is FlowMatchingProcess fm)
            {
                f.Fill2D(g2, default(CellMeanDrift), time => (CellAverages.Values(g2, (a, b) => fm.Path.Velocity(a, b, time).X),
                    CellAverages.Values(g2, (a, b) => fm.Path.Velocity(a, b, time).Y)));
            }
            else process.UseFaceDrift(new FillWith(f, null, g2));
        }
        f.CheckFinite();
        if (withCurrent && solution.Passes is var (coarse, fine) && process is not FlowMatchingProcess)
            f.ExtrapolateCurrent(CurrentsOf(coarse, process, trust), CurrentsOf(fine, process, trust));
        return f;
    }

    // The current alone of a solution (the passes of an extrapolated one): the other fields are not computed.
    private static GridFields CurrentsOf(GridSolution solution, Process process, TrustRegion trust)
    {
        var f = new GridFields(solution, process, trust, withCurrent: true) { _currentOnly = true };
        if (solution.Grid1 is { } g1) process.UseFaceDrift(new FillWith(f, g1, null));
        else process.UseFaceDrift(new FillWith(f, null, solution.Grid2!));
        return f;
    }

    private bool _currentOnly;

    // The current of an extrapolated solution: the plain discrete flux of the extrapolated density is only second-order
    // accurate (the flux is a derivative), so the current is extrapolated itself, (4 R(J_fine) - J_coarse) / 3, with R
    // the fine flux averaged over the coarse face (1D: the fine face on it; 2D: the two fine faces that make it up).
    private void ExtrapolateCurrent(GridFields coarse, GridFields fine)
    {
        for (int s = 0; s < Times.Length; s++)
        {
            double[] jc = coarse.Current![s], jf = fine.Current![s];
            if (Solution.Grid1 is not null)
            {
                for (int k = 0; k < jc.Length; k++) Current![s][k] = (4 * jf[2 * k] - jc[k]) / 3;
                continue;
            }
            int nx = Solution.Grid2!.X.Cells, ny = Solution.Grid2.Y.Cells;
            double[] jcy = coarse.CurrentY![s], jfy = fine.CurrentY![s];
            for (int k = 0; k <= nx; k++)
                for (int j = 0; j < ny; j++)
                {
                    int fi = 2 * k * 2 * ny + 2 * j;
                    Current![s][k * ny + j] = (2 * (jf[fi] + jf[fi + 1]) - jc[k * ny + j]) / 3;
                }
            for (int i = 0; i < nx; i++)
                for (int k = 0; k <= ny; k++)
                {
                    int fa = 2 * i * (2 * ny + 1) + 2 * k, fb = (2 * i + 1) * (2 * ny + 1) + 2 * k;
                    CurrentY![s][i * (ny + 1) + k] = (2 * (jfy[fa] + jfy[fb]) - jcy[i * (ny + 1) + k]) / 3;
                }
        }
    }

    // Fields that overflow (a score of 1/h with cells near the smallest doubles, or g² s beyond the doubles) would be
    // written as inf or NaN: stop instead, as the solver does for its own state.
    private void CheckFinite()
    {
        foreach (var (name, field) in new[] { ("score", Score), ("score (y)", ScoreY), ("velocity", Velocity), ("velocity (y)", VelocityY),
                     ("face velocity", FaceVelocity), ("face velocity (y)", FaceVelocityY) })
        {
            if (field is null) continue;
            for (int s = 0; s < field.Length; s++)
            {
                int bad = Array.FindIndex(field[s], v => !double.IsFinite(v));
                if (bad >= 0)
                    throw new Numerics.SolverFailureException(Numerics.FailureCause.NonFinite, Times[s], bad,
                        $"the {name} field is {Numerics.FailureChecks.F(field[s][bad])} at t = {Numerics.FailureChecks.F(Times[s])} (cell {bad}): " +
                        "it overflows at this grid's scale; use a grid whose extent and cell size are far from the limits of the doubles");
            }
        }
    }

    // Log-mean of two positive values; NaN when either is not positive.
    internal static double LogMean(double a, double b)
    {
        if (!(a > 0) || !(b > 0)) return double.NaN;
        double d = Math.Log(b / a);
        // Below |d| = 1e-12 the series a (1 + d/2) is exact to double precision (the next term, d²/6, is < 1e-24) and
        // avoids expm1(d)/d's cancellation at d → 0.
        return Math.Abs(d) < 1e-12 ? a * (1 + 0.5 * d) : a * double.ExpM1(d) / d;
    }

    // Score and PF velocity at one face: v = J / p̃ from the solver's SG flux (so v p̃ = J exactly); the score is the
    // log-difference (ln p_R - ln p_L) / h, exact for exponential profiles (error h² times the third derivative of
    // ln p over 24), which keeps a single Gaussian's score linear. NaN where either density is not positive.
    private static (double S, double V) FaceField(double fFace, double d, double h, double pl, double pr)
    {
        // Without diffusion (flow matching, or g = 0) the PF velocity is the drift itself.
        if (!(d > 0)) return (Math.Log(pr / pl) / h, fFace);
        RatePair r = ScharfetterGummel.Rates(fFace, d, h);
        double j = h * (r.Forward * pl - r.Backward * pr), pm = LogMean(pl, pr);
        return (Math.Log(pr / pl) / h, j / pm);
    }

    // The current from the run's own rates (the kernel that fills the operator), face by face: J = h (r₊ p_L − r₋ p_R).
    // A position-dependent diffusion's rates, when the caller has them already, come in as diffusingRates.
    private static double[] Current1D<TDrift>(Grid1D g, Axis ax, double t, double d, TDrift drift, ArrayVec auxV, double[] p, DiffusingForm? df,
        (ArrayVec P, ArrayVec M)? diffusingRates = null) where TDrift : struct, IFaceDrift1D
    {
        int n = g.Cells;
        bool periodic = g.Periodic;
        ArrayVec aP, aM;
        if (diffusingRates is var (kp, km)) (aP, aM) = (kp, km);
        else
        {
            aP = new ArrayVec(new double[n + 1]); aM = new ArrayVec(new double[n + 1]);
            if (df is not null) df.Rates1D(ax, t, auxV, aP, aM);
            else for (int k = 0; k <= n; k++) FaceRateKernels.Face1D(k, ax, t, d, drift, auxV, aP, aM);
        }
        var jf = new double[n + 1];
        for (int k = 0; k <= n; k++)
        {
            double pl = k > 0 ? p[k - 1] : periodic ? p[n - 1] : 0, pr = k < n ? p[k] : periodic ? p[0] : 0;
            jf[k] = g.H * (aP[k] * pl - aM[k] * pr);
        }
        return jf;
    }

    // The 2D current, x-faces then y-faces, from the run's own rates (a position-dependent diffusion's as given, when given).
    private static (double[] X, double[] Y) Current2D<TDrift>(Grid2D g, Axis agx, Axis agy, double t, double d, TDrift drift, ArrayVec auxX, ArrayVec auxYV,
        double[] p, DiffusingForm? df, (ArrayVec XP, ArrayVec XM, ArrayVec YP, ArrayVec YM)? diffusingRates = null) where TDrift : struct, IFaceDrift2D
    {
        int nx = g.X.Cells, ny = g.Y.Cells;
        bool px = g.X.Periodic, py = g.Y.Periodic;
        ArrayVec xP, xM, yP, yM;
        if (diffusingRates is var (kxp, kxm, kyp, kym)) (xP, xM, yP, yM) = (kxp, kxm, kyp, kym);
        else
        {
            xP = new ArrayVec(new double[(nx + 1) * ny]); xM = new ArrayVec(new double[(nx + 1) * ny]);
            yP = new ArrayVec(new double[nx * (ny + 1)]); yM = new ArrayVec(new double[nx * (ny + 1)]);
            if (df is not null) df.Rates2D(agx, agy, t, auxX, auxYV, xP, xM, yP, yM);
            else
            {
                for (int idx = 0; idx < (nx + 1) * ny; idx++) FaceRateKernels.FaceX(idx, agx, agy, t, d, drift, auxX, xP, xM);
                for (int idx = 0; idx < nx * (ny + 1); idx++) FaceRateKernels.FaceY(idx, agx, agy, t, d, drift, auxYV, yP, yM);
            }
        }
        var jx = new double[(nx + 1) * ny]; var jy = new double[nx * (ny + 1)];
        for (int idx = 0; idx < jx.Length; idx++)
        {
            int k = idx / ny, j = idx - k * ny;
            double pl = k > 0 ? p[g.Index(k - 1, j)] : px ? p[g.Index(nx - 1, j)] : 0;
            double pr = k < nx ? p[g.Index(k, j)] : px ? p[g.Index(0, j)] : 0;
            jx[idx] = g.X.H * (xP[idx] * pl - xM[idx] * pr);
        }
        for (int idx = 0; idx < jy.Length; idx++)
        {
            int i = idx / (ny + 1), k = idx - i * (ny + 1);
            double pl = k > 0 ? p[g.Index(i, k - 1)] : py ? p[g.Index(i, ny - 1)] : 0;
            double pr = k < ny ? p[g.Index(i, k)] : py ? p[g.Index(i, 0)] : 0;
            jy[idx] = g.Y.H * (yP[idx] * pl - yM[idx] * pr);
        }
        return (jx, jy);
    }

    private void Fill1D<TDrift>(Grid1D g, TDrift drift, Func<double, double[]?> auxAt, DiffusingForm? df = null) where TDrift : struct, IFaceDrift1D
    {
        int n = g.Cells;
        var ax = g.ToAxis();
        bool periodic = g.Periodic;
        for (int s = 0; s < Times.Length; s++)
        {
            double t = Times[s], d = Process.Diffusion(t);
            var auxV = new ArrayVec(auxAt(t) ?? new double[n]);
            var p = Solution.Densities[s];
            if (_currentOnly) { Current![s] = Current1D(g, ax, t, d, drift, auxV, p, df); continue; }
            double max = p.Max();
            var (mean, var) = Moments1D(g, p);
            var w = p.Select(v => Trust.Weight(v, max)).ToArray();
            var sf = new double[n + 1]; var vf = new double[n + 1]; var ffs = new double[n + 1];
            var dP = new ArrayVec(new double[df is null ? 1 : n + 1]); var dM = new ArrayVec(new double[df is null ? 1 : n + 1]);
            df?.Rates1D(ax, t, auxV, dP, dM);
            for (int k = 0; k <= n; k++)
            {
                bool seam = k == 0 || k == n;
                if (seam && !periodic) { sf[k] = double.NaN; vf[k] = 0; continue; }
                int l = seam ? n - 1 : k - 1, r = seam ? 0 : k;
                double ff = FaceRateKernels.Drift1D(k, ax, drift, auxV, t);
                ffs[k] = ff;
                double xf = seam ? g.Lower : g.Edge(k);
                double wf = Math.Min(w[l], w[r]);
                double fb = -(xf - mean) / var;
                if (df is not null)
                {
                    // J / p̃ from the diffusing rates; the fallback v = f − ∂x D − D s.
                    var (dF, dFx, _) = df.At(xf, 0.0, t);
                    var (sd, vd) = wf > 0 ? (Math.Log(p[r] / p[l]) / g.H, g.H * (dP[k] * p[l] - dM[k] * p[r]) / LogMean(p[l], p[r])) : (0.0, 0.0);
                    sf[k] = wf * sd + (1 - wf) * fb;
                    vf[k] = wf * vd + (1 - wf) * (ff - dFx - dF * fb);
                    continue;
                }
                var (sg, vg) = wf > 0 ? FaceField(ff, d, g.H, p[l], p[r]) : (0.0, 0.0);
                sf[k] = wf * sg + (1 - wf) * fb;
                vf[k] = wf * vg + (1 - wf) * (ff - d * fb);
            }
            // ln p at the centres from the cell averages: ln p̄ - δ²p̄ / (24 p̄) removes the O(h²) averaging term.
            var lc = new double[n];
            for (int i = 0; i < n; i++)
            {
                bool inside = periodic || (i > 0 && i < n - 1);
                double pl = inside ? p[(i - 1 + n) % n] : double.NaN, pr = inside ? p[(i + 1) % n] : double.NaN;
                lc[i] = p[i] > 0 && inside ? Math.Log(p[i]) - (pl - 2 * p[i] + pr) / (24 * p[i]) : double.NaN;
            }
            var sc = new double[n]; var vc = new double[n];
            var fx = new double[1];
            for (int i = 0; i < n; i++)
            {
                double gridS = Fourth(i, n, periodic, g.H, k => lc[k]) ?? Centre(i, n, periodic, k => sf[k]);
                double x = g.Center(i), fb = -(x - mean) / var;
                double si = double.IsFinite(gridS) ? w[i] * gridS + (1 - w[i]) * fb : fb;
                Process.Drift([x], t, fx);
                sc[i] = si;
                if (df is null) vc[i] = fx[0] - d * si;
                else
                {
                    var (dc, dcx, _) = df.At(x, 0.0, t);
                    vc[i] = fx[0] - dcx - dc * si;
                }
            }
            Score[s] = sc; Velocity[s] = vc; Weight[s] = w; FaceVelocity[s] = vf; FaceDrift[s] = ffs;
            if (Current is not null) Current[s] = Current1D(g, ax, t, d, drift, auxV, p, df, df is null ? null : (dP, dM));
        }
    }

    // Long by design: one pass over the snapshots with the x-face and y-face loops written out (as the kernels are), so that
    // the score, velocity, trust weight and face values of a cell come from the same face drifts in one place.
    private void Fill2D<TDrift>(Grid2D g, TDrift drift, Func<double, (double[]? X, double[]? Y)> auxAt, DiffusingForm? df = null)
        where TDrift : struct, IFaceDrift2D
    {
        int nx = g.X.Cells, ny = g.Y.Cells;
        Axis agx = g.X.ToAxis(), agy = g.Y.ToAxis();
        bool px = g.X.Periodic, py = g.Y.Periodic;
        for (int s = 0; s < Times.Length; s++)
        {
            double t = Times[s], d = Process.Diffusion(t);
            var (aux, auxY) = auxAt(t);
            var auxX = new ArrayVec(aux ?? new double[nx * ny]);
            var auxYV = new ArrayVec(auxY ?? new double[nx * ny]);
            var p = Solution.Densities[s];
            if (_currentOnly) { (Current![s], CurrentY![s]) = Current2D(g, agx, agy, t, d, drift, auxX, auxYV, p, df); continue; }
            double max = p.Max();
            var m = Moments2D(g, p);
            var w = p.Select(v => Trust.Weight(v, max)).ToArray();
            // Face fields along x: (k, j) at k * ny + j; along y: (i, k) at i * (ny + 1) + k.
            var sx = new double[(nx + 1) * ny]; var vx = new double[(nx + 1) * ny];
            var sy = new double[nx * (ny + 1)]; var vy = new double[nx * (ny + 1)];
            var fxs = new double[(nx + 1) * ny]; var fys = new double[nx * (ny + 1)];
            int dfx = df is null ? 1 : (nx + 1) * ny, dfy = df is null ? 1 : nx * (ny + 1);
            var dxP = new ArrayVec(new double[dfx]); var dxM = new ArrayVec(new double[dfx]);
            var dyP = new ArrayVec(new double[dfy]); var dyM = new ArrayVec(new double[dfy]);
            df?.Rates2D(agx, agy, t, auxX, auxYV, dxP, dxM, dyP, dyM);
            for (int k = 0; k <= nx; k++)
                for (int j = 0; j < ny; j++)
                {
                    int idx = k * ny + j;
                    bool seam = k == 0 || k == nx;
                    if (seam && !px) { sx[idx] = double.NaN; vx[idx] = 0; continue; }
                    int l = seam ? nx - 1 : k - 1, r = seam ? 0 : k;
                    int cl = g.Index(l, j), cr = g.Index(r, j);
                    double y = g.Y.Center(j), ff = FaceRateKernels.DriftX(k, j, agx, agy, drift, auxX, t);
                    fxs[idx] = ff;
                    double wf = Math.Min(w[cl], w[cr]);
                    double xf = seam ? g.X.Lower : g.X.Edge(k);
                    var (fbx, _) = m.Score(xf, y);
                    if (df is not null)
                    {
                        var (dF, dFx, _) = df.At(xf, y, t);
                        var (sd, vd) = wf > 0 ? (Math.Log(p[cr] / p[cl]) / g.X.H, g.X.H * (dxP[idx] * p[cl] - dxM[idx] * p[cr]) / LogMean(p[cl], p[cr])) : (0.0, 0.0);
                        sx[idx] = wf * sd + (1 - wf) * fbx;
                        vx[idx] = wf * vd + (1 - wf) * (ff - dFx - dF * fbx);
                        continue;
                    }
                    var (sg, vg) = wf > 0 ? FaceField(ff, d, g.X.H, p[cl], p[cr]) : (0.0, 0.0);
                    sx[idx] = wf * sg + (1 - wf) * fbx;
                    vx[idx] = wf * vg + (1 - wf) * (ff - d * fbx);
                }
            for (int i = 0; i < nx; i++)
                for (int k = 0; k <= ny; k++)
                {
                    int idx = i * (ny + 1) + k;
                    bool seam = k == 0 || k == ny;
                    if (seam && !py) { sy[idx] = double.NaN; vy[idx] = 0; continue; }
                    int l = seam ? ny - 1 : k - 1, r = seam ? 0 : k;
                    int cl = g.Index(i, l), cr = g.Index(i, r);
                    double x = g.X.Center(i), ff = FaceRateKernels.DriftY(i, k, agx, agy, drift, auxYV, t);
                    fys[idx] = ff;
                    double wf = Math.Min(w[cl], w[cr]);
                    double yf = seam ? g.Y.Lower : g.Y.Edge(k);
                    var (_, fby) = m.Score(x, yf);
                    if (df is not null)
                    {
                        var (dF, _, dFy) = df.At(x, yf, t);
                        var (sd, vd) = wf > 0 ? (Math.Log(p[cr] / p[cl]) / g.Y.H, g.Y.H * (dyP[idx] * p[cl] - dyM[idx] * p[cr]) / LogMean(p[cl], p[cr])) : (0.0, 0.0);
                        sy[idx] = wf * sd + (1 - wf) * fby;
                        vy[idx] = wf * vd + (1 - wf) * (ff - dFy - dF * fby);
                        continue;
                    }
                    var (sg, vg) = wf > 0 ? FaceField(ff, d, g.Y.H, p[cl], p[cr]) : (0.0, 0.0);
                    sy[idx] = wf * sg + (1 - wf) * fby;
                    vy[idx] = wf * vg + (1 - wf) * (ff - d * fby);
                }
            var lc = new double[nx * ny];
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    bool inside = (px || (i > 0 && i < nx - 1)) && (py || (j > 0 && j < ny - 1));
                    int c = g.Index(i, j);
                    if (!(p[c] > 0) || !inside) { lc[c] = double.NaN; continue; }
                    double dxx = p[g.Index((i - 1 + nx) % nx, j)] - 2 * p[c] + p[g.Index((i + 1) % nx, j)];
                    double dyy = p[g.Index(i, (j - 1 + ny) % ny)] - 2 * p[c] + p[g.Index(i, (j + 1) % ny)];
                    lc[c] = Math.Log(p[c]) - (dxx + dyy) / (24 * p[c]);
                }
            var scx = new double[nx * ny]; var scy = new double[nx * ny]; var vcx = new double[nx * ny]; var vcy = new double[nx * ny];
            var fv = new double[2];
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    int c = g.Index(i, j);
                    double x = g.X.Center(i), y = g.Y.Center(j);
                    double gx = Fourth(i, nx, px, g.X.H, k => lc[g.Index(k, j)]) ?? Centre(i, nx, px, k => sx[k * ny + j]);
                    double gy = Fourth(j, ny, py, g.Y.H, k => lc[g.Index(i, k)]) ?? Centre(j, ny, py, k => sy[i * (ny + 1) + k]);
                    var (fbx, fby) = m.Score(x, y);
                    scx[c] = double.IsFinite(gx) ? w[c] * gx + (1 - w[c]) * fbx : fbx;
                    scy[c] = double.IsFinite(gy) ? w[c] * gy + (1 - w[c]) * fby : fby;
                    Process.Drift([x, y], t, fv);
                    if (df is null)
                    {
                        vcx[c] = fv[0] - d * scx[c];
                        vcy[c] = fv[1] - d * scy[c];
                    }
                    else
                    {
                        var (dc, dcx, dcy) = df.At(x, y, t);
                        vcx[c] = fv[0] - dcx - dc * scx[c];
                        vcy[c] = fv[1] - dcy - dc * scy[c];
                    }
                }
            Score[s] = scx; ScoreY![s] = scy; Velocity[s] = vcx; VelocityY![s] = vcy; Weight[s] = w;
            FaceVelocity[s] = vx; FaceVelocityY![s] = vy; FaceDrift[s] = fxs; FaceDriftY![s] = fys;
            if (Current is not null) (Current[s], CurrentY![s]) = Current2D(g, agx, agy, t, d, drift, auxX, auxYV, p, df, df is null ? null : (dxP, dxM, dyP, dyM));
        }
    }

    // Fourth-order centred difference of ln p at cell i of a line: [8 (L_{i+1} - L_{i-1}) - (L_{i+2} - L_{i-2})] / (12 h);
    // null where the stencil leaves the line (non-periodic) or meets a value that is not finite.
    private static double? Fourth(int i, int n, bool periodic, double h, Func<int, double> lnp)
    {
        if (!periodic && (i < 2 || i > n - 3)) return null;
        double a = lnp((i - 2 + n) % n), b = lnp((i - 1 + n) % n), c = lnp((i + 1) % n), d = lnp((i + 2) % n);
        if (!(double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c) && double.IsFinite(d))) return null;
        return (8 * (c - b) - (d - a)) / (12 * h);
    }

    // Centre value from face values along a line of n cells (faces 0..n).
    private static double Centre(int i, int n, bool periodic, Func<int, double> face) =>
        periodic || (i > 0 && i < n - 1) ? 0.5 * (face(i) + face(i + 1))
        : i == 0 ? 1.5 * face(1) - 0.5 * face(2)
        : 1.5 * face(n - 1) - 0.5 * face(n - 2);

    private static (double Mean, double Var) Moments1D(Grid1D g, double[] p)
    {
        // In units of the domain, u = (x - centre) / width, so that x² cannot overflow on domains up to the largest
        // doubles; the variance (floored at one cell) goes back as width² · var_u, which may be infinite (a fallback score
        // of 0, right for such a domain). No mass left (absorbed): the uniform density's moments.
        double c = 0.5 * g.Lower + 0.5 * g.Upper, w = g.Upper - g.Lower;
        if (!double.IsFinite(w)) w = double.MaxValue;
        double m0 = 0, m1 = 0, m2 = 0;
        for (int i = 0; i < p.Length; i++) { double u = (g.Center(i) - c) / w, v = Math.Max(p[i], 0); m0 += v; m1 += v * u; m2 += v * u * u; }
        if (!(m0 > 0)) return (c, w * w / 12);
        double hu = 1.0 / p.Length, mean = m1 / m0, var = Math.Max(m2 / m0 - mean * mean, hu * hu);
        return (c + w * mean, w * w * var);
    }

    private static GaussianFallback2D Moments2D(Grid2D g, double[] p)
    {
        // As Moments1D: moments in units of the domain per axis (no overflow), the precision scaled back per axis
        // (1/w/w, which may underflow to a zero score on huge domains); no mass left: the uniform density's.
        double cx = 0.5 * g.X.Lower + 0.5 * g.X.Upper, wx = g.X.Upper - g.X.Lower, cy = 0.5 * g.Y.Lower + 0.5 * g.Y.Upper, wy = g.Y.Upper - g.Y.Lower;
        if (!double.IsFinite(wx)) wx = double.MaxValue;
        if (!double.IsFinite(wy)) wy = double.MaxValue;
        double m0 = 0, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < g.X.Cells; i++)
            for (int j = 0; j < g.Y.Cells; j++)
            {
                double v = Math.Max(p[g.Index(i, j)], 0), x = (g.X.Center(i) - cx) / wx, y = (g.Y.Center(j) - cy) / wy;
                m0 += v; mx += v * x; my += v * y; sxx += v * x * x; sxy += v * x * y; syy += v * y * y;
            }
        if (!(m0 > 0)) { m0 = 1; mx = my = sxy = 0; sxx = syy = 1.0 / 12; }
        mx /= m0; my /= m0;
        double hx = 1.0 / g.X.Cells, hy = 1.0 / g.Y.Cells;
        double a = Math.Max(sxx / m0 - mx * mx, hx * hx), b = sxy / m0 - mx * my, c = Math.Max(syy / m0 - my * my, hy * hy);
        double det = a * c - b * b;
        if (!(det > 0)) { b = 0; det = a * c; }
        return new GaussianFallback2D(cx + wx * mx, cy + wy * my, c / det / wx / wx, -b / det / wx / wy, a / det / wy / wy);
    }

    private readonly record struct GaussianFallback2D(double Mx, double My, double Pxx, double Pxy, double Pyy)
    {
        public (double, double) Score(double x, double y)
        {
            double dx = x - Mx, dy = y - My;
            return (-(Pxx * dx + Pxy * dy), -(Pxy * dx + Pyy * dy));
        }
    }

    // Fills the fields with whatever face drift the process hands over (aux: its per-cell values, the same at every time).
    private sealed class FillWith(GridFields f, Grid1D? g1, Grid2D? g2) : IFaceDriftUser<bool>
    {
        public int Dimension => g1 is null ? 2 : 1;

        public bool Use1D<TDrift>(TDrift drift, Func<double, double>? aux) where TDrift : struct, IFaceDrift1D
        {
            var values = aux is null ? null : g1!.Centers().Select(aux).ToArray();
            f.Fill1D(g1!, drift, _ => values);
            return true;
        }

        public bool Use2D<TDrift>(TDrift drift, Func<double, double, double>? aux) where TDrift : struct, IFaceDrift2D
        {
            var values = aux is null ? null : CellAverages.Values(g2!, aux);
            f.Fill2D(g2!, drift, _ => (values, values));
            return true;
        }

        public bool Use1DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift1D, IPointDiffusion
        {
            f.Fill1D(g1!, drift, _ => null, new DiffusingForm1D<TDrift>(drift));
            return true;
        }

        public bool Use2DDiffusing<TDrift>(TDrift drift) where TDrift : struct, IFaceDrift2D, IPointDiffusion
        {
            f.Fill2D(g2!, drift, _ => (null, null), new DiffusingForm2D<TDrift>(drift));
            return true;
        }
    }

    // A position-dependent diffusion's rates (the solver's kernel) and point values, for the fill loops that are generic
    // over a drift type without the diffusion constraint.
    private abstract class DiffusingForm
    {
        public abstract void Rates1D(Axis g, double t, ArrayVec aux, ArrayVec aP, ArrayVec aM);

        public abstract void Rates2D(Axis gx, Axis gy, double t, ArrayVec aux, ArrayVec auxY, ArrayVec xP, ArrayVec xM, ArrayVec yP, ArrayVec yM);

        public abstract (double D, double Dx, double Dy) At(double x, double y, double t);
    }

    private sealed class DiffusingForm1D<TDrift>(TDrift drift) : DiffusingForm where TDrift : struct, IFaceDrift1D, IPointDiffusion
    {
        public override void Rates1D(Axis g, double t, ArrayVec aux, ArrayVec aP, ArrayVec aM)
        {
            for (int k = 0; k <= g.N; k++) FaceRateKernels.DiffusingFace1D(k, g, t, drift, aux, aP, aM);
        }

        public override void Rates2D(Axis gx, Axis gy, double t, ArrayVec aux, ArrayVec auxY, ArrayVec xP, ArrayVec xM, ArrayVec yP, ArrayVec yM) =>
            throw new InvalidOperationException("a 1D functor");

        public override (double D, double Dx, double Dy) At(double x, double y, double t)
        {
            double d = drift.Diffusion(x, y, t, out double dx, out double dy);
            return (d, dx, dy);
        }
    }

    private sealed class DiffusingForm2D<TDrift>(TDrift drift) : DiffusingForm where TDrift : struct, IFaceDrift2D, IPointDiffusion
    {
        public override void Rates1D(Axis g, double t, ArrayVec aux, ArrayVec aP, ArrayVec aM) => throw new InvalidOperationException("a 2D functor");

        public override void Rates2D(Axis gx, Axis gy, double t, ArrayVec aux, ArrayVec auxY, ArrayVec xP, ArrayVec xM, ArrayVec yP, ArrayVec yM)
        {
            for (int i = 0; i < (gx.N + 1) * gy.N; i++) FaceRateKernels.DiffusingFaceX(i, gx, gy, t, drift, aux, xP, xM);
            for (int i = 0; i < gx.N * (gy.N + 1); i++) FaceRateKernels.DiffusingFaceY(i, gx, gy, t, drift, auxY, yP, yM);
        }

        public override (double D, double Dx, double Dy) At(double x, double y, double t)
        {
            double d = drift.Diffusion(x, y, t, out double dx, out double dy);
            return (d, dx, dy);
        }
    }
}
