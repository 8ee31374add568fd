using FokkerPlanck.Numerics;

namespace FokkerPlanck.Tests.Numerics;

public class SpecialFunctionsTests
{
    [Theory]
    // Reference values: the continued fraction of erfc evaluated with 50-digit decimals (4000 terms).
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.42758357615580700442)]
    [InlineData(3.0, 0.17900115118138995042)]
    [InlineData(10.0, 0.056140992743822585858)]
    [InlineData(24.9, 0.022639987776049504996)]
    [InlineData(25.1, 0.022459875817581389506)]
    [InlineData(100.0, 0.0056416137829894329036)]
    [InlineData(1e6, 5.6418958354747419216e-07)]
    public void ErfcxMatchesReference(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Erfcx(x), expected * 1e-13);

    [Fact]
    public void ErfcxIsContinuousAtTheSwitch()
    {
        double below = SpecialFunctions.Erfcx(Math.BitDecrement(25.0)), above = SpecialFunctions.Erfcx(25.0);
        Assert.True(Math.Abs(below - above) < 1e-14 * above, $"{below} vs {above}");
    }

    [Fact]
    public void NormalIntervalKeepsRelativePrecisionInTheTails()
    {
        // P(30 < Z < 30.01) = ½ e^{-a²/2} [erfcx(a/√2) - erfcx(b/√2) e^{-(b² - a²)/2}], free of cancellation.
        double a = 30.0, b = 30.01, p = SpecialFunctions.NormalInterval(a, b);
        double reference = 0.5 * Math.Exp(-a * a / 2) * (SpecialFunctions.Erfcx(a / Math.Sqrt(2)) - SpecialFunctions.Erfcx(b / Math.Sqrt(2)) * Math.Exp(-(b * b - a * a) / 2));
        Assert.True(p > 0 && Math.Abs(p / reference - 1) < 1e-9, $"{p} vs {reference}");
        Assert.Equal(p, SpecialFunctions.NormalInterval(-30.01, -30.0), p * 1e-12);
    }

    [Fact]
    public void LogSumExpHandlesMinusInfinity()
    {
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(Math.Log(3.0) - 1000, SpecialFunctions.LogSumExp([-1000.0, -1000.0, -1000.0]), 1e-12);
    }
}
