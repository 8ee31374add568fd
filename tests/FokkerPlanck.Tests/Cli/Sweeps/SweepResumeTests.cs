namespace FokkerPlanck.Tests.Cli.Sweeps;

/// <summary>
/// The acceptance of sweeps on one machine: a 12-point sweep interrupted part-way and resumed collects the same table as an
/// uninterrupted run, and every point's folder reruns to the same bytes (by 'sweep-point' and by its recorded command).
/// </summary>
[Trait("Tier", "Full")]
[Collection(AloneCollection.Name)]
public sealed class SweepResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sweep-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AnInterruptedSweepResumesToTheSameTableAndPointsRerunToTheSameBytes()
    {
        string file = SweepFixture.Write(_dir, SweepFixture.Twelve);
        string whole = Path.Combine(_dir, "whole"), cut = Path.Combine(_dir, "cut");
        var (code, _, err) = SweepFixture.Cli("sweep", file, "--out", whole);
        Assert.True(code == 0, err);

        // Interrupted: the sweep (one point at a time) is killed, with its running point, once 3 points have finished.
        using (var p = CliProcess.Start(["sweep", file, "--out", cut, "--jobs", "1"]))
        {
            var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // a hang guard only
            while (SweepFixture.Finished(cut) < 3 && !p.HasExited) await Task.Delay(20, guard.Token);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(guard.Token);
            await drain;
        }
        int before = SweepFixture.Finished(cut);
        Assert.InRange(before, 3, 11);
        Assert.False(File.Exists(Path.Combine(cut, "results.csv")));

        var resumed = SweepFixture.Cli("sweep", file, "--out", cut);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains($"{12 - before} to run, {before} finished before", resumed.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "results.csv")), File.ReadAllText(Path.Combine(cut, "results.csv")));

        // Every point's output, rerun alone, is the same bytes: by sweep-point, and by the recorded command from its folder.
        foreach (int i in new[] { 0, 7, 11 })
        {
            string point = SweepFixture.Point(cut, i);
            byte[] solution = File.ReadAllBytes(Path.Combine(point, "out", "solution.h5")), summary = File.ReadAllBytes(Path.Combine(point, "out", "summary.json"));
            Assert.Equal(solution, File.ReadAllBytes(Path.Combine(SweepFixture.Point(whole, i), "out", "solution.h5")));
            Assert.Equal(0, SweepFixture.Cli("sweep-point", point).Code);
            Assert.Equal(solution, File.ReadAllBytes(Path.Combine(point, "out", "solution.h5")));
            Assert.Equal(summary, File.ReadAllBytes(Path.Combine(point, "out", "summary.json")));
            var (rc, rerr) = SweepFixture.RunRecorded(point);
            Assert.True(rc == 0, rerr);
            Assert.Equal(solution, File.ReadAllBytes(Path.Combine(point, "out", "solution.h5")));
            Assert.Equal(summary, File.ReadAllBytes(Path.Combine(point, "out", "summary.json")));
        }
    }
}
