using System.Diagnostics;
using System.Runtime.Intrinsics;
using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Particles;

/// <summary>
/// One particle run on one backend: uploads the fields, builds the kernel structs over the backend's accessor type,
/// steps the particles through the snapshot intervals and collects the result. The step grid: interval j between
/// snapshots gets floor(K (j + 1) / (ns - 1)) - floor(K j / (ns - 1)) equal steps, so snapshots are hit exactly and the
/// step counter k (the key of the random numbers) runs 0..K-1 over the whole run.
/// </summary>
internal sealed class ParticleRun : IParticleJob, IDisposable
{
    private readonly ParticleProblem _p;
    private readonly ParticleOptions _o;
    private readonly IBackend _b;
    private readonly int _likelihood;
    private readonly double[] _x0;
    private readonly double[]? _y0;
    private readonly List<IDeviceVector> _owned = [];
    private StageTimeTable? _timeTable;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ParticleRun(ParticleProblem problem, ParticleOptions options, IBackend backend, double[] x0, double[]? y0, int likelihood)
    {
        _p = problem; _o = options; _b = backend; _x0 = x0; _y0 = y0; _likelihood = likelihood;
    }

    public ParticleResult? Result { get; private set; }

    public void Dispose()
    {
        foreach (var v in _owned) v.Dispose();
        _owned.Clear();
    }

    public void Run<TVec>(IParticleLauncher<TVec> launcher) where TVec : struct, IVec
    {
        var (sign, coef, noise) = _o.Dynamics.Coefficients(_o.Control);
        int dims = _p.Dimension, reverse = _o.Dynamics.Direction == DynamicsDirection.Reverse ? 1 : 0;
        double tEnd = _p.End;
        switch (_p.Process)
        {
            case LinearProcess lin:
                lin.UseSchedule(new LinearLoop<TVec>(this, launcher, dims, reverse, tEnd, sign, coef, noise));
                break;
            case LangevinProcess lp:
            {
                if (_o.Field == FieldKind.Exact)
                    throw new ArgumentException("langevin has no exact marginal in closed form: use grid fields", "field");
                var target = Mixture(launcher, (object?)lp.Target1D ?? lp.Target2D!, default(FrozenSchedule), 0.0,
                    "langevin particles need a gaussian-mixture target");
                Loop(launcher, new ParticleModel<LangevinKernel<TVec>, GridScoreField<TVec>>(new LangevinKernel<TVec>(target, lp.Sigma),
                    GridField(launcher), dims, reverse, tEnd, sign, coef, noise));
                break;
            }
            case FlowMatchingProcess fm:
            {
                // g = 0: every member of the lambda family is the ODE dx/dt = u_t(x) with the exact path velocity.
                var data = Mixture(launcher, (object?)fm.Path.Data1D ?? fm.Path.Data2D!, default(FrozenSchedule), 0.0,
                    "flow-matching particles need gaussian-mixture data");
                fm.Path.UsePath(new FlowLoop<TVec>(this, launcher, data, dims, reverse, tEnd, sign, coef, noise));
                break;
            }
            case PointProcess pp:
                if (_o.Field == FieldKind.Exact)
                    throw new ArgumentException($"process '{pp.Kind}' has no exact marginal in closed form: use grid fields", "field");
                pp.UsePointProcess(new PointLoop<TVec>(this, launcher, dims, reverse, tEnd, sign, coef, noise));
                break;
            default:
                throw new ArgumentException($"particles support the linear processes, sde, langevin and flow-matching (got '{_p.Process.Kind}')");
        }
    }

    // The linear processes' loop, with the schedule struct the process hands over (IScheduleUser): one kernel
    // instantiation per schedule, and no process named here.
    private sealed class LinearLoop<TVec>(ParticleRun run, IParticleLauncher<TVec> launcher, int dims, int reverse, double tEnd,
        double sign, double coef, double noise) : IScheduleUser<bool> where TVec : struct, IVec
    {
        public bool Use<TSchedule>(TSchedule schedule) where TSchedule : struct, ILinearSchedule
        {
            var pk = new ScheduleKernel<TSchedule>(schedule);
            if (run._o.Field == FieldKind.Grid)
                run.Loop(launcher, new ParticleModel<ScheduleKernel<TSchedule>, GridScoreField<TVec>>(pk, run.GridField(launcher), dims, reverse, tEnd, sign, coef, noise));
            else
                run.Loop(launcher, new ParticleModel<ScheduleKernel<TSchedule>, MixtureScoreField<TVec, TSchedule>>(pk, run.ExactField(launcher, schedule),
                    dims, reverse, tEnd, sign, coef, noise));
            return true;
        }
    }

