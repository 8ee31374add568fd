namespace FokkerPlanck.Expressions;

/// <summary>The functions and constants an expression may use: the whole vocabulary besides numbers, the expression's
/// variables, + - * / and parentheses. Each function maps to its <see cref="Kernels.Dual"/> implementation.</summary>
public static class MathWhitelist
{
    /// <summary>Function name → (number of arguments, the Dual method that implements it).</summary>
    public static IReadOnlyDictionary<string, (int Arity, string Method)> Functions { get; } = new Dictionary<string, (int, string)>
    {
        ["sin"] = (1, "Sin"), ["cos"] = (1, "Cos"), ["tan"] = (1, "Tan"),
        ["asin"] = (1, "Asin"), ["acos"] = (1, "Acos"), ["atan"] = (1, "Atan"),
        ["sinh"] = (1, "Sinh"), ["cosh"] = (1, "Cosh"), ["tanh"] = (1, "Tanh"),
        ["exp"] = (1, "Exp"), ["expm1"] = (1, "ExpM1"), ["log"] = (1, "Log"), ["sqrt"] = (1, "Sqrt"),
        ["pow"] = (2, "Pow"), ["abs"] = (1, "Abs"), ["min"] = (2, "Min"), ["max"] = (2, "Max"),
    };

    /// <summary>Named constants.</summary>
    public static IReadOnlyDictionary<string, double> Constants { get; } = new Dictionary<string, double>
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
    };

    /// <summary>The vocabulary as one line, for messages.</summary>
    public static string Listing =>
        $"functions {string.Join(", ", Functions.Keys)}; constants {string.Join(", ", Constants.Keys)}; operators + - * / and parentheses";
}
