namespace FokkerPlanck.Learned;

/// <summary>A model that cannot be used as given: a missing file, input or output names or shapes that do not fit, a
/// model for another dimension, an output that is not finite. The message is one line that says what to change.</summary>
/// <param name="message">The reason.</param>
/// <param name="inner">The underlying error, if any.</param>
public sealed class LearnedModelException(string message, Exception? inner = null) : Exception(message, inner);
