using System.Text.Json.Nodes;
using FokkerPlanck.Backends;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Validation;

namespace FokkerPlanck.Figures;

/// <summary>
/// The runs behind the figures, made on first use and shared between figures of one settings object: the 1D OU mixture
/// (ou-gmm-1d on [0, 2], 41 snapshots), its particle runs, the 2D OU mixture, the VP funnel, the Langevin ring and the
/// error budget.
/// </summary>
public sealed class FigureData
{
    private readonly Dictionary<string, object> _cache = [];

    /// <summary>Creates the context.</summary>
    /// <param name="settings">Sizes and seed.</param>
    /// <param name="backend">Backend (null: managed).</param>
    public FigureData(FigureSettings settings, IBackend? backend = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Backend = backend ?? new ManagedBackend();
    }

    /// <summary>Sizes and seed.</summary>
    public FigureSettings Settings { get; }

    /// <summary>Backend of every run.</summary>
    public IBackend Backend { get; }

    /// <summary>Reports what is being computed.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Stops a run between steps.</summary>
    public CancellationToken Cancellation { get; init; }

    private T Get<T>(string key, Func<T> make) where T : notnull
    {
        if (_cache.TryGetValue(key, out var v)) return (T)v;
        Cancellation.ThrowIfCancellationRequested();
        var made = make();
        _cache[key] = made;
        return made;
    }

    /// <summary>A built-in or validation scenario with some fields replaced.</summary>
    /// <param name="sc">Scenario.</param>
    /// <param name="edit">Edits its resolved JSON.</param>
    /// <returns>The new scenario.</returns>
    public static Scenario Edit(Scenario sc, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(sc);
        ArgumentNullException.ThrowIfNull(edit);
        var o = (JsonObject)sc.Resolved.DeepClone();
        edit(o);
        return ScenarioParser.Parse(o.ToJsonString(), sc.Name);
    }

    /// <summary>A solved scenario and its fields.</summary>
    /// <param name="Scenario">Scenario.</param>
    /// <param name="Solution">Grid solution.</param>
    /// <param name="Fields">Fields.</param>
    public sealed record Solved(Scenario Scenario, GridSolution Solution, GridFields Fields)
    {
        /// <summary>The particle problem with the grid's fields.</summary>
        public ParticleProblem Problem => Scenario.ToParticleProblem(Fields);

        /// <summary>Index of the snapshot at time t.</summary>
        /// <param name="t">Time.</param>
        /// <returns>Index.</returns>
        public int Snapshot(double t) => Array.FindIndex(Solution.Times, s => Math.Abs(s - t) < Tolerances.TimeLookup);
    }

    // Applies the settings' solver overrides.
    private Scenario Sized(Scenario sc, Action<JsonObject> edit) => Edit(sc, o =>
    {
        edit(o);
        if (Settings.Tolerance is double tol) o["solver"]!["tolerance"] = tol;
        if (Settings.Extrapolate is bool ex) o["solver"]!["extrapolate"] = ex;
    });

    private Solved Solve(string key, Func<Scenario> make) => Get(key, () =>
    {
        var sc = make();
        Progress?.Report($"solving {sc.Name} ({(sc.Grid1D is { } g ? $"{g.Cells}" : $"{sc.Grid2D!.X.Cells}×{sc.Grid2D.Y.Cells}")} cells)");
        var sol = sc.Solve(Backend, sc.Solver with { Cancellation = Cancellation });
        return new Solved(sc, sol, GridFields.FromSolution(sol, sc.Process));
    });

    /// <summary>ou-gmm-1d on [0, 2] at the settings' cells and snapshots.</summary>
    public Solved Ou1D => Solve("ou1d", () => Sized(BuiltInScenarios.Get("ou-gmm-1d"), o =>
    {
        o["grid"]!["cells"] = new JsonArray(Settings.Cells1D);
        o["time"]!["end"] = 2.0;
        o["time"]!["snapshots"] = Settings.Snapshots;
    }));

