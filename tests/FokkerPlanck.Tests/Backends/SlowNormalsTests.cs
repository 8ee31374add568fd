using System.Runtime.Intrinsics;
using FokkerPlanck.Backends;
using FokkerPlanck.RandomNumbers;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// The managed backend's eight-lane draw of the ziggurat's slow words (<see cref="SlowNormals"/>) against the scalar
/// <see cref="BrownianNormals.Normal"/>: the same bits on every branch (a wedge accepted at attempt 0, a rejected wedge
/// whose next word is fast, one whose next word is slow again, layer 0), with runs whose last group has fewer than eight
/// lanes, and with every wedge test handed to Math.Exp; its vector exp against Math.Exp; and a control that a wrong
/// attempt counter is seen.
/// </summary>
public class SlowNormalsTests(ITestOutputHelper log)
{
    private const ulong Seed = 0x243F6A88_85A308D3UL;
    private const int Step = 11;
    private const uint Stream = BrownianNormals.StreamY;

    [Fact]
    public void RunsOfNormalsAreTheScalarNormalsBitForBitOnEveryBranch()
    {
        if (!IncrementBatch.IsAccelerated) { log.WriteLine("no AVX2: the vector path does not run here"); return; }
        const int n = 1 << 17;
        var z = new double[n];
        var words = new uint[64];
        var index = new int[SlowNormals.Capacity];
        var word = new uint[SlowNormals.Capacity];
        // Runs of 512 and a last run of 192 particles, as the launcher draws them, from a first particle far from zero.
        const long first = (1L << 33) + 4096;
        for (int s = 0; s < n; s += 512)
            IncrementBatch.Normals(Seed, first + s, Step, Stream, words, z.AsSpan(s, Math.Min(512, n - s - 320)), index, word);
        int slow = 0, layer0 = 0, accepted = 0, retryFast = 0, retrySlow = 0;
        for (int k = 0; k < n - 320; k++)
        {
            long p = first + k;
            Assert.Equal(BitConverter.DoubleToInt64Bits(BrownianNormals.Normal(Seed, p, Step, Stream)), BitConverter.DoubleToInt64Bits(z[k]));
            uint w = BrownianNormals.Word(Seed, p, Step, Stream);
            if (Ziggurat.TryFast(w, out _)) continue;
            slow++;
            switch (Branch(p, w))
            {
                case 0: layer0++; break;
                case 1: accepted++; break;
                case 2: retryFast++; break;
                default: retrySlow++; break;
            }
        }
        log.WriteLine($"{n - 320} normals: {slow} slow words; layer 0 {layer0}, wedge accepted {accepted}, rejected then fast {retryFast}, rejected then slow {retrySlow}");
        Assert.True(layer0 > 0 && accepted > 0 && retryFast > 0 && retrySlow > 0, "every branch is exercised");
    }

