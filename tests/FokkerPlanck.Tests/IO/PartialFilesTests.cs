using System.Diagnostics;
using FokkerPlanck.IO;

namespace FokkerPlanck.Tests.IO;

/// <summary>Partial files a killed run left behind are removed by the next write; concurrent writes of one directory
/// result both succeed and leave one complete result.</summary>
public sealed class PartialFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-partial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void StalePartialsAreRemovedAndLiveOnesKept()
    {
        string target = Path.Combine(_dir, "solution.h5");
        int dead = DeadPid();
        string staleFile = Path.Combine(_dir, $".solution.h5.{dead}.partial");
        string staleDir = Path.Combine(_dir, $".solution.h5.{dead}-3.partial");
        string live = Path.Combine(_dir, $".solution.h5.{Environment.ProcessId}-99.partial");
        string other = Path.Combine(_dir, $".other.h5.{dead}.partial");
        File.WriteAllText(staleFile, "x");
        Directory.CreateDirectory(staleDir);
        File.WriteAllText(live, "x");
        File.WriteAllText(other, "x");
        Assert.Equal(2, PartialFiles.RemoveStale(target));
        Assert.False(File.Exists(staleFile));
        Assert.False(Directory.Exists(staleDir));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other)); // another target's partials are not this write's business
    }

    [Fact]
    public void ConcurrentDirectoryWritesBothSucceedAndLeaveOneCompleteResult()
    {
        string target = Path.Combine(_dir, "particles");
        void Write(int writer)
        {
            for (int k = 0; k < 20; k++)
                CsvExport.WriteAtomically(target, d =>
                {
                    File.WriteAllText(Path.Combine(d, "a.csv"), $"{writer},{k}\n");
                    File.WriteAllText(Path.Combine(d, "b.csv"), $"{writer},{k}\n");
                });
        }
        Parallel.Invoke(() => Write(1), () => Write(2));
        Assert.Equal(["a.csv", "b.csv"], Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllText(Path.Combine(target, "a.csv")), File.ReadAllText(Path.Combine(target, "b.csv")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir, "*.partial"));
    }
}
