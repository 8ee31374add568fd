using FokkerPlanck.Backends;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// <see cref="BracketBatch"/> gives <see cref="Interpolation.Bracket"/>'s cells and weights bit for bit: positions inside,
/// on the outermost centres, past both ends, far away, NaN and infinities; reflecting, absorbing and periodic axes;
/// lengths that leave a scalar tail.
/// </summary>
public class BracketBatchTests
{
    [Theory]
    [InlineData(200, -4.0, 0.04, Axis.ReflectingBoundary, 1003)]
    [InlineData(7, -1.5, 0.5, Axis.AbsorbingBoundary, 64)]
    [InlineData(2, 0.0, 1.0, Axis.ReflectingBoundary, 33)]
    [InlineData(96, -3.0, 1.0 / 16, Axis.PeriodicBoundary, 515)]
    public void TheBatchIsTheScalarRuleBitForBit(int cells, double lower, double h, int boundary, int count)
    {
        var axis = new Axis(lower, h, cells, boundary);
        double upper = lower + cells * h;
        var rng = new Random(cells);
        var xs = new double[count];
        for (int k = 0; k < count; k++) xs[k] = lower - h + rng.NextDouble() * (upper - lower + 2 * h);
        // Special positions: the outermost centres and just beside them, the edges, far away, NaN and infinities.
        double[] special = [lower + 0.5 * h, lower + (cells - 0.5) * h, Math.BitDecrement(lower + 0.5 * h), Math.BitIncrement(lower + (cells - 0.5) * h),
            lower, upper, -1e300, 1e300, 3e9, -3e9, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0];
        for (int k = 0; k < special.Length; k++) xs[(7 * k) % count] = special[k];
        int[] i0 = new int[count], i1 = new int[count];
        double[] a = new double[count];
        BracketBatch.Fill(xs, axis, i0, i1, a);
        for (int k = 0; k < count; k++)
        {
            if (axis.Periodic && !double.IsFinite(xs[k])) continue; // the scalar rule's cast of a non-finite floor is undefined
            Interpolation.Bracket(xs[k], lower, h, cells, axis.Periodic, out int e0, out int e1, out double ea);
            Assert.True(e0 == i0[k] && e1 == i1[k] && BitConverter.DoubleToInt64Bits(ea) == BitConverter.DoubleToInt64Bits(a[k]),
                $"x = {xs[k]:R}: ({i0[k]}, {i1[k]}, {a[k]:R}) against ({e0}, {e1}, {ea:R})");
        }
        Assert.Contains(a, w => w > 0 && w < 1); // positions between centres were among them
    }

    /// <summary>Negative control: the same rule with a multiplication by 1/h for the division gives other weights for some
    /// positions, which the bitwise comparison above would see.</summary>
    [Fact]
    public void AReciprocalForTheDivisionIsDetected()
    {
        var rng = new Random(3);
        double lower = -4.0, h = 8.0 / 300, inv = 1 / h;
        int diff = 0;
        for (int k = 0; k < 1000; k++)
        {
            double x = lower + rng.NextDouble() * 8.0;
            if ((x - lower) / h - 0.5 != (x - lower) * inv - 0.5) diff++;
        }
        Assert.True(diff > 50, $"only {diff} of 1000 positions changed");
    }
}
