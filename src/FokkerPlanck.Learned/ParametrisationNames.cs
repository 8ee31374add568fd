namespace FokkerPlanck.Learned;

/// <summary>The names of the parametrisations as options, tables and reports spell them.</summary>
public static class ParametrisationNames
{
    /// <summary>"score", "noise", "denoiser" or "velocity".</summary>
    /// <param name="p">The parametrisation.</param>
    /// <returns>Its name.</returns>
    public static string Of(Parametrisation p) => p switch
    {
        Parametrisation.Score => "score",
        Parametrisation.Noise => "noise",
        Parametrisation.Denoiser => "denoiser",
        _ => "velocity",
    };
}
