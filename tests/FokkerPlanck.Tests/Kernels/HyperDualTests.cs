using FokkerPlanck.Kernels;

namespace FokkerPlanck.Tests.Kernels;

/// <summary>Hyper-dual numbers: every whitelisted function's value, first and second derivative against its closed form
/// (seeding both directions with 1 gives f' in A and B and f'' in AB), the product and quotient rules for mixed partials,
/// and the Dual numbers' first derivatives, which must equal the hyper-duals'.</summary>
public sealed class HyperDualTests
{
    public static TheoryData<string, double> Points => new()
    {
        { "sin", 0.7 }, { "cos", 0.7 }, { "tan", 0.4 }, { "asin", 0.3 }, { "acos", -0.2 }, { "atan", 1.3 }, { "sinh", 0.9 },
        { "cosh", -0.6 }, { "tanh", 0.5 }, { "exp", 0.8 }, { "expm1", -0.3 }, { "log", 2.5 }, { "sqrt", 1.7 }, { "pow3", -1.2 },
        { "powhalf", 2.0 }, { "powxx", 1.4 }, { "abs", -0.8 }, { "inv", 1.9 },
    };

    private static (Func<HyperDual, HyperDual> H, Func<Dual, Dual> D, Func<double, double> F, Func<double, double> F1, Func<double, double> F2) Of(string name) => name switch
    {
        "sin" => (HyperDual.Sin, Dual.Sin, Math.Sin, Math.Cos, x => -Math.Sin(x)),
        "cos" => (HyperDual.Cos, Dual.Cos, Math.Cos, x => -Math.Sin(x), x => -Math.Cos(x)),
        "tan" => (HyperDual.Tan, Dual.Tan, Math.Tan, x => 1 / Math.Pow(Math.Cos(x), 2), x => 2 * Math.Tan(x) / Math.Pow(Math.Cos(x), 2)),
        "asin" => (HyperDual.Asin, Dual.Asin, Math.Asin, x => 1 / Math.Sqrt(1 - x * x), x => x / Math.Pow(1 - x * x, 1.5)),
        "acos" => (HyperDual.Acos, Dual.Acos, Math.Acos, x => -1 / Math.Sqrt(1 - x * x), x => -x / Math.Pow(1 - x * x, 1.5)),
        "atan" => (HyperDual.Atan, Dual.Atan, Math.Atan, x => 1 / (1 + x * x), x => -2 * x / Math.Pow(1 + x * x, 2)),
        "sinh" => (HyperDual.Sinh, Dual.Sinh, Math.Sinh, Math.Cosh, Math.Sinh),
        "cosh" => (HyperDual.Cosh, Dual.Cosh, Math.Cosh, Math.Sinh, Math.Cosh),
        "tanh" => (HyperDual.Tanh, Dual.Tanh, Math.Tanh, x => 1 / Math.Pow(Math.Cosh(x), 2), x => -2 * Math.Tanh(x) / Math.Pow(Math.Cosh(x), 2)),
        "exp" => (HyperDual.Exp, Dual.Exp, Math.Exp, Math.Exp, Math.Exp),
        "expm1" => (HyperDual.ExpM1, Dual.ExpM1, x => Math.Exp(x) - 1, Math.Exp, Math.Exp),
        "log" => (HyperDual.Log, Dual.Log, Math.Log, x => 1 / x, x => -1 / (x * x)),
        "sqrt" => (HyperDual.Sqrt, Dual.Sqrt, Math.Sqrt, x => 0.5 / Math.Sqrt(x), x => -0.25 / Math.Pow(x, 1.5)),
        "pow3" => (a => HyperDual.Pow(a, 3.0), a => Dual.Pow(a, 3.0), x => x * x * x, x => 3 * x * x, x => 6 * x),
        "powhalf" => (a => HyperDual.Pow(a, 0.5), a => Dual.Pow(a, 0.5), Math.Sqrt, x => 0.5 / Math.Sqrt(x), x => -0.25 / Math.Pow(x, 1.5)),
        "powxx" => (a => HyperDual.Pow(a, a), a => Dual.Pow(a, a), x => Math.Pow(x, x), x => Math.Pow(x, x) * (Math.Log(x) + 1),
            x => Math.Pow(x, x) * (Math.Pow(Math.Log(x) + 1, 2) + 1 / x)),
        "abs" => (HyperDual.Abs, Dual.Abs, Math.Abs, x => Math.Sign(x), _ => 0.0),
        "inv" => (a => 1.0 / a, a => 1.0 / a, x => 1 / x, x => -1 / (x * x), x => 2 / (x * x * x)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void ValueAndBothDerivativesMatchTheClosedForm(string name, double x)
    {
        var (h, d, f, f1, f2) = Of(name);
        var r = h(HyperDual.Variable(x, 1, 1));
        Assert.Equal(f(x), r.V, 1e-14 * Math.Max(1, Math.Abs(f(x))));
        Assert.Equal(f1(x), r.A, 1e-13 * Math.Max(1, Math.Abs(f1(x))));
        Assert.Equal(f1(x), r.B, 1e-13 * Math.Max(1, Math.Abs(f1(x))));
        Assert.Equal(f2(x), r.AB, 1e-12 * Math.Max(1, Math.Abs(f2(x))));
        Assert.Equal(r.A, d(Dual.Variable(x)).D, 1e-14 * Math.Max(1, Math.Abs(r.A)));
        // A constant stays constant.
        var c = h(x);
        Assert.True(c.A == 0 && c.B == 0 && c.AB == 0);
    }

    [Fact]
    public void MixedPartialsOfAProductAndAQuotientAreExact()
    {
        // u(x, y) = x² y / (1 + y): u_xy = 2x / (1 + y)².
        double x = 1.3, y = 0.4;
        var hx = HyperDual.Variable(x, 1, 0);
        var hy = HyperDual.Variable(y, 0, 1);
        var u = hx * hx * hy / (1.0 + hy);
        Assert.Equal(2 * x * y / (1 + y), u.A, 1e-14);
        Assert.Equal(x * x / Math.Pow(1 + y, 2), u.B, 1e-14);
        Assert.Equal(2 * x / Math.Pow(1 + y, 2), u.AB, 1e-14);
    }

    [Fact]
    public void PowWithAConstantIntegerExponentHasFiniteDerivativesAtZero()
    {
        var r = HyperDual.Pow(HyperDual.Variable(0.0, 1, 1), 2.0);
        Assert.Equal((0.0, 0.0, 2.0), (r.V, r.A, r.AB));
    }
}
