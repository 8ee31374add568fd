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
        var xs = Positions(axis, count);
        var mismatches = Mismatches(axis, xs, BracketBatch.Fill);
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(5)));
    }

    /// <summary>Negative control: a batch rule with a multiplication by 1/h for the division, run through the same
    /// comparison, is rejected.</summary>
    [Fact]
    public void ABatchWithAReciprocalForTheDivisionIsRejected()
    {
        var axis = new Axis(-4.0, 8.0 / 300, 300, Axis.ReflectingBoundary);
        var xs = Positions(axis, 1000);
        void Reciprocal(ReadOnlySpan<double> x, Axis ax, Span<int> i0, Span<int> i1, Span<double> a)
        {
            double inv = 1 / ax.H;
            for (int k = 0; k < x.Length; k++)
            {
                double u = (x[k] - ax.Lower) * inv - 0.5;
                if (!(u > 0)) { i0[k] = 0; i1[k] = 0; a[k] = 0.0; }
                else if (u >= ax.N - 1) { i0[k] = ax.N - 1; i1[k] = ax.N - 1; a[k] = 0.0; }
                else { i0[k] = (int)u; i1[k] = i0[k] + 1; a[k] = u - i0[k]; }
            }
        }
        Assert.True(Mismatches(axis, xs, Reciprocal).Count > 50);
    }

    private delegate void BatchRule(ReadOnlySpan<double> xs, Axis axis, Span<int> i0, Span<int> i1, Span<double> a);

    // Uniform positions from one cell before the grid to one after, and special ones: the outermost centres and just
    // beside them, the edges, far away, NaN, infinities and -0.
    private static double[] Positions(Axis axis, int count)
    {
        double lower = axis.Lower, h = axis.H, upper = lower + axis.N * h;
        var rng = new Random(axis.N);
        var xs = new double[count];
        for (int k = 0; k < count; k++) xs[k] = lower - h + rng.NextDouble() * (upper - lower + 2 * h);
        double[] special = [lower + 0.5 * h, lower + (axis.N - 0.5) * h, Math.BitDecrement(lower + 0.5 * h), Math.BitIncrement(lower + (axis.N - 0.5) * h),
            lower, upper, -1e300, 1e300, 3e9, -3e9, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0];
        for (int k = 0; k < special.Length; k++) xs[(7 * k) % count] = special[k];
        return xs;
    }

    // Positions where a batch rule's cells or weight bits differ from Interpolation.Bracket's.
    private static List<string> Mismatches(Axis axis, double[] xs, BatchRule rule)
    {
        int n = xs.Length;
        int[] i0 = new int[n], i1 = new int[n];
        double[] a = new double[n];
        rule(xs, axis, i0, i1, a);
        var bad = new List<string>();
        for (int k = 0; k < n; k++)
        {
            if (axis.Periodic && !double.IsFinite(xs[k])) continue; // the scalar rule's cast of a non-finite floor is undefined
            Interpolation.Bracket(xs[k], axis.Lower, axis.H, axis.N, axis.Periodic, out int e0, out int e1, out double ea);
            if (e0 != i0[k] || e1 != i1[k] || BitConverter.DoubleToInt64Bits(ea) != BitConverter.DoubleToInt64Bits(a[k]))
                bad.Add($"x = {xs[k]:R}: ({i0[k]}, {i1[k]}, {a[k]:R}) against ({e0}, {e1}, {ea:R})");
        }
        Assert.Contains(a, w => w > 0 && w < 1); // positions between centres were among them
        return bad;
    }
}
