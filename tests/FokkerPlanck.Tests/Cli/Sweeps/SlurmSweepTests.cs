using System.Diagnostics;

namespace FokkerPlanck.Tests.Cli.Sweeps;

/// <summary>
/// Skips itself when no Slurm answers on this machine (a user's machine), unless FOKKERPLANCK_REQUIRE_SLURM=1, which .ci/run
/// sets after starting a single-node Slurm (tests/slurm/start-slurm.sh): then a missing Slurm fails the test.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Present = new(() => SlurmSweepTests.Shell("sinfo", "-h -o %T") is (0, var states) &&
        states.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated"));

    public SlurmFactAttribute()
    {
        if (!Present.Value && Environment.GetEnvironmentVariable("FOKKERPLANCK_REQUIRE_SLURM") != "1")
            Skip = "no Slurm answers on this machine (tests/slurm/start-slurm.sh starts one; .ci/run does)";
    }
}

/// <summary>The emitted job-array script run by a real Slurm: collect on its output equals the local pool's table.</summary>
[Trait("Tier", "Full")]
[Collection(AloneCollection.Name)]
public sealed class SlurmSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sweep-slurm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs a program; past the limit (a hang guard: a job that Slurm never starts) it is killed and -2 returned.</summary>
    internal static (int Code, string Output) Shell(string program, string args, int limitSeconds = 60)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var o = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(limitSeconds * 1000))
            {
                p.Kill(entireProcessTree: true);
                return (-2, $"{program} {args}: still running after {limitSeconds} s (killed)");
            }
            return (p.ExitCode, o.Result + err.Result);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); }
    }

    [SlurmFact]
    public void TheJobArrayGivesTheLocalTable()
    {
        string file = SweepFixture.Write(_dir, SweepFixture.Twelve);
        string local = Path.Combine(_dir, "local"), slurm = Path.Combine(_dir, "slurm");
        var (code, _, err) = SweepFixture.Cli("sweep", file, "--out", local);
        Assert.True(code == 0, err);

        var emit = SweepFixture.Cli("sweep", file, "--out", slurm, "--emit", "slurm", "--array-throttle", "2");
        Assert.True(emit.Code == 0, emit.Err);
        // sbatch --wait returns when every array task has ended, with the highest exit code among them.
        var (rc, output) = Shell("sbatch", $"--wait {Path.Combine(slurm, "sweep.slurm")}", limitSeconds: 900);
        if (rc != 0)
        {
            string queue = Shell("squeue", "").Output, nodes = Shell("sinfo", "-N -l").Output;
            if (rc == -2) Shell("scancel", "--name twelve");
            Assert.Fail($"sbatch exit {rc}: {output}; queue: {queue}; nodes: {nodes}");
        }
        Assert.True(File.Exists(Path.Combine(SweepFixture.Point(slurm, 0), $"slurm-{output.Trim().Split(' ')[^1]}_0.out")), "Slurm's task log is in the point's folder");

        var collect = SweepFixture.Cli("collect", slurm);
        Assert.True(collect.Code == 0, collect.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(local, "results.csv")), File.ReadAllText(Path.Combine(slurm, "results.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SweepFixture.Point(local, 5), "out", "solution.h5")),
                     File.ReadAllBytes(Path.Combine(SweepFixture.Point(slurm, 5), "out", "solution.h5")));
    }
}
