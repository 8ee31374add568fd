using System.Diagnostics;
using System.Globalization;
using FokkerPlanck.Discretization;
using FokkerPlanck.Particles;
using Spectre.Console;

namespace FokkerPlanck.Cli;

/// <summary>
/// Progress of a long run: simulated time, steps, rate and estimated time left. Live (a Spectre.Console progress bar
/// per phase) on a terminal, a plain line at most every <see cref="PlainInterval"/> when redirected (and one when a phase
/// ends), nothing with --quiet. Reports arrive synchronously on the computing thread.
/// </summary>
internal sealed class RunProgress
{
    /// <summary>Least wall time between two plain lines of one phase.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly ProgressMode _mode;
    private readonly TextWriter _w;
    private readonly ProgressContext? _ctx;

    private RunProgress(ProgressMode mode, TextWriter w, ProgressContext? ctx) { _mode = mode; _w = w; _ctx = ctx; }

    /// <summary>Runs the work with progress shown in the given mode.</summary>
    public static T Run<T>(ProgressMode mode, TextWriter w, Func<RunProgress, T> work)
    {
        if (mode != ProgressMode.Live) return work(new RunProgress(mode, w, null));
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => work(new RunProgress(mode, w, ctx)));
    }

    /// <summary>Progress of the grid solver over [t0, t1] (each pass of the extrapolation is its own phase).</summary>
    public IProgress<SolverProgress>? Solver(string label, double t0, double t1)
    {
        if (_mode == ProgressMode.None) return null;
        var phases = new Dictionary<int, Phase>();
        var start = Stopwatch.StartNew(); // a phase starts when the previous one ended, or now
        return new Sink<SolverProgress>(p =>
        {
            if (!phases.TryGetValue(p.Pass, out var ph))
            {
                phases[p.Pass] = ph = NewPhase(p.Passes > 1 ? $"{label} (grid {p.Pass}/{p.Passes})" : label, start.Elapsed);
            }
            double f = t1 > t0 ? (p.Time - t0) / (t1 - t0) : 1;
            bool done = p.Snapshot == p.Snapshots - 1;
            ph.Update(f, $"t = {G(p.Time)}, snapshot {p.Snapshot + 1}/{p.Snapshots}, {p.Steps} steps", p.Steps, done);
            if (done) start.Restart();
        });
    }

    /// <summary>Progress of a particle run.</summary>
    public IProgress<ParticleProgress>? Particles(string label)
    {
        if (_mode == ProgressMode.None) return null;
        Phase? ph = null;
        var start = Stopwatch.StartNew();
        return new Sink<ParticleProgress>(p =>
        {
            ph ??= NewPhase(label, start.Elapsed);
            ph.Update((double)p.Steps / p.TotalSteps, $"t = {G(p.Time)}, snapshot {p.Snapshot + 1}/{p.Snapshots}, step {p.Steps}/{p.TotalSteps}",
                p.Steps, p.Steps == p.TotalSteps);
        });
    }

    /// <summary>One line per round of the field-time refinement (<see cref="Fields.FieldTimeline"/>).</summary>
    public IProgress<Fields.FieldTimelineProgress>? Timeline()
    {
        if (_mode == ProgressMode.None) return null;
        return new Sink<Fields.FieldTimelineProgress>(p =>
        {
            string text = $"field times, round {p.Round}: {p.Times} times, interpolation error bound {p.Estimate.ToString("E2", CultureInfo.InvariantCulture)} " +
                $"(tolerance {p.Tolerance.ToString("E1", CultureInfo.InvariantCulture)})";
            if (_ctx is null) { _w.WriteLine($"  {text}"); return; }
            var task = _ctx.AddTask(Markup.Escape(text), maxValue: 1.0);
            task.Value = 1.0;
            task.StopTask();
        });
    }

    private Phase NewPhase(string label, TimeSpan alreadyElapsed) => new(this, label, _ctx?.AddTask(Markup.Escape(label), maxValue: 1.0), alreadyElapsed);

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    // One phase (a task bar, or a series of plain lines).
    private sealed class Phase(RunProgress owner, string label, ProgressTask? task, TimeSpan alreadyElapsed)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.MinValue;

        public void Update(double fraction, string state, long steps, bool done)
        {
            fraction = Math.Clamp(fraction, 0, 1);
            var elapsed = _clock.Elapsed + alreadyElapsed;
            double rate = elapsed.TotalSeconds > 0 ? steps / elapsed.TotalSeconds : 0;
            string rateText = $"{rate.ToString("G3", CultureInfo.InvariantCulture)} steps/s";
            if (task is not null)
            {
                task.Value = fraction;
                task.Description = Markup.Escape($"{label}: {state}, {rateText}");
                if (done) task.StopTask();
                return;
            }
            if (!done && _lastLine != TimeSpan.MinValue && elapsed - _lastLine < PlainInterval) return;
            _lastLine = elapsed;
            string eta = done ? "done" : fraction > 0 ? $"ETA {Seconds(elapsed.TotalSeconds * (1 - fraction) / fraction)}" : "ETA unknown";
            owner._w.WriteLine($"  [{label}] {state}, {rateText}, {(100 * fraction).ToString("F0", CultureInfo.InvariantCulture)} %, " +
                $"{Seconds(elapsed.TotalSeconds)} elapsed, {eta}");
        }

        private static string Seconds(double s) => s < 120 ? $"{s.ToString("F1", CultureInfo.InvariantCulture)} s" : $"{(s / 60).ToString("F1", CultureInfo.InvariantCulture)} min";
    }

    // Synchronous IProgress (Progress<T> would post to the thread pool, out of order).
    private sealed class Sink<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
