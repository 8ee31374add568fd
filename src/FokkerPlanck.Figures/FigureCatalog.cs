using FokkerPlanck.Figures.Kinds;
using OxyPlot;

namespace FokkerPlanck.Figures;

/// <summary>One figure: its name (the file name), what it shows, its size and how it is made.</summary>
/// <param name="Name">File name without extension, e.g. density-evolution.</param>
/// <param name="Description">One line.</param>
/// <param name="Width">Width (1/96 in).</param>
/// <param name="Height">Height (1/96 in).</param>
/// <param name="Make">Builds the model from the shared runs.</param>
public sealed record FigureSpec(string Name, string Description, int Width, int Height, Func<FigureData, PlotModel> Make);

/// <summary>Every figure the tool makes (`fokker-planck figures`), in gallery order.</summary>
public static class FigureCatalog
{
    /// <summary>The figures.</summary>
    public static IReadOnlyList<FigureSpec> All { get; } =
    [
        new("density-evolution", "1D density p_t(x) as an x–t heat map with the exact marginal's quantiles (OU mixture)", 720, 540, DensityEvolutionFigure.Create),
        new("particle-histograms", "particle histograms of the forward SDE, reverse SDE, PF-ODE and λ = 0.5 over the grid density at three times", 720, 760, ParticleHistogramFigure.Create),
        new("fields-1d", "score and PF velocity against x, grid and exact, at three times", 720, 680, FieldFigure.Create),
        new("velocity-2d", "2D PF velocity as arrows over the density heat map at two times (2D OU mixture)", 960, 500, VelocityField2DFigure.Create),
        new("trajectories", "forward SDE, reverse SDE and PF-ODE paths from the same starts over p_t(x)", 720, 760, TrajectoryFigure.Create),
        new("lambda-family", "the lambda-family from the same starts: paths roughen with λ, particle quantiles stay on p_t", 720, 900, LambdaFamilyFigure.Create),
        new("kim-milman", "1D Kim–Milman map (PF-ODE from T to 0) against the monotone map F_p0⁻¹ ∘ F_pT", 720, 620, TransportMapFigure.Create),
        new("likelihood", "PF-ODE log-likelihood against the grid density and the exact log p_0", 720, 620, LikelihoodFigure.Create),
        new("convergence-cells", "grid L1 error against cells, log–log, fitted slope (vp-laplace-1d)", 720, 500, ConvergenceFigure.Cells),
        new("convergence-steps", "particle W1 error against steps per integrator, log–log, fitted slopes", 820, 500, ConvergenceFigure.Steps),
        new("convergence-evaluations", "particle W1 error against field evaluations per particle, log–log, fitted slopes", 820, 500, ConvergenceFigure.Evaluations),
        new("funnel-vp", "the funnel noised by VP and mapped back by the PF-ODE (2D)", 1200, 560, FunnelFigure.Create),
        new("langevin-ring", "Langevin relaxation of N(0, I) to a 5-mode ring at four times (2D)", 1200, 420, LangevinRingFigure.Create),
    ];

    /// <summary>Names of all figures.</summary>
    public static IReadOnlyList<string> Names => All.Select(f => f.Name).ToArray();

    /// <summary>A figure by name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The spec.</returns>
    public static FigureSpec Get(string name) => All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown figure '{name}' (figures: {string.Join(", ", Names)})", nameof(name));

    /// <summary>Builds a figure's PlotModel (the library API).</summary>
    /// <param name="name">Figure name.</param>
    /// <param name="data">Shared runs (null: fresh ones at the gallery's settings).</param>
    /// <returns>The model.</returns>
    public static PlotModel Create(string name, FigureData? data = null) => Get(name).Make(data ?? new FigureData(FigureSettings.Full));
}