    // The loop of a process given pointwise (an sde compiled from expressions), with grid fields.
    private sealed class PointLoop<TVec>(ParticleRun run, IParticleLauncher<TVec> launcher, int dims, int reverse, double tEnd,
        double sign, double coef, double noise) : IPointProcessUser<bool> where TVec : struct, IVec
    {
        public bool Use<TProcess>(TProcess process) where TProcess : struct, IPointProcess
        {
            run.Loop(launcher, new ParticleModel<PointProcessKernel<TProcess>, GridScoreField<TVec>>(new PointProcessKernel<TProcess>(process),
                run.GridField(launcher), dims, reverse, tEnd, sign, coef, noise));
            return true;
        }

        public bool UseDiffusing<TProcess>(TProcess process) where TProcess : struct, IPointProcess, Kernels.Grid.IPointDiffusion
        {
            double gradient = run._o.Control == NegativeControl.OmitDiffusionGradient ? 0.0 : 1.0;
            run.Loop(launcher, new DiffusingParticleModel<TProcess, GridScoreField<TVec>>(process, run.GridField(launcher), dims, reverse, tEnd, sign, coef,
                noise, gradient));
            return true;
        }
    }

    private sealed class FlowLoop<TVec>(ParticleRun run, IParticleLauncher<TVec> launcher, MixtureScoreField<TVec, FrozenSchedule> data, int dims,
        int reverse, double tEnd, double sign, double coef, double noise) : IFlowPathUser<bool> where TVec : struct, IVec
    {
        public bool Use<TPath>(TPath path) where TPath : struct, IFlowPath
        {
            run.Loop(launcher, new ParticleModel<FlowMatchingKernel<TVec, TPath>, MixtureScoreField<TVec, FrozenSchedule>>(
                new FlowMatchingKernel<TVec, TPath>(data, path), data, dims, reverse, tEnd, sign, coef, noise));
            return true;
        }
    }

    private static double[] Copy(double[] a)
    {
        var c = LargeArrays.Uninitialized(a.Length);
        a.CopyTo(c, 0);
        return c;
    }

    private TVec Upload<TVec>(IParticleLauncher<TVec> l, double[] data) where TVec : struct, IVec => l.Wrap(Device(data));

    // A zeroed vector (IBackend.Allocate's contract), owned by the run: no host array of zeros to upload. Reusable: a
    // backend may hand the memory of an earlier run's vectors to the next run (the run disposes its vectors at its end).
    private IDeviceVector Zeros(int length)
    {
        var v = _b.AllocateReusable(length);
        _owned.Add(v);
        return v;
    }

    private IDeviceVector Device(ReadOnlySpan<double> data)
    {
        var v = _b.UploadReusable(data);
        _owned.Add(v);
        return v;
    }

