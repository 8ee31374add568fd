namespace FokkerPlanck.Learned;

/// <summary>How a network is fed: its input and output names (null: found from the model), its time convention and
/// EDM's input scaling c_in = 1 / √(σ² + σ_data²) when <see cref="SigmaData"/> is set.</summary>
/// <param name="Input">Name of the position input, shape [N, d]; null: the model's one input of rank 2.</param>
/// <param name="Time">Name of the time input, shape [N] or [N, 1]; null: the model's other input.</param>
/// <param name="Output">Name of the output, shape [N, d]; null: the model's only output.</param>
/// <param name="Convention">What the time input is.</param>
/// <param name="SigmaData">σ_data of the input scaling, or null for none.</param>
public sealed record NetworkInputs(string? Input = null, string? Time = null, string? Output = null,
    TimeConvention Convention = TimeConvention.Time, double? SigmaData = null)
{
    /// <summary>Whether the inputs need σ(t) (a σ or log σ time input, or the c_in scaling).</summary>
    public bool NeedsSigma => Convention != TimeConvention.Time || SigmaData is not null;
}
