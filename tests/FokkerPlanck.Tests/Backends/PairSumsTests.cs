using FokkerPlanck.Backends;

namespace FokkerPlanck.Tests.Backends;

/// <summary>A particle run's end-of-run sums: the counters' even (fallbacks) and odd (evaluations) entries, exact, with
/// and without a tail after the four-wide blocks, in place on the managed backend and by the interface's default.</summary>
public class PairSumsTests
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
        Assert.Equal((even, odd), PairSums.Of(c));
        using var b = new ManagedBackend(1);
        using var v = b.Allocate(c.Length);
        b.Upload(c, v);
        Assert.Equal((even, odd), b.SumPairs(v));
        // The interface's default (download, then sum), as the ILGPU backend runs it.
        using var g = IlgpuBackend.CreateCpu();
        using var w = g.Allocate(c.Length);
        g.Upload(c, w);
        Assert.Equal((even, odd), ((IBackend)g).SumPairs(w));
    }
}
