using FokkerPlanck.Particles;

namespace FokkerPlanck.Tests.Particles;

/// <summary>ParticleRun's end-of-run sums: the counters' even (fallbacks) and odd (evaluations) entries, exact, with
/// and without a tail after the four-wide blocks.</summary>
public class ParticleRunTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1001)]
    public void CounterPairsSumExactly(int n)
    {
        var rng = new Random(n);
        var c = new double[2 * n];
        long even = 0, odd = 0;
        for (int i = 0; i < n; i++)
        {
            long f = rng.Next(0, 5), e = rng.Next(0, 1 << 30);
            c[2 * i] = f; c[2 * i + 1] = e;
            even += f; odd += e;
        }
        Assert.Equal((even, odd), ParticleRun.SumPairs(c));
    }
}
