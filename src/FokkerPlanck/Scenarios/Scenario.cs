using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanck.Discretization;
using FokkerPlanck.Fields;
using FokkerPlanck.Grids;
using FokkerPlanck.Model;
using FokkerPlanck.Particles;

namespace FokkerPlanck.Scenarios;

/// <summary>A parsed, validated scenario: process, initial density, grid, times and solver options.</summary>
public sealed class Scenario
{
    internal Scenario(string name, Process process, IDensity1D? initial1, IDensity2D? initial2, Grid1D? grid1, Grid2D? grid2,
        double[] times, SolverOptions solver, JsonObject resolved)
    {
        Name = name; Process = process; Initial1D = initial1; Initial2D = initial2; Grid1D = grid1; Grid2D = grid2;
        _times = times; Solver = solver; Resolved = resolved;
        _initialMass = new Lazy<InitialMass>(() => Grid1D is not null
            ? InitialMassCheck.Check(Grid1D, Initial1D!, Solver.Tolerance)
            : InitialMassCheck.Check(Grid2D!, Initial2D!, Solver.Tolerance));
    }

    private readonly Lazy<InitialMass> _initialMass;

    /// <summary>The same scenario on another grid or with other solver options (the resolved JSON says so too).</summary>
    /// <param name="grid1">New 1D grid (1D scenarios), or null to keep it.</param>
    /// <param name="grid2">New 2D grid (2D scenarios), or null to keep it.</param>
    /// <param name="solver">New solver options, or null to keep them.</param>
    /// <returns>The new scenario.</returns>
    public Scenario With(Grid1D? grid1 = null, Grid2D? grid2 = null, SolverOptions? solver = null)
    {
        if (grid1 is not null && Grid1D is null) throw new ArgumentException("a 1D grid for a 2D scenario", nameof(grid1));
        if (grid2 is not null && Grid2D is null) throw new ArgumentException("a 2D grid for a 1D scenario", nameof(grid2));
        var g1 = grid1 ?? Grid1D; var g2 = grid2 ?? Grid2D;
        var json = (JsonObject)Resolved.DeepClone();
        var axes = g1 is not null ? new[] { g1 } : new[] { g2!.X, g2.Y };
        json["grid"]!["lower"] = new JsonArray(axes.Select(a => (JsonNode)a.Lower).ToArray());
        json["grid"]!["upper"] = new JsonArray(axes.Select(a => (JsonNode)a.Upper).ToArray());
        json["grid"]!["cells"] = new JsonArray(axes.Select(a => (JsonNode)a.Cells).ToArray());
        var o = solver ?? Solver;
        if (solver is not null) json["solver"]!["tolerance"] = solver.Tolerance;
        return new Scenario(Name, Process, Initial1D, Initial2D, g1, g2, _times, o, json) { Description = Description, Source = Source };
    }

    /// <summary>Scenario name.</summary>
    public string Name { get; }

    /// <summary>One-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>File name or built-in name, as used in error messages.</summary>
    public string Source { get; init; } = "scenario";

    /// <summary>What the parser changed or decided that the user should hear (e.g. weights normalised), as
    /// "file: $.path: text" lines; the CLI prints them as notes.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>1 or 2.</summary>
    public int Dimension => Grid1D is null ? 2 : 1;

    /// <summary>Forward process.</summary>
    public Process Process { get; }

    /// <summary>Initial density in 1D, or null.</summary>
    public IDensity1D? Initial1D { get; }

    /// <summary>Initial density in 2D, or null.</summary>
    public IDensity2D? Initial2D { get; }

    /// <summary>1D grid, or null.</summary>
    public Grid1D? Grid1D { get; }

    /// <summary>2D grid, or null.</summary>
    public Grid2D? Grid2D { get; }

    private readonly double[] _times;

    /// <summary>time.start.</summary>
    public double Start => _times[0];

    /// <summary>time.end.</summary>
    public double End => _times[^1];

    /// <summary>Number of output snapshots including start and end.</summary>
    public int Snapshots => _times.Length;

    /// <summary>Solver options.</summary>
    public SolverOptions Solver { get; }

    /// <summary>The scenario with every default written out.</summary>
    public JsonObject Resolved { get; }

    /// <summary>Whether the exact marginals p_t of this scenario are known (linear processes from a closed family, flow matching).</summary>
    public bool HasExactMarginal => Initial1D is { } i1
        ? Model.ExactMarginal.Of(Process, i1, Start, End) is not null
        : Model.ExactMarginal.Of(Process, Initial2D!, Start, End) is not null;

    /// <summary>Output snapshot times from time.snapshots (a count, a list or a geometric spacing; the first is
    /// time.start, the last lands exactly on time.end). A copy.</summary>
    public double[] Times => (double[])_times.Clone();

