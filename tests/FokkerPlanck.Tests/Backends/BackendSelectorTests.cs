using FokkerPlanck.Backends;

namespace FokkerPlanck.Tests.Backends;

[Collection("environment")]
public class BackendSelectorTests
{
    [Fact]
    public void NamesSelectBackendsAndEnvironmentOverridesAuto()
    {
        using (var m = BackendSelector.Create("managed")) Assert.Equal("managed", m.Name);
        string? saved = Environment.GetEnvironmentVariable(BackendSelector.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(BackendSelector.EnvironmentVariable, "ilgpu-cpu");
            using (var b = BackendSelector.Create("auto")) Assert.Equal("ilgpu-cpu", b.Name);
            using (var b = BackendSelector.Create("managed")) Assert.Equal("managed", b.Name); // explicit choice wins
            Environment.SetEnvironmentVariable(BackendSelector.EnvironmentVariable, null);
            using (var b = BackendSelector.Create()) Assert.Contains(b.Name, new[] { "managed", "cuda" });
        }
        finally
        {
            Environment.SetEnvironmentVariable(BackendSelector.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void UnknownNamesAndBadThreadCountsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => BackendSelector.Create("opencl"));
        Assert.Contains("opencl", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManagedBackend(0));
    }

    [Fact]
    public void VectorsOfAnotherBackendAreRefused()
    {
        using var a = new ManagedBackend();
        using var b = IlgpuBackend.CreateCpu();
        using var v = b.Allocate(4);
        Assert.Throws<ArgumentException>(() => a.Sum(v));
    }
}