    [Theory]
    [InlineData(SlowNormals.ExpMargin)]
    [InlineData(2.0)] // every wedge test within the margin: each one decided by Math.Exp
    public void QueuesOfEveryLengthAreDrawnLikeTheScalarPath(double margin)
    {
        // Partial groups of 1..8 lanes (a run's last draw), and full groups, straight through the queue.
        var slowParticles = new List<(long P, uint W)>();
        for (long p = 0; slowParticles.Count < 200; p++)
        {
            uint w = BrownianNormals.Word(Seed, p, Step, Stream);
            if (!Ziggurat.TryFast(w, out _)) slowParticles.Add((p, w));
        }
        var index = new int[SlowNormals.Capacity];
        var word = new uint[SlowNormals.Capacity];
        // Lengths 1..24 (partial and whole groups), then one queue of 64 other words.
        foreach (int count in Enumerable.Range(1, 24).Append(64))
        {
            int from = count == 64 ? 100 : 0;
            var z = new double[slowParticles[from + count - 1].P + 1];
            var queue = new SlowNormals(index, word, Seed, 0, Step, Stream, margin);
            for (int q = from; q < from + count; q++) queue.Add((int)slowParticles[q].P, slowParticles[q].W);
            queue.Draw(z, all: false);
            Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? count % 8 : 0, queue.Count); // without AVX-512 all at once
            queue.Draw(z, all: true);
            Assert.Equal(0, queue.Count);
            for (int q = from; q < from + count; q++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(BrownianNormals.Normal(Seed, slowParticles[q].P, Step, Stream)),
                    BitConverter.DoubleToInt64Bits(z[slowParticles[q].P]));
        }
    }

    [Fact]
    public void VectorExpIsWithinItsBoundOfMathExp()
    {
        // The wedges' arguments -x²/2 lie in [-6.9, 0]; the bound the margin assumes is 1e-15 relative.
        double worst = 0;
        var t = new double[8];
        for (int k = 0; k <= 700_000; k += 8)
        {
            for (int l = 0; l < 8; l++) t[l] = -7.0 * (k + l) / 700_000;
            var e = SlowNormals.Exp(Vector512.Create(t));
            for (int l = 0; l < 8; l++) worst = Math.Max(worst, Math.Abs(e.GetElement(l) / Math.Exp(t[l]) - 1));
        }
        log.WriteLine($"worst relative difference from Math.Exp on [-7, 0]: {worst:E2} (margin {SlowNormals.ExpMargin:E0})");
        Assert.True(worst < 1e-15, $"worst {worst:E2}");
    }

    [Fact]
    public void AWrongAttemptCounterIsDetected()
    {
        // Negative control for the bit-for-bit comparison: drawing the wedges of attempt 0 with attempt 1's block must
        // change many of the normals. A word that both blocks accept keeps its ±x, so only those that either block
        // rejects (about half: the wedges reject 46 % of their words) can differ; at least a third must.
        int wedges = 0, same = 0;
        for (long p = 0; wedges < 300; p++)
        {
            uint w = BrownianNormals.Word(Seed, p, Step, Stream);
            if (Ziggurat.TryFast(w, out _) || (w & 127u) == 0) continue;
            wedges++;
            long blk = BrownianNormals.Block(p);
            double wrong = Ziggurat.SlowFrom(w, Seed, (uint)blk, (uint)((ulong)blk >> 32), Step, Stream, BrownianNormals.Position(p), 1);
            if (wrong == BrownianNormals.Normal(Seed, p, Step, Stream)) same++;
        }
        log.WriteLine($"{same} of {wedges} wedge words agree with attempt 1's block in place of attempt 0's");
        Assert.True(wedges - same > wedges / 3, $"{same} of {wedges} agree");
    }

    [Fact]
    public void AQueueKeyedToTheWrongParticlesIsDetected()
    {
        // Negative control through the queue itself: the same words queued for particles one block further on (first
        // shifted by 32, so each word's block, not its position, is another) must change many of the slow normals.
        var slowParticles = new List<(long P, uint W)>();
        for (long p = 0; slowParticles.Count < 64; p++)
        {
            uint w = BrownianNormals.Word(Seed, p, Step, Stream);
            if (!Ziggurat.TryFast(w, out _) && (w & 127u) != 0) slowParticles.Add((p, w));
        }
        var index = new int[SlowNormals.Capacity];
        var word = new uint[SlowNormals.Capacity];
        var z = new double[slowParticles[^1].P + 1];
        var queue = new SlowNormals(index, word, Seed, 32, Step, Stream);
        foreach (var (p, w) in slowParticles) queue.Add((int)p, w);
        queue.Draw(z, all: true);
        int same = slowParticles.Count(e => z[e.P] == BrownianNormals.Normal(Seed, e.P, Step, Stream));
        log.WriteLine($"{same} of {slowParticles.Count} wedge normals agree when keyed to the particles 32 further on");
        Assert.True(slowParticles.Count - same > slowParticles.Count / 3, $"{same} of {slowParticles.Count} agree");
    }

    // 0: layer 0; 1: wedge accepted at attempt 0; 2: rejected, the next word fast; 3: rejected, the next word slow.
    private static int Branch(long p, uint w)
    {
        int i = (int)(w & 127u);
        if (i == 0) return 0;
        long blk = BrownianNormals.Block(p);
        var b = Philox.Block(new UInt4((uint)blk, (uint)((ulong)blk >> 32), Step, Ziggurat.SlowStream(Stream, BrownianNormals.Position(p), 0)),
            unchecked((uint)Seed), (uint)(Seed >> 32));
        double x = ((w >> 8) + 0.5) * Ziggurat.W[i], u = Philox.Uniform(b.X0, b.X1);
        double fi = ZigguratTables.F[i], fn = ZigguratTables.F[i + 1];
        if (fi + u * (fn - fi) < Math.Exp(-0.5 * x * x)) return 1;
        return Ziggurat.TryFast(b.X2, out _) ? 2 : 3;
    }
}
