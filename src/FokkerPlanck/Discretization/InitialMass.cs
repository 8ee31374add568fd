namespace FokkerPlanck.Discretization;

/// <summary>
/// What <see cref="InitialMassCheck"/> measured: the exact mass of the initial density inside the domain, the mass the
/// grid's cell averages hold, and the two differences that make a run silently wrong if ignored.
/// </summary>
/// <param name="Inside">Exact mass inside the domain, from the analytic density (1 - <paramref name="Lost"/>).</param>
/// <param name="Grid">Cell volume × Σ cell averages.</param>
/// <param name="Lost">Exact mass outside the domain.</param>
/// <param name="Unresolved">|Grid - Inside|: mass the cell averaging does not represent.</param>
/// <param name="Tolerance">Tolerance the verdict was taken against.</param>
/// <param name="Verdict">Ok, Warning or Error.</param>
/// <param name="SuggestedLower">Per axis: a lower bound that keeps the lost mass under a tenth of the tolerance
/// (never above the current one).</param>
/// <param name="SuggestedUpper">Per axis: the matching upper bound.</param>
public sealed record InitialMass(double Inside, double Grid, double Lost, double Unresolved, double Tolerance, InitialMassVerdict Verdict,
    double[] SuggestedLower, double[] SuggestedUpper)
{
    /// <summary>Whether the verdict is decided by the mass outside the domain (else by the unresolved mass).</summary>
    public bool LostDominates => Lost >= Unresolved;
}