    /// <summary>The resolved scenario as indented JSON.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => Resolved.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep ' and non-ASCII readable
    });

    /// <summary>Runs the grid solver on this scenario (the continuity solver for flow-matching paths).</summary>
    /// <param name="backend">Backend (null: chosen automatically).</param>
    /// <param name="options">Overrides of the scenario's solver options (progress, cancellation).</param>
    /// <param name="times">Snapshot times (null: the scenario's output times).</param>
    /// <returns>The solution.</returns>
    /// <exception cref="ScenarioException">The grid cannot hold the initial density (<see cref="CheckInitialMass"/>).</exception>
    public GridSolution Solve(Backends.IBackend? backend = null, SolverOptions? options = null, double[]? times = null)
    {
        string? warning = CheckInitialMass();
        var solution = SolveUnchecked(backend, options, times);
        return warning is null ? solution : solution.WithWarnings([warning, .. solution.Warnings]);
    }

    /// <summary>The initial-mass check against <see cref="SolverOptions.Tolerance"/> (computed once, on first use).</summary>
    public InitialMass InitialMass => _initialMass.Value;

    /// <summary>Runs the initial-mass check: throws when the lost or unresolved initial mass exceeds solver.tolerance,
    /// returns a one-line warning when it is above round-off, null otherwise.</summary>
    /// <returns>The warning, or null.</returns>
    /// <exception cref="ScenarioException">Lost or unresolved mass above the tolerance; names the JSON path and the fix.</exception>
    public string? CheckInitialMass()
    {
        try
        {
            return InitialMassMessage.Evaluate(this);
        }
        catch (ArgumentException e) when (e is not ScenarioException)
        {
            // A density whose parameters overflow when its mass is measured (e.g. a funnel with sigmaV 1e308).
            string path = Process is FlowMatchingProcess ? "$.process.data" : "$.initial";
            throw new ScenarioException(Source, path, $"the initial density's mass on the grid cannot be computed: {e.Message}", e);
        }
    }

    private GridSolution SolveUnchecked(Backends.IBackend? backend, SolverOptions? options, double[]? times)
    {
        var o = options ?? Solver;
        var at = times ?? _times;
        if (Process is FlowMatchingProcess fm)
        {
            // Continuity equation with the exact marginal velocity; initial cell averages of the path at time.start.
            // MUSCL is second order and not extrapolated; the companion grid gives its error estimate as for the FP solver.
            return SpatialErrorEstimate.Solve((factor, pass, passes) =>
            {
                var co = new Transport.ContinuityOptions
                {
                    Cfl = o.Cfl, MaxStep = o.MaxStep, Cancellation = o.Cancellation,
                    Progress = o.Progress is { } pr ? new PassProgress(pr, pass, passes) : null,
                };
                if (Grid1D is { } g)
                {
                    var g1 = g.Scaled(factor);
                    return Transport.ContinuitySolver.Solve(g1, new Transport.AnalyticVelocity(g1, fm.Path.Velocity),
                        CellAverages.Of(g1, Initial1D!), at, co, backend);
                }
                var g2 = Grid2D!.Scaled(factor);
                return Transport.ContinuitySolver.Solve(g2, new Transport.AnalyticVelocity(g2, fm.Path.Velocity),
                    CellAverages.Of(g2, Initial2D!), at, co, backend);
            }, Grid1D is { } h ? [h.Cells] : [Grid2D!.X.Cells, Grid2D.Y.Cells], extrapolate: false);
        }
        return Grid1D is not null
            ? FokkerPlanckSolver.Solve(Process, Grid1D, Initial1D!, at, o, backend)
            : FokkerPlanckSolver.Solve(Process, Grid2D!, Initial2D!, at, o, backend);
    }

    /// <summary>Checks how far the domain's walls have changed the fields of a solution of this scenario and marks the
    /// cells they influenced untrusted (<see cref="Fields.WallInfluence"/>; attached as <see cref="Fields.GridFields.Walls"/>).
    /// Flow-matching paths (continuity solver) are not checked.</summary>
    /// <param name="fields">Fields of a solution from <see cref="Solve"/> with the same options.</param>
    /// <param name="backend">Backend (null: chosen automatically).</param>
    /// <param name="options">The solver options the solution was computed with (null: the scenario's).</param>
    /// <returns>The influence, or null where not checked.</returns>
    public Fields.WallInfluence? CheckWalls(Fields.GridFields fields, Backends.IBackend? backend = null, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (Process is FlowMatchingProcess) return null;
        var o = options ?? Solver;
        return Grid1D is not null ? Fields.WallInfluence.Check(fields, Initial1D!, o, backend) : Fields.WallInfluence.Check(fields, Initial2D!, o, backend);
    }

    /// <summary>Grid fields for particles, maps and likelihoods at times chosen to meet an interpolation tolerance
    /// (<see cref="Fields.FieldTimeline"/>), whatever the output snapshots are.</summary>
    /// <param name="backend">Backend (null: chosen automatically).</param>
    /// <param name="options">Overrides of the scenario's solver options (progress, cancellation).</param>
    /// <param name="timeline">Tolerance and budgets of the field times.</param>
    /// <returns>The fields and their interpolation error bound.</returns>
    public Fields.FieldTimelineResult SolveFields(Backends.IBackend? backend = null, SolverOptions? options = null, Fields.FieldTimelineOptions? timeline = null) =>
        Fields.FieldTimeline.Build(t => Solve(backend, options, t), Process, _times, timeline);

    /// <summary>This scenario's particle problem with its grid fields (or none).</summary>
    /// <param name="fields">Fields of the scenario's grid solution, or null.</param>
    /// <returns>The problem.</returns>
    public ParticleProblem ToParticleProblem(GridFields? fields) => Initial1D is { } i1
        ? new ParticleProblem(Process, i1, Times, fields)
        : new ParticleProblem(Process, Initial2D!, Times, fields);
}
