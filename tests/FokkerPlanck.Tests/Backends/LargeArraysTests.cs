using FokkerPlanck.Backends;
using Xunit.Abstractions;

namespace FokkerPlanck.Tests.Backends;

/// <summary>
/// <see cref="LargeArrays"/>: arrays of every size hold what is written to them; small ones are not advised; on Linux
/// with transparent huge pages (madvise or always mode) a large one is, and the kernel's map of the process shows the
/// advice on its pages; on other systems none is.
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
        var a = LargeArrays.Uninitialized(1 << 20, out bool advised);
        const string mode = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux()) { Assert.False(advised); return; }
        if (!File.Exists(mode)) { log.WriteLine($"{mode} absent: no expectation"); return; }
        string setting = File.ReadAllText(mode);
        log.WriteLine($"{mode}: {setting.Trim()}; advised {advised}");
        if (setting.Contains("[never]")) return;
        Assert.True(advised);
        // The kernel's view: the mapping that holds the array's first whole 2 MiB page carries the advice flag "hg".
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(a, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            long start = handle.AddrOfPinnedObject(), page = (start + (2L << 20) - 1) & ~((2L << 20) - 1);
            string? flags = null;
            bool inside = false;
            foreach (string line in File.ReadLines("/proc/self/smaps"))
            {
                int dash = line.IndexOf('-');
                if (dash > 0 && line.Length > dash + 1 && Uri.IsHexDigit(line[0]) && line.IndexOf(' ') > dash)
                {
                    long lo = Convert.ToInt64(line[..dash], 16), hi = Convert.ToInt64(line[(dash + 1)..line.IndexOf(' ')], 16);
                    inside = lo <= page && page < hi;
                }
                else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal)) { flags = line; break; }
            }
            log.WriteLine($"mapping of 0x{page:x}: {flags}");
            Assert.NotNull(flags);
            Assert.Contains(" hg", flags);
        }
        finally { handle.Free(); }
    }
}