    private TVec Upload<TVec>(IParticleLauncher<TVec> l, double[][] rows) where TVec : struct, IVec
    {
        // The rows of a grid table in one device vector, through a pooled host buffer (row copies, not an element-by-element
        // flatten; no fresh host array each run).
        long total = rows.Sum(r => (long)r.Length);
        if (total > Array.MaxLength) throw new ArgumentException($"a grid table of {total} values does not fit one vector");
        var flat = System.Buffers.ArrayPool<double>.Shared.Rent((int)total);
        try
        {
            int at = 0;
            foreach (var r in rows) { r.CopyTo(flat, at); at += r.Length; }
            return l.Wrap(Device(flat.AsSpan(0, (int)total)));
        }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(flat); }
    }

    private GridScoreField<TVec> GridField<TVec>(IParticleLauncher<TVec> l) where TVec : struct, IVec
    {
        var f = _p.Fields ?? throw new ArgumentException("grid fields are needed (solve the scenario first), or use exact fields");
        var sol = f.Solution;
        Axis ax = sol.Grid1 is { } g1 ? g1.ToAxis() : sol.Grid2!.X.ToAxis();
        Axis ay = sol.Grid2 is { } g2 ? g2.Y.ToAxis() : ax;
        var sy = f.ScoreY is null ? Upload(l, [0.0]) : Upload(l, f.ScoreY);
        var none = Upload(l, [0.0]);
        _timeTable = new StageTimeTable(f.Times, _o.Dynamics.Direction == DynamicsDirection.Reverse, _p.End);
        var table = l.Wrap(_timeTable.Device = Device(_timeTable.Rows));
        if (_likelihood == 0)
            return new GridScoreField<TVec>(ax, ay, _p.Dimension, f.Times.Length, Upload(l, f.Times), Upload(l, f.Score), sy, Upload(l, f.Weight),
                0, none, none, none, none, table, StageTimeTable.Slots);
        var j = Fields.ScoreJacobian.Of(f);
        return new GridScoreField<TVec>(ax, ay, _p.Dimension, f.Times.Length, Upload(l, f.Times), Upload(l, f.Score), sy, Upload(l, f.Weight),
            1, Upload(l, j.Xx), j.Xy is null ? none : Upload(l, j.Xy), j.Yx is null ? none : Upload(l, j.Yx), j.Yy is null ? none : Upload(l, j.Yy),
            table, StageTimeTable.Slots);
    }

    private MixtureScoreField<TVec, TSchedule> ExactField<TVec, TSchedule>(IParticleLauncher<TVec> l, TSchedule pk)
        where TVec : struct, IVec where TSchedule : struct, ILinearSchedule =>
        Mixture(l, (object?)_p.Initial1D ?? _p.Initial2D!, pk, _p.Start,
            "exact fields need a gaussian-mixture initial density under a linear process; use grid fields");

    private MixtureScoreField<TVec, TSchedule> Mixture<TVec, TSchedule>(IParticleLauncher<TVec> l, object density, TSchedule pk, double t0, string why)
        where TVec : struct, IVec where TSchedule : struct, ILinearSchedule
    {
        switch (density)
        {
            case GaussianMixture1D g:
            {
                var z = new double[g.Weights.Count];
                return new MixtureScoreField<TVec, TSchedule>(pk, t0, 1, z.Length, Upload(l, g.Weights.Select(w => Math.Log(w)).ToArray()), Upload(l, [.. g.Means]),
                    Upload(l, z), Upload(l, [.. g.Variances]), Upload(l, z), Upload(l, z));
            }
            case PointMasses1D pm:
            {
                // Variance 0 at t0: the exact law is the Gaussian mixture of variance v(t0, t) for t > t0 (its score at t0 itself
                // does not exist).
                var z = new double[pm.Weights.Count];
                return new MixtureScoreField<TVec, TSchedule>(pk, t0, 1, z.Length, Upload(l, pm.Weights.Select(w => Math.Log(w)).ToArray()), Upload(l, [.. pm.Points]),
                    Upload(l, z), Upload(l, z), Upload(l, z), Upload(l, z));
            }
            case GaussianMixture2D g:
            {
                var m = g.Means.ToArray(); var c = g.Covariances.ToArray();
                return new MixtureScoreField<TVec, TSchedule>(pk, t0, 2, m.Length, Upload(l, g.Weights.Select(w => Math.Log(w)).ToArray()),
                    Upload(l, m.Select(v => v.X).ToArray()), Upload(l, m.Select(v => v.Y).ToArray()),
                    Upload(l, c.Select(v => v.Sxx).ToArray()), Upload(l, c.Select(v => v.Sxy).ToArray()), Upload(l, c.Select(v => v.Syy).ToArray()));
            }
            default:
                throw new ArgumentException($"{why} (got {density.GetType().Name})", "field");
        }
    }

    // Long by design: the step loop with its snapshots, trajectories, progress and cancellation in one place, since they
    // all hang on the same step counter k (the key of the random numbers); the result's warnings are in Warnings.
    private void Loop<TVec, TModel>(IParticleLauncher<TVec> launcher, TModel model) where TVec : struct, IVec where TModel : struct, IParticleModel
    {
        int n = _x0.Length, dims = _p.Dimension, ns = _p.Times.Length, K = _o.Steps, m = _o.Trajectories;
        if (K < ns - 1) throw new ArgumentOutOfRangeException(nameof(_o.Steps), K, $"steps must be ≥ the {ns - 1} snapshot intervals (got {K})");
        bool reverse = _o.Dynamics.Direction == DynamicsDirection.Reverse;
        double tEnd = _p.End;
        double[] tSim = reverse ? _p.Times.Reverse().ToArray() : (double[])_p.Times.Clone();
        double Clock(double t) => reverse ? tEnd - t : t;

        IDeviceVector xd = Device(_x0), yd = Device(_y0 ?? [0.0]), ld = Zeros(_likelihood != 0 ? n : 1), cd = Zeros(2 * n);
        TVec xv = launcher.Wrap(xd), yv = launcher.Wrap(yd), lv = launcher.Wrap(ld), cv = launcher.Wrap(cd);
        var xs = new double[ns][]; var ys = dims == 2 ? new double[ns][] : null;
        // The snapshots are written whole, so their arrays are not cleared first (8 MB a million particles each).
        xs[0] = Copy(_x0);
        if (ys is not null) ys[0] = Copy(_y0!);

        var trajT = new List<double>(); var trajX = new List<double[]>(); var trajY = dims == 2 ? new List<double[]>() : null;
        // Host copies for the trajectories only (allocating 8 MB a million particles for nothing was a tenth of a short run).
        var hostX = m > 0 ? new double[n] : []; var hostY = dims == 2 && m > 0 ? new double[n] : null;
        void Record(double t, double[] px, double[]? py)
        {
            if (m == 0) return;
            trajT.Add(t); trajX.Add(px[..m]);
            trajY?.Add(py![..m]);
        }
        Record(tSim[0], _x0, _y0);

        var integrator = _o.EffectiveIntegrator;
        int k = 0;
        var tick = System.Diagnostics.Stopwatch.StartNew();
        var bounds = StepBounds(tSim.Select(Clock).ToArray(), K);
        for (int j = 0; j < ns - 1; j++)
        {
            int steps = bounds[j + 1] - bounds[j];
            double ta = Clock(tSim[j]), tb = Clock(tSim[j + 1]), hj = (tb - ta) / steps;
            for (int q = 0; q < steps; q++, k++)
            {
                _o.Cancellation.ThrowIfCancellationRequested();
                double tau = ta + q * hj, next = q == steps - 1 ? tb : ta + (q + 1) * hj;
                var args = new StepArgs(tau, next - tau, k, _o.Seed, _o.BrownianRefinement, _likelihood,
                    _o.RelativeTolerance, _o.AbsoluteTolerance, _o.MaxSubsteps, integrator.Increments);
                if (_timeTable is { } table) { table.Fill(tau, next - tau); _b.Upload(table.Rows, table.Device!); }
                integrator.Advance(launcher, model, args, n, xv, yv, lv, cv);
                if (m > 0)
                {
                    _b.Download(xd, hostX);
                    if (hostY is not null) _b.Download(yd, hostY);
                    Record(reverse ? tEnd - next : next, hostX, hostY);
                }
                if (_o.Progress is { } pr && tick.Elapsed >= Discretization.SolverProgress.ProgressInterval)
                {
                    tick.Restart();
                    pr.Report(new ParticleProgress(reverse ? tEnd - next : next, j, ns, k + 1, K));
                }
            }
            xs[j + 1] = LargeArrays.Uninitialized(n);
            _b.Download(xd, xs[j + 1]);
            if (ys is not null) { ys[j + 1] = LargeArrays.Uninitialized(n); _b.Download(yd, ys[j + 1]); }
            CheckFinite(xs[j + 1], ys?[j + 1], tSim[j + 1]);
            _o.Progress?.Report(new ParticleProgress(tSim[j + 1], j + 1, ns, k, K));
        }

        // The counters are only summed, where they are (the managed backend reads them in place).
        var (fallbacks, evals) = _b.SumPairs(cd);
        double[]? ell = null;
        if (_likelihood != 0) { ell = new double[n]; _b.Download(ld, ell); }
        var (warnings, interpolation) = Warnings(xs[^1], ys?[^1], fallbacks, evals);
        Result = new ParticleResult
        {
            Dimension = dims, Dynamics = _o.Dynamics, Integrator = _o.EffectiveIntegrator, Field = _o.Field, Control = _o.Control,
            Seed = _o.Seed, Steps = K, Backend = _b.Name, Times = tSim, X = xs, Y = ys,
            TrajectoryTimes = [.. trajT], TrajectoryX = [.. trajX], TrajectoryY = trajY?.ToArray(),
            LogDensityChange = ell, FieldEvaluations = evals, FieldInterpolationError = interpolation, Fallbacks = fallbacks,
            NonFinite = 0, // a finished run has none: CheckFinite stops it at the first snapshot with one
            Warnings = warnings,
            WallTime = _clock.Elapsed,
        };
    }

    // What the user must hear about the run's numbers: particles lost to overflow or off the grid, a field timeline too
    // sparse for the particles' accuracy, evaluations that fell back outside the trust region.
    // (Every position is finite here: CheckFinite stopped the run otherwise.)
    private (List<string> Warnings, double Interpolation) Warnings(double[] last, double[]? lastY, long fallbacks, long evals)
    {
        int n = last.Length;
        long outside = _o.Field == FieldKind.Grid && _p.Fields is { } f ? Outside(f, last, lastY) : 0;
        var warnings = new List<string>();
        if (outside > 0)
            warnings.Add($"{outside} of {n} particles ended outside the grid, where the field is the edge cell's value: widen the grid");
        double interpolation = double.NaN;
        if (_o.Field == FieldKind.Grid && _p.Fields is { } fields)
        {
            interpolation = fields.TimeInterpolationError;
            double tol = new Fields.FieldTimelineOptions().Tolerance;
            if (double.IsNaN(interpolation))
                warnings.Add($"the grid fields have only {fields.Times.Length} times: the error of interpolating them in time cannot be estimated " +
                    "and may dominate; build them with FieldTimeline (the CLI does)");
            else if (interpolation > tol)
                warnings.Add($"the grid fields' time-interpolation error bound is {interpolation:E2} (above {tol:E0}): their times are too sparse " +
                    "for the particles' accuracy; build them with FieldTimeline (the CLI does)");
        }
        if (fallbacks > 0)
            warnings.Add($"{fallbacks} of {evals} field evaluations used the trust-region fallback (density below {_p.Fields?.Trust.Floor:G3} of its maximum)");
        return (warnings, interpolation);
    }

    /// <summary>
    /// First step index of each snapshot interval (and K at the end): steps are shared in proportion to the intervals'
    /// lengths, at least one per interval, so unequal output times (a list, a geometric spacing) get equal step sizes where
    /// they can. For equally spaced snapshots this is floor(K j / (ns - 1)), as before (the slack guards the rounding of
    /// (t_j - t_0) / span at the exact multiples).
    /// </summary>
    internal static int[] StepBounds(double[] times, int K)
    {
        int ns = times.Length;
        var b = new int[ns];
        double span = times[^1] - times[0];
        for (int j = 1; j < ns - 1; j++)
        {
            long k = (long)Math.Floor(K * ((times[j] - times[0]) / span) + Tolerances.StepCountSlack);
            b[j] = (int)Math.Clamp(k, b[j - 1] + 1, K - (ns - 1 - j));
        }
        b[ns - 1] = K;
        return b;
    }

    // A particle that left the doubles (overflow, or a Dormand–Prince particle given up) makes every statistic of the
    // snapshot meaningless: the run stops at the first snapshot that has one. A vector scan first (x·0 is 0 exactly for a
    // finite x, NaN otherwise), then the scalar search for the message.
    private static void CheckFinite(double[] x, double[]? y, double t)
    {
        if (AllFinite(x) && (y is null || AllFinite(y))) return;
        for (int i = 0; i < x.Length; i++)
        {
            double v = !double.IsFinite(x[i]) ? x[i] : y is not null && !double.IsFinite(y[i]) ? y[i] : 0;
            if (v != 0 || double.IsNaN(v))
                throw FailureChecks.NonFinite(t, i, v, "particle");
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        var acc = Vector256<double>.Zero;
        int i = 0;
        for (; i <= v.Length - 4; i += 4) acc += Vector256.Create(v.Slice(i, 4)) * Vector256<double>.Zero;
        double rest = 0;
        for (; i < v.Length; i++) rest += v[i] * 0.0;
        return Vector256.Sum(acc) == 0 && rest == 0;
    }

    // Particles outside the grid's box (all positions finite).
    private static long Outside(Fields.GridFields f, double[] x, double[]? y)
    {
        long count = 0;
        if (f.Solution.Grid1 is { } g)
        {
            for (int i = 0; i < x.Length; i++) if (x[i] < g.Lower || x[i] > g.Upper) count++;
            return count;
        }
        var g2 = f.Solution.Grid2!;
        for (int i = 0; i < x.Length; i++)
            if (x[i] < g2.X.Lower || x[i] > g2.X.Upper || y![i] < g2.Y.Lower || y[i] > g2.Y.Upper) count++;
        return count;
    }
}
