namespace FokkerPlanck.Discretization;

/// <summary>Progress of one pass (grid) of a run that solves on several grids: the reports say which pass they belong to.</summary>
internal sealed class PassProgress(IProgress<SolverProgress> inner, int pass, int passes) : IProgress<SolverProgress>
{
    public void Report(SolverProgress value) => inner.Report(value with { Pass = pass, Passes = passes });
}
