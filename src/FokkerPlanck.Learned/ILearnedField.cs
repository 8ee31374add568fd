namespace FokkerPlanck.Learned;

/// <summary>A learned field: the raw output of a trained model (in its <see cref="Parametrisation"/>) at a batch of
/// points at one process time t. Implementations convert t to the model's own time input.</summary>
public interface ILearnedField : IDisposable
{
    /// <summary>Spatial dimension (1 or 2).</summary>
    int Dimension { get; }

    /// <summary>What the output is.</summary>
    Parametrisation Parametrisation { get; }

    /// <summary>The model in words (file, names, conventions), for reports.</summary>
    string Description { get; }

    /// <summary>Number of batched evaluations so far.</summary>
    long Evaluations { get; }

    /// <summary>Evaluates the model.</summary>
    /// <param name="points">N points, row-major (x0, y0, x1, y1, … in 2D).</param>
    /// <param name="t">Process time.</param>
    /// <param name="output">N × Dimension outputs, row-major.</param>
    /// <exception cref="LearnedModelException">An output is not finite.</exception>
    void Evaluate(ReadOnlySpan<double> points, double t, Span<double> output);
}
