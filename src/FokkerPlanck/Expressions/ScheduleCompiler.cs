using FokkerPlanck.Model;

namespace FokkerPlanck.Expressions;

/// <summary>
/// Compiles an affine path's alpha(t) and sigma(t) (or variance) expressions into a schedule struct with Roslyn, after
/// <see cref="ExpressionTranslator"/> has checked them: a public readonly struct implementing <see cref="Kernels.ILinearSchedule"/>
/// whose methods evaluate the expressions on <see cref="Kernels.Dual"/> numbers, so that the kernels (managed and ILGPU) run it as
/// they run a built-in schedule. Compiled once per distinct pair of expressions and parameters.
/// </summary>
public static class ScheduleCompiler
{
    /// <summary>Compiles the schedule and returns its process.</summary>
    /// <param name="alpha">alpha(t).</param>
    /// <param name="spread">sigma(t), or sigma(t)² when <paramref name="spreadIsVariance"/>.</param>
    /// <param name="spreadIsVariance">True when <paramref name="spread"/> is the variance.</param>
    /// <param name="parameters">Named numbers the expressions may use.</param>
    /// <returns>The process (an <see cref="AffineProcess{TSchedule}"/>).</returns>
    /// <exception cref="ExpressionException">An expression is not allowed or does not compile; the message names which.</exception>
    public static LinearProcess Affine(string alpha, string spread, bool spreadIsVariance, IReadOnlyDictionary<string, double> parameters)
    {
        string[] vars = ["t"];
        string a = StructCompiler.OverDuals(Checked("alpha", alpha, vars, parameters));
        string s = StructCompiler.OverDuals(Checked(spreadIsVariance ? "variance" : "sigma", spread, vars, parameters));
        string variance = spreadIsVariance ? "Spread(t)" : "Spread(t) * Spread(t)";
        string key = a + "\n" + s + "\n" + spreadIsVariance;
        var type = StructCompiler.Compile(key, "global::FokkerPlanck.Kernels.ILinearSchedule", $$"""
            public static D Alpha(D t) => {{a}};
            public static D Spread(D t) => {{s}};
            public static D Variance(D t) => {{variance}};
            public bool DriftIsConstant => false;
            public double A(double t)
            {
                D a = Alpha(D.Variable(t));
                return a.D / a.V;
            }
            public double G(double t)
            {
                D a = Alpha(D.Variable(t)), v = Variance(D.Variable(t));
                double r = a.D / a.V, g2 = v.D - 2 * r * v.V;
                // Round-off can leave g² a few ulps below 0 where it is 0 exactly (e.g. a constant sigma/alpha).
                if (g2 < 0 && g2 >= -1e-12 * (System.Math.Abs(v.D) + System.Math.Abs(2 * r * v.V))) g2 = 0;
                return System.Math.Sqrt(g2);
            }
            public double MeanFactor(double t) => Alpha(t).V / Alpha(0.0).V;
            public double AddedVariance(double t)
            {
                double m = MeanFactor(t);
                return Variance(t).V - m * m * Variance(0.0).V;
            }
            """);
        var schedule = Activator.CreateInstance(type)!;
        var process = typeof(AffineProcess<>).MakeGenericType(type);
        return (LinearProcess)Activator.CreateInstance(process, schedule, alpha, spread, spreadIsVariance)!;
    }

    /// <summary>Compiles a flow-matching path X_t = α(t) Z + σ(t) ε from its expressions into a struct implementing
    /// <see cref="Kernels.IFlowPath"/>: A = σ'/σ = (σ²)'/(2σ²) and B = α' − α A from exact dual-number derivatives.</summary>
    /// <param name="alpha">α(t).</param>
    /// <param name="spread">σ(t), or σ(t)² when <paramref name="spreadIsVariance"/>.</param>
    /// <param name="spreadIsVariance">True when <paramref name="spread"/> is the variance.</param>
    /// <param name="parameters">Named numbers the expressions may use.</param>
    /// <returns>The path (a boxed struct).</returns>
    /// <exception cref="ExpressionException">An expression is not allowed ("alpha:", "sigma:" or "variance:").</exception>
    public static Kernels.IFlowPath FlowPath(string alpha, string spread, bool spreadIsVariance, IReadOnlyDictionary<string, double> parameters)
    {
        string[] vars = ["t"];
        string a = StructCompiler.OverDuals(Checked("alpha", alpha, vars, parameters));
        string s = StructCompiler.OverDuals(Checked(spreadIsVariance ? "variance" : "sigma", spread, vars, parameters));
        string variance = spreadIsVariance ? "Spread(t)" : "Spread(t) * Spread(t)";
        var type = StructCompiler.Compile("flow\n" + a + "\n" + s + "\n" + spreadIsVariance, "global::FokkerPlanck.Kernels.IFlowPath", $$"""
            public static D Alpha(D t) => {{a}};
            public static D Spread(D t) => {{s}};
            public static D Var(D t) => {{variance}};
            public double Alpha(double t) => Alpha((D)t).V;
            public double Variance(double t) => Var((D)t).V;
            public double Sigma(double t) => {{(spreadIsVariance ? "global::System.Math.Sqrt(Spread((D)t).V)" : "Spread((D)t).V")}};
            public double Velocity(double t, double x, double e)
            {
                D al = Alpha(D.Variable(t)), v = Var(D.Variable(t));
                double a = 0.5 * v.D / v.V;
                return a * x + (al.D - al.V * a) * e;
            }
            public double Jacobian(double t, double dE, double identity)
            {
                D al = Alpha(D.Variable(t)), v = Var(D.Variable(t));
                double a = 0.5 * v.D / v.V;
                return a * identity + (al.D - al.V * a) * dE;
            }
            """);
        return (Kernels.IFlowPath)Activator.CreateInstance(type)!;
    }

    internal static string Checked(string which, string text, string[] vars, IReadOnlyDictionary<string, double> parameters, ISet<string>? used = null)
    {
        try { return ExpressionTranslator.Translate(text, vars, parameters, used); }
        catch (ExpressionException e) { throw new ExpressionException(which, e.Message, e); }
    }
}
