using FokkerPlanck.Model;

namespace FokkerPlanck.Expressions;

/// <summary>
/// Compiles an <c>sde</c> process, dX = f(X, t) dt + g(t) dW, from its drift expressions (one per dimension, over x, y, t
/// and the parameters) and its g(t) expression — or, instead of g, a position-dependent scalar diffusion D(x, t) (Itô:
/// dX = f dt + sqrt(2 D(X, t)) dW, so ∂p/∂t = −∇·(f p) + Δ(D p)) — after <see cref="ExpressionTranslator"/> has checked them: a struct
/// implementing <see cref="Kernels.IPointProcess"/> (drift with its exact Jacobian by dual numbers, g) and the grid's
/// pointwise drift interfaces, which the managed backend and ILGPU run like a built-in functor.
/// </summary>
public static class SdeCompiler
{
    /// <summary>Compiles the process.</summary>
    /// <param name="drift">f_x (1D) or f_x and f_y (2D).</param>
    /// <param name="g">g(t), or null when <paramref name="diffusion"/> is given.</param>
    /// <param name="parameters">Named numbers the expressions may use.</param>
    /// <param name="diffusion">D(x, t) (1D) or D(x, y, t) (2D), or null for g.</param>
    /// <returns>The process (an <see cref="SdeProcess{TProcess}"/>).</returns>
    /// <exception cref="ExpressionException">An expression is not allowed or does not compile; the message starts with
    /// "drift[k]:", "g:" or "diffusion:".</exception>
    public static PointProcess Sde(string[] drift, string? g, IReadOnlyDictionary<string, double> parameters, string? diffusion = null)
    {
        if ((g is null) == (diffusion is null)) throw new ArgumentException("give g or diffusion, not both and not neither", nameof(g));
        ArgumentNullException.ThrowIfNull(drift);
        if (drift.Length is not (1 or 2)) throw new ArgumentException("one drift expression per dimension (1 or 2)", nameof(drift));
        string[] vars = drift.Length == 1 ? ["x", "t"] : ["x", "y", "t"];
        var used = new HashSet<string>();
        string fx = ScheduleCompiler.Checked("drift[0]", drift[0], vars, parameters, used);
        string fy = drift.Length == 2 ? ScheduleCompiler.Checked("drift[1]", drift[1], vars, parameters, used) : "0.0";
        var gUses = new HashSet<string>();
        string gt = g is null ? "0.0" : ScheduleCompiler.Checked("g", g, ["t"], parameters, gUses);
        // D: the expression, or ½ g(t)² (the same struct serves both forms; the grid uses D only in the diffusing form).
        string dt = diffusion is null ? $"0.5 * ({gt}) * ({gt})" : ScheduleCompiler.Checked("diffusion", diffusion, vars, parameters, gUses);
        string dd = StructCompiler.OverDuals(dt);
        // The value form (doubles: the grid's face drifts, g) and the dual form (the Jacobian), from the same text.
        string vx = StructCompiler.OverDoubles(fx), vy = StructCompiler.OverDoubles(fy), vg = StructCompiler.OverDoubles(gt);
        string dx = StructCompiler.OverDuals(fx), dy = StructCompiler.OverDuals(fy);
        // With D(x, t) the rates carry the diffusion, so a t in it makes them time-dependent too.
        bool autonomous = !used.Contains("t") && (diffusion is null || !gUses.Contains("t"));
        var type = StructCompiler.Compile(fx + "\n" + fy + "\n" + gt + "\n" + dt,
            "global::FokkerPlanck.Kernels.IPointProcess, global::FokkerPlanck.Kernels.Grid.IDrift1D, global::FokkerPlanck.Kernels.Grid.IDrift2D, " +
            "global::FokkerPlanck.Kernels.Grid.IFaceDrift1D, global::FokkerPlanck.Kernels.Grid.IFaceDrift2D, global::FokkerPlanck.Kernels.Grid.IAutonomousDrift, " +
            "global::FokkerPlanck.Kernels.Grid.IPointDiffusion", $$"""
            public static double Fx(double x, double y, double t) => {{vx}};
            public static double Fy(double x, double y, double t) => {{vy}};
            public static D Fx(D x, D y, D t) => {{dx}};
            public static D Fy(D x, D y, D t) => {{dy}};
            public double G(double t) => {{(g is null ? "double.NaN" : vg)}};
            public static D Dd(D x, D y, D t) => {{dd}};
            public double Diffusion(double x, double y, double t, out double dx, out double dy)
            {
                D a = Dd(D.Variable(x), (D)y, (D)t), b = Dd((D)x, D.Variable(y), (D)t);
                dx = a.D; dy = b.D;
                return a.V;
            }
            public bool IsAutonomous => {{(autonomous ? "true" : "false")}};
            public double Drift(double x, double t) => Fx(x, 0.0, t);
            public double DriftX(double x, double y, double t) => Fx(x, y, t);
            public double DriftY(double x, double y, double t) => Fy(x, y, t);
            public double Face(double xl, double xr, double auxL, double auxR, double t) => Fx(0.5 * (xl + xr), 0.0, t);
            public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => Fx(0.5 * (xl + xr), y, t);
            public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => Fy(x, 0.5 * (yl + yr), t);
            public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
            {
                D ax = Fx(D.Variable(x), (D)y, (D)t), ay = Fx((D)x, D.Variable(y), (D)t);
                D bx = Fy(D.Variable(x), (D)y, (D)t), by = Fy((D)x, D.Variable(y), (D)t);
                fx = ax.V; fy = bx.V; jxx = ax.D; jxy = ay.D; jyx = bx.D; jyy = by.D;
            }
            """);
        var functor = Activator.CreateInstance(type)!;
        var process = typeof(SdeProcess<>).MakeGenericType(type);
        return (PointProcess)Activator.CreateInstance(process, functor, drift.Length, drift, g, !used.Contains("t") && !gUses.Contains("t"), diffusion, null, null)!;
    }

