using FokkerPlanck.Backends;
using FokkerPlanck.Particles;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// <see cref="ManagedBackend.AllocateReusable"/>: a disposed large vector's array is handed to the next request of its
/// length, zeroed; a second Dispose gives nothing back twice; other lengths, small vectors and plain allocations are
/// not reused; at most <see cref="ManagedBackend.ReuseKept"/> arrays are kept, and none after the backend is disposed.
/// </summary>
public class ReusableVectorTests
{
    private const int Large = ManagedBackend.ReuseFrom;

    [Fact]
    public void ADisposedVectorsMemoryIsReusedZeroed()
    {
        using var b = new ManagedBackend(1);
        var v = b.AllocateReusable(Large);
        var data = new double[Large];
        Array.Fill(data, 3.5);
        b.Upload(data, v);
        var array = ManagedBackend.V(v).Array;
        v.Dispose();
        v.Dispose(); // once only
        Assert.Equal(1, b.ReusableArrays);
        using var w = b.AllocateReusable(Large);
        Assert.Same(array, ManagedBackend.V(w).Array);
        Assert.All(ManagedBackend.V(w).Array, x => Assert.Equal(0.0, x));
        Assert.Equal(0, b.ReusableArrays);
        // Nothing else is kept for it: the next request of that length gets a fresh array.
        using var u = b.AllocateReusable(Large);
        Assert.NotSame(array, ManagedBackend.V(u).Array);
    }

    [Theory]
    [InlineData(Large)]
    [InlineData(Large - 1)]
    public void AnUploadedReusableVectorHoldsItsDataAndReusesMemory(int length)
    {
        using var b = new ManagedBackend(1);
        var first = new double[length];
        Array.Fill(first, 3.5);
        var v = b.UploadReusable(first);
        Assert.Equal(first, ManagedBackend.V(v).Array);
        var array = ManagedBackend.V(v).Array;
        v.Dispose();
        // The next upload of that length overwrites the kept array (large ones only) with its own data, all of it.
        var second = Enumerable.Range(0, length).Select(i => (double)i).ToArray();
        using var w = b.UploadReusable(second);
        Assert.Equal(second, ManagedBackend.V(w).Array);
        if (length >= Large) Assert.Same(array, ManagedBackend.V(w).Array);
        else Assert.NotSame(array, ManagedBackend.V(w).Array);
    }

    [Fact]
    public void OnlyLargeReusableVectorsOfTheSameLengthAreReused()
    {
        using var b = new ManagedBackend(1);
        var small = b.AllocateReusable(Large - 1);
        var plain = b.Allocate(Large);
        small.Dispose(); plain.Dispose();
        Assert.Equal(0, b.ReusableArrays);
        var v = b.AllocateReusable(Large);
        var array = ManagedBackend.V(v).Array;
        v.Dispose();
        using var other = b.AllocateReusable(Large + 8);
        Assert.NotSame(array, ManagedBackend.V(other).Array);
        Assert.Equal(1, b.ReusableArrays);
    }

    [Fact]
    public void AtMostReuseKeptArraysAreKeptAndNoneAfterDispose()
    {
        var b = new ManagedBackend(1);
        var vs = Enumerable.Range(0, ManagedBackend.ReuseKept + 3).Select(_ => b.AllocateReusable(Large)).ToList();
        foreach (var v in vs) v.Dispose();
        Assert.Equal(ManagedBackend.ReuseKept, b.ReusableArrays);
        b.Dispose();
        Assert.Equal(0, b.ReusableArrays);
        var late = new ManagedBackend(1);
        var x = late.AllocateReusable(Large);
        late.Dispose();
        x.Dispose();
        Assert.Equal(0, late.ReusableArrays);
    }

    /// <summary>Repeated particle runs on one backend (which reuse each other's vectors) give the same bits as runs on
    /// fresh backends, so no state leaks from one run into the next.</summary>
    [Fact]
    public void RepeatedRunsOnOneBackendEqualFreshRuns()
    {
        var sc = BuiltInScenarios.Get("ou-gmm-1d");
        var problem = new ParticleProblem(sc.Process, sc.Initial1D!, [sc.Start, sc.End], null);
        var options = new ParticleOptions
        {
            Dynamics = Dynamics.ForwardSde, Integrator = Integrator.EulerMaruyama, Field = FieldKind.Exact,
            Particles = 40000, Steps = 3, Seed = 11,
        };
        var (x, _) = ParticleSimulator.StartSamples(problem, options);
        using var shared = new ManagedBackend(2);
        var first = ParticleSimulator.Run(problem, options, x, null, shared);
        Assert.True(shared.ReusableArrays > 0);
        var second = ParticleSimulator.Run(problem, options with { Seed = 12 }, x, null, shared);
        var third = ParticleSimulator.Run(problem, options, x, null, shared);
        using var fresh = new ManagedBackend(2);
        var alone = ParticleSimulator.Run(problem, options with { Seed = 12 }, x, null, fresh);
        Assert.Equal(first.X[^1], third.X[^1]);
        Assert.Equal(alone.X[^1], second.X[^1]);
        Assert.NotEqual(first.X[^1], second.X[^1]);
        Assert.Equal(alone.FieldEvaluations, second.FieldEvaluations);
    }
}
