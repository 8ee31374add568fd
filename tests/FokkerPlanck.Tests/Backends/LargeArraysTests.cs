using FokkerPlanck.Backends;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// <see cref="LargeArrays"/>: arrays of every size hold what is written to them; small ones are not advised; on Linux
/// with transparent huge pages (madvise or always mode) a large one is, and on other systems none is.
/// </summary>
public class LargeArraysTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData((int)(LargeArrays.AdviseFrom / sizeof(double)) - 1)]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) + 3)]
    public void ArraysHoldWhatIsWritten(int length)
    {
        var a = LargeArrays.Uninitialized(length, out bool advised);
        Assert.Equal(length, a.Length);
        for (int i = 0; i < length; i++) a[i] = i * 0.5;
        for (int i = 0; i < length; i += 4097) Assert.Equal(i * 0.5, a[i]);
        if ((long)length * sizeof(double) < LargeArrays.AdviseFrom) Assert.False(advised);
        log.WriteLine($"{length} doubles: advised {advised}");
    }

    [Fact]
    public void LargeArraysAreAdvisedWhereTheKernelOffersHugePages()
    {
        LargeArrays.Uninitialized(1 << 20, out bool advised);
        const string mode = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux()) { Assert.False(advised); return; }
        if (!File.Exists(mode)) { log.WriteLine($"{mode} absent: no expectation"); return; }
        string setting = File.ReadAllText(mode);
        log.WriteLine($"{mode}: {setting.Trim()}; advised {advised}");
        if (!setting.Contains("[never]")) Assert.True(advised);
    }
}
