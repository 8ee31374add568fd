namespace FokkerPlanck.Expressions;

/// <summary>An expression of a scenario file that is not allowed, does not parse, or does not compile: the reason, to be
/// reported with the file and the JSON path of the expression.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason, naming the offending part of the expression.</param>
    public ExpressionException(string message) : base(message) { }

    /// <summary>Creates the exception for one named expression of a process or density.</summary>
    /// <param name="which">The expression's field ("alpha", "g", "drift[1]" …).</param>
    /// <param name="reason">The reason.</param>
    /// <param name="inner">The cause.</param>
    public ExpressionException(string which, string reason, Exception? inner) : base(reason, inner)
    {
        Which = which;
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionException() { }

    /// <summary>The expression's field, when known (null for a failure of the whole compiled struct).</summary>
    public string? Which { get; }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="inner">The cause.</param>
    public ExpressionException(string message, Exception inner) : base(message, inner) { }
}
