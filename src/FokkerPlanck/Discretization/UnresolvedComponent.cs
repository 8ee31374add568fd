namespace FokkerPlanck.Discretization;

/// <summary>A Gaussian-mixture component whose mass the cell averages miss.</summary>
/// <param name="Index">Component index.</param>
/// <param name="Fraction">Unresolved mass as a fraction of the component's own mass inside the domain.</param>
/// <param name="MinorSd">Standard deviation along the component's narrowest direction.</param>
public sealed record UnresolvedComponent(int Index, double Fraction, double MinorSd);