    /// <summary>Compiles an <c>sde</c> process given by a potential: dX = −∇U(X, t) dt + sqrt(2 T(t)) dW, whose stationary
    /// density (U and T not depending on t) is ∝ e^{−U/T}. The grid's face drift is the difference quotient
    /// −(U(x_r) − U(x_l)) / (x_r − x_l) between the two centres (second order at the face midpoint), with which the
    /// Scharfetter–Gummel flux makes the discrete stationary state e^{−U/T} at the centres exactly; particles get −∇U and
    /// its Jacobian −∇²U exactly by hyper-dual numbers.</summary>
    /// <param name="potential">U(x, t) (1D) or U(x, y, t) (2D).</param>
    /// <param name="temperature">T(t) ≥ 0, an expression in t (a number is one).</param>
    /// <param name="dimension">1 or 2.</param>
    /// <param name="parameters">Named numbers the expressions may use.</param>
    /// <returns>The process (an <see cref="SdeProcess{TProcess}"/>).</returns>
    /// <exception cref="ExpressionException">An expression is not allowed or does not compile ("potential:" or "temperature:").</exception>
    public static PointProcess Potential(string potential, string temperature, int dimension, IReadOnlyDictionary<string, double> parameters)
    {
        if (dimension is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "1 or 2");
        string[] vars = dimension == 1 ? ["x", "t"] : ["x", "y", "t"];
        var used = new HashSet<string>();
        string u = ScheduleCompiler.Checked("potential", potential, vars, parameters, used);
        var tUses = new HashSet<string>();
        string temp = ScheduleCompiler.Checked("temperature", temperature, ["t"], parameters, tUses);
        string vu = StructCompiler.OverDoubles(u), hu = StructCompiler.OverHyperDuals(u), vt = StructCompiler.OverDoubles(temp);
        bool autonomous = !used.Contains("t");
        string gradient = dimension == 1
            ? """
                H a = Uh(H.Variable(x, 1.0, 1.0), (H)y, (H)t);
                fx = -a.A; fy = 0.0; jxx = -a.AB; jxy = 0.0; jyx = 0.0; jyy = 0.0;
              """
            : """
                H a = Uh(H.Variable(x, 1.0, 1.0), (H)y, (H)t), b = Uh((H)x, H.Variable(y, 1.0, 1.0), (H)t);
                H c = Uh(H.Variable(x, 1.0, 0.0), H.Variable(y, 0.0, 1.0), (H)t);
                fx = -a.A; fy = -b.A; jxx = -a.AB; jyy = -b.AB; jxy = -c.AB; jyx = -c.AB;
              """;
        var type = StructCompiler.Compile("potential\n" + u + "\n" + temp + "\n" + dimension,
            "global::FokkerPlanck.Kernels.IPointProcess, global::FokkerPlanck.Kernels.Grid.IDrift1D, global::FokkerPlanck.Kernels.Grid.IDrift2D, " +
            "global::FokkerPlanck.Kernels.Grid.IFaceDrift1D, global::FokkerPlanck.Kernels.Grid.IFaceDrift2D, global::FokkerPlanck.Kernels.Grid.IAutonomousDrift, " +
            "global::FokkerPlanck.Kernels.Grid.IPointDiffusion", $$"""
            public static double U(double x, double y, double t) => {{vu}};
            public static H Uh(H x, H y, H t) => {{hu}};
            public double G(double t) => global::System.Math.Sqrt(2.0 * ({{vt}}));
            public bool IsAutonomous => {{(autonomous ? "true" : "false")}};
            public double Drift(double x, double t) => -Uh(H.Variable(x, 1.0, 0.0), (H)0.0, (H)t).A;
            public double DriftX(double x, double y, double t) => -Uh(H.Variable(x, 1.0, 0.0), (H)y, (H)t).A;
            public double DriftY(double x, double y, double t) => -Uh((H)x, H.Variable(y, 1.0, 0.0), (H)t).A;
            public double Face(double xl, double xr, double auxL, double auxR, double t) => -(U(xr, 0.0, t) - U(xl, 0.0, t)) / (xr - xl);
            public double FaceX(double xl, double xr, double y, double auxL, double auxR, double t) => -(U(xr, y, t) - U(xl, y, t)) / (xr - xl);
            public double FaceY(double x, double yl, double yr, double auxL, double auxR, double t) => -(U(x, yr, t) - U(x, yl, t)) / (yr - yl);
            public void Drift(double x, double y, double t, out double fx, out double fy, out double jxx, out double jxy, out double jyx, out double jyy)
            {
            {{gradient}}
            }
            public double Diffusion(double x, double y, double t, out double dx, out double dy)
            {
                dx = 0.0; dy = 0.0;
                return {{vt}};
            }
            """);
        var functor = Activator.CreateInstance(type)!;
        var process = typeof(SdeProcess<>).MakeGenericType(type);
        return (PointProcess)Activator.CreateInstance(process, functor, dimension, new[] { "-grad(" + potential + ")" }, null,
            autonomous && !tUses.Contains("t"), null, potential, temperature)!;
    }
}