    /// <summary>The exact marginal of <see cref="Ou1D"/> at t.</summary>
    /// <param name="t">Time.</param>
    /// <returns>The density.</returns>
    public IDensity1D Exact1D(double t)
    {
        var sc = Ou1D.Scenario;
        return ExactMarginal.Of(sc.Process, sc.Initial1D!, sc.Start, t)!;
    }

    /// <summary>A particle run of <see cref="Ou1D"/> with grid fields.</summary>
    /// <param name="dynamics">forward-sde, reverse-sde, pf-ode or lambda=X (reverse unless forward-sde).</param>
    /// <param name="particles">Particles (default: the settings').</param>
    /// <param name="trajectories">Recorded paths.</param>
    /// <returns>The result.</returns>
    public ParticleResult Run1D(string dynamics, int? particles = null, int trajectories = 0)
    {
        int n = particles ?? Settings.Particles;
        return Get($"run1d:{dynamics}:{n}:{trajectories}", () =>
        {
            Progress?.Report($"simulating {dynamics} ({n} particles)");
            var d = Dynamics.Parse(dynamics, dynamics == "forward-sde" ? DynamicsDirection.Forward : DynamicsDirection.Reverse);
            var o = new ParticleOptions
            {
                Dynamics = d, Particles = n, Steps = Settings.Steps, Seed = Settings.Seed, Trajectories = trajectories, Cancellation = Cancellation,
            };
            return ParticleSimulator.Simulate(Ou1D.Problem, o, Backend);
        });
    }

    /// <summary>ou-gmm-2d at the settings' cells, 5 snapshots on [0, 1].</summary>
    public Solved Ou2D => Solve("ou2d", () => Sized(BuiltInScenarios.Get("ou-gmm-2d"), o =>
    {
        o["grid"]!["cells"] = new JsonArray(Settings.Cells2D, Settings.Cells2D);
        o["time"]!["snapshots"] = 5;
    }));

    /// <summary>The vp-funnel-2d validation case (x: 2.5× the settings' cells, v: the settings' cells) at the settings' snapshots.</summary>
    public Solved Funnel => Solve("funnel", () => Sized(ValidationCases.Get("vp-funnel-2d"), o =>
    {
        o["grid"]!["cells"] = new JsonArray((int)Math.Round(2.5 * Settings.Cells2D), Settings.Cells2D);
        o["time"]!["snapshots"] = Settings.Snapshots;
    }));

    /// <summary>langevin-ring-2d (validation case) at the settings' cells, snapshots every 0.25 on [0, 2].</summary>
    public Solved Ring => Solve("ring", () => Sized(ValidationCases.Get("langevin-ring-2d"), o =>
    {
        o["grid"]!["cells"] = new JsonArray(Settings.Cells2D, Settings.Cells2D);
        o["time"]!["snapshots"] = 9;
    }));

    /// <summary>PF-ODE particles of the funnel from T = 1 back to time.start, with grid fields.</summary>
    public ParticleResult FunnelPfOde => Get("funnel-pf", () =>
    {
        Progress?.Report("simulating the PF-ODE on the funnel");
        var o = new ParticleOptions
        {
            Dynamics = Dynamics.PfOde(DynamicsDirection.Reverse), Particles = Math.Min(Settings.Particles, 4000), Steps = Settings.Steps,
            Seed = Settings.Seed, Cancellation = Cancellation,
        };
        return ParticleSimulator.Simulate(Funnel.Problem, o, Backend);
    });

    /// <summary>The error budget of the validation suite (vp-laplace-1d) at the settings' ladders.</summary>
    public ErrorBudgetResult Budget => Get("budget", () =>
    {
        var sc = Sized(ValidationCases.Get("vp-laplace-1d"), o =>
        {
            if (Settings.BudgetCaseCells is int c) o["grid"]!["cells"] = new JsonArray(c);
            if (Settings.BudgetCaseSnapshots is int s) o["time"]!["snapshots"] = s;
        });
        return ErrorBudget.Run(sc, Settings.BudgetParticles, Settings.BudgetSteps, Settings.BudgetReference, Settings.BudgetCells,
            Settings.Seed ^ 0xB0D6E7UL, Progress, Cancellation);
    });
}
