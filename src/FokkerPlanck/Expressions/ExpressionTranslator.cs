using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FokkerPlanck.Expressions;

/// <summary>
/// Checks a user expression against the whitelist on its syntax tree (Roslyn's parser; no expression parser is written
/// here) and writes it back as C# over <see cref="Kernels.Dual"/>: numbers, the given variables and parameters,
/// <see cref="MathWhitelist"/> functions and constants, + - * / and parentheses. Everything else (member access, types,
/// calls of anything not whitelisted, strings, lambdas, assignments, casts, <c>^</c> …) is refused with the reason
/// before anything is compiled. The output is generated from the checked nodes, never copied from the input text, so
/// nothing the check did not see can reach the compiler.
/// </summary>
public static class ExpressionTranslator
{
    /// <summary>Checks and translates one expression.</summary>
    /// <param name="text">The expression, e.g. "exp(-0.5 * beta * t)".</param>
    /// <param name="variables">The names it may use as variables (e.g. t), written as themselves in the output.</param>
    /// <param name="parameters">Named numbers it may use (the scenario's parameters), written as literals.</param>
    /// <param name="used">Receives the variables the expression uses, when given.</param>
    /// <returns>The C# expression; functions are called as <c>M.Name(…)</c>, so that the same text compiles over doubles
    /// and over <see cref="Kernels.Dual"/> numbers, depending on the class M in scope.</returns>
    /// <exception cref="ExpressionException">The expression is empty, does not parse, or uses something not allowed.</exception>
    public static string Translate(string text, IReadOnlyCollection<string> variables, IReadOnlyDictionary<string, double> parameters,
        ISet<string>? used = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrWhiteSpace(text)) throw new ExpressionException("the expression is empty");
        if (text.Length > 10_000) throw new ExpressionException($"the expression is {text.Length} characters long (at most 10000)");
        var node = SyntaxFactory.ParseExpression(text, options: new CSharpParseOptions(LanguageVersion.CSharp12));
        // Text the parser skipped after a complete expression ("1; …", "f(t)) * 2") is reported as such, where it starts.
        var skipped = node.DescendantTrivia(descendIntoTrivia: true).FirstOrDefault(t => t.IsKind(SyntaxKind.SkippedTokensTrivia));
        if (!skipped.IsKind(SyntaxKind.None))
            throw new ExpressionException($"unexpected text after the expression at character {skipped.SpanStart + 1}: '{Clip(text[skipped.SpanStart..].Trim())}'");
        var error = node.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
            throw new ExpressionException($"does not parse at character {error.Location.SourceSpan.Start + 1}: {error.GetMessage(CultureInfo.InvariantCulture)}");
        if (node.FullSpan.Length != text.Length)
            throw new ExpressionException($"unexpected text after the expression at character {node.FullSpan.End + 1}: '{Clip(text[node.FullSpan.End..])}'");
        if (node.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia) ||
                t.IsDirective || t.IsKind(SyntaxKind.DisabledTextTrivia)))
            throw new ExpressionException("comments and directives are not allowed in an expression");
        var sb = new StringBuilder();
        Write(node, sb, variables, parameters, 0, used);
        return sb.ToString();
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static void Write(ExpressionSyntax e, StringBuilder sb, IReadOnlyCollection<string> vars, IReadOnlyDictionary<string, double> pars, int depth,
        ISet<string>? used)
    {
        // Depth counts every operator of a chain (a + b + c is two deep): 2000 bounds the recursion, and the 10 000-character
        // limit is reached first by any flat sum.
        if (depth > 2000) throw new ExpressionException("the expression is nested more than 2000 deep");
        switch (e)
        {
            case LiteralExpressionSyntax lit when lit.IsKind(SyntaxKind.NumericLiteralExpression):
            {
                string raw = lit.Token.Text;
                // Only plain decimal numbers: no suffixes (1f, 1m, 1L), no hex or binary, no digit separators.
                if (raw.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')))
                    throw new ExpressionException($"'{raw}' is not a plain decimal number");
                double v = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(v)) throw new ExpressionException($"'{raw}' is not a finite number");
                sb.Append(Literal(v));
                return;
            }
            case IdentifierNameSyntax id:
            {
                string name = id.Identifier.ValueText;
                if (id.Identifier.Text.StartsWith('@')) throw new ExpressionException($"'{id.Identifier.Text}' is not allowed (no verbatim identifiers)");
                if (vars.Contains(name)) { sb.Append(name); used?.Add(name); return; }
                if (pars.TryGetValue(name, out double p)) { sb.Append(Literal(p)); return; }
                if (MathWhitelist.Constants.TryGetValue(name, out double c)) { sb.Append(Literal(c)); return; }
                if (MathWhitelist.Functions.ContainsKey(name)) throw new ExpressionException($"'{name}' is a function: call it as {name}(…)");
                throw new ExpressionException($"unknown variable '{name}' (variables: {string.Join(", ", vars)}" +
                    (pars.Count > 0 ? $"; parameters: {string.Join(", ", pars.Keys)}" : "") + $"; constants: {string.Join(", ", MathWhitelist.Constants.Keys)})");
            }
            case ParenthesizedExpressionSyntax par:
                sb.Append('(');
                Write(par.Expression, sb, vars, pars, depth + 1, used);
                sb.Append(')');
                return;
            case PrefixUnaryExpressionSyntax un when un.IsKind(SyntaxKind.UnaryMinusExpression) || un.IsKind(SyntaxKind.UnaryPlusExpression):
                sb.Append(un.IsKind(SyntaxKind.UnaryMinusExpression) ? "-(" : "+(");
                Write(un.Operand, sb, vars, pars, depth + 1, used);
                sb.Append(')');
                return;
            case BinaryExpressionSyntax bin:
            {
                string op = bin.Kind() switch
                {
                    SyntaxKind.AddExpression => "+",
                    SyntaxKind.SubtractExpression => "-",
                    SyntaxKind.MultiplyExpression => "*",
                    SyntaxKind.DivideExpression => "/",
                    SyntaxKind.ExclusiveOrExpression => throw new ExpressionException("'^' is not a power here: write pow(a, b)"),
                    _ => throw new ExpressionException($"operator '{bin.OperatorToken.Text}' is not allowed (only + - * /)"),
                };
                sb.Append('(');
                Write(bin.Left, sb, vars, pars, depth + 1, used);
                sb.Append(' ').Append(op).Append(' ');
                Write(bin.Right, sb, vars, pars, depth + 1, used);
                sb.Append(')');
                return;
            }
            case InvocationExpressionSyntax call:
            {
                if (call.Expression is not IdentifierNameSyntax fn)
                    throw new ExpressionException($"'{Clip(call.Expression.ToString())}' cannot be called: only the functions {string.Join(", ", MathWhitelist.Functions.Keys)}");
                string name = fn.Identifier.ValueText;
                if (!MathWhitelist.Functions.TryGetValue(name, out var f))
                    throw new ExpressionException($"unknown function '{name}' (allowed: {string.Join(", ", MathWhitelist.Functions.Keys)})");
                var args = call.ArgumentList.Arguments;
                if (args.Count != f.Arity)
                    throw new ExpressionException($"{name} takes {f.Arity} argument{(f.Arity == 1 ? "" : "s")} (got {args.Count})");
                sb.Append("M.").Append(f.Method).Append('(');
                for (int i = 0; i < args.Count; i++)
                {
                    var a = args[i];
                    if (a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
                        throw new ExpressionException($"argument {i + 1} of {name}: named, ref, out and in arguments are not allowed");
                    if (i > 0) sb.Append(", ");
                    Write(a.Expression, sb, vars, pars, depth + 1, used);
                }
                sb.Append(')');
                return;
            }
            case MemberAccessExpressionSyntax m:
                throw new ExpressionException($"member access '{Clip(m.ToString())}' is not allowed: write the function alone, e.g. sin(t)");
            case LiteralExpressionSyntax other:
                throw new ExpressionException($"{Describe(other.Kind())} '{Clip(other.ToString())}' is not allowed: only numbers");
            default:
                throw new ExpressionException($"{Describe(e.Kind())} '{Clip(e.ToString())}' is not allowed ({MathWhitelist.Listing})");
        }
    }

    // "InvocationExpression" → "invocation expression".
    private static string Describe(SyntaxKind kind)
    {
        string s = kind.ToString();
        var sb = new StringBuilder();
        foreach (char c in s)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('.') || s.Contains('E'))
        ? $"({s.Replace("E", "e")})" : $"({s}.0)";
}
