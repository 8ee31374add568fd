using FokkerPlanck.Cli;
using PureHDF;

namespace FokkerPlanck.Tests.Cli.Sweeps;

/// <summary>'sweep', 'sweep-point' and 'collect' through the CLI: a small sweep with a bad point, the Slurm script, refusals.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string WithBadPoint = """
        {"name": "bad", "command": "solve", "scenario": "scenario.json",
         "vary": [{"field": "process.theta", "name": "theta", "values": [1.0, -1.0, 2.0]}], "report": ["l1Error", "l1Estimate", "wallTime"]}
        """;

    [Fact]
    public void ABadPointIsReportedAndTheOthersAreCollected()
    {
        string file = SweepFixture.Write(_dir, WithBadPoint), outDir = Path.Combine(_dir, "out");
        var (code, stdout, err) = SweepFixture.Cli("sweep", file, "--out", outDir);
        Assert.True(code == ExitCodes.Failure, $"exit {code}: {err}");
        Assert.Contains("point 1 (theta=-1) failed, exit 2", err);
        Assert.Contains("$.process.theta", err);
        Assert.Contains("collected 2 of 3 points", stdout);
        var rows = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal("point,theta,state,exitCode,l1Error,l1Estimate,wallTime,error", rows[0]);
        Assert.StartsWith("0,1,ok,0,", rows[1]);
        Assert.StartsWith("1,-1,failed,2,,,", rows[2]);
        Assert.Contains("$.process.theta", rows[2]);
        Assert.StartsWith("2,2,ok,0,", rows[3]);
        foreach (int ok in new[] { 1, 3 })
        {
            var cells = rows[ok].Split(',');
            double l1 = double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(l1, 1e-12, 1e-2);
        }
        // The netCDF table: theta as the dimension, NaN and exit code 2 at the bad point.
        using var h5 = H5File.OpenRead(Path.Combine(outDir, "results.h5"));
        Assert.Equal(new[] { 1.0, -1.0, 2.0 }, h5.Dataset("theta").Read<double[]>());
        var l1s = h5.Dataset("l1Error").Read<double[]>();
        Assert.True(double.IsNaN(l1s[1]) && double.IsFinite(l1s[0]) && double.IsFinite(l1s[2]));
        Assert.Equal(new[] { 0, 2, 0 }, h5.Dataset("exitCode").Read<int[]>());

        // Resuming skips all three (the bad point's failure is final), collect gives the same table.
        string before = File.ReadAllText(Path.Combine(outDir, "results.csv"));
        var again = SweepFixture.Cli("sweep", file, "--out", outDir);
        Assert.Contains("finished before", again.Out);
        Assert.Equal(ExitCodes.Failure, again.Code);
        var collect = SweepFixture.Cli("collect", outDir);
        Assert.Equal(ExitCodes.Failure, collect.Code);
        Assert.Equal(
            before.Split('\n').Select(l => string.Join(',', l.Split(',').Take(6))),
            File.ReadAllText(Path.Combine(outDir, "results.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Take(6))));
    }

    [Fact]
    public void TheSlurmScriptRunsTheUnfinishedPointsAsOneArray()
    {
        string file = SweepFixture.Write(_dir, SweepFixture.Twelve.Replace("\"report\"", "\"slurm\": {\"partition\": \"short\", \"extra\": [\"--qos=low\"]}, \"report\""));
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, err) = SweepFixture.Cli("sweep", file, "--out", outDir, "--emit", "slurm", "--array-throttle", "3", "--time", "00:10:00");
        Assert.True(code == 0, err);
        Assert.Contains("sbatch", stdout);
        string script = File.ReadAllText(Path.Combine(outDir, "sweep.slurm"));
        Assert.Contains("#SBATCH --array=0-11%3\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script);
        Assert.Matches(@"#SBATCH --mem=\d+M\n", script);
        Assert.Contains($"#SBATCH --output={outDir}/points/%4a/slurm-%A_%a.out\n", script);
        Assert.Contains("#SBATCH --partition=short\n", script);
        Assert.Contains("#SBATCH --time=00:10:00\n", script);
        Assert.Contains("#SBATCH --qos=low\n", script);
        Assert.Contains(" sweep-point ", script);
        // Nothing ran: collect reports every point as never finished.
        var collect = SweepFixture.Cli("collect", outDir);
        Assert.Equal(ExitCodes.Failure, collect.Code);
        Assert.Contains("12 point(s) never finished: 0-11", collect.Err);
        // Two points run by hand (as two array tasks would): the next script leaves them out.
        Assert.Equal(0, SweepFixture.Cli("sweep-point", SweepFixture.Point(outDir, 3)).Code);
        Assert.Equal(0, SweepFixture.Cli("sweep-point", SweepFixture.Point(outDir, 4)).Code);
        Assert.Equal(0, SweepFixture.Cli("sweep", file, "--out", outDir, "--emit", "slurm").Code);
        Assert.Contains("#SBATCH --array=0-2,5-11\n", File.ReadAllText(Path.Combine(outDir, "sweep.slurm")));
    }

    [Fact]
    public void APointBeingRunIsNotRunTwiceAndAChangedReportResumes()
    {
        string file = SweepFixture.Write(_dir, WithBadPoint), outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, SweepFixture.Cli("sweep", file, "--out", outDir, "--emit", "slurm").Code);
        string point = SweepFixture.Point(outDir, 0);
        using (new FileStream(Path.Combine(point, "running.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var (code, _, err) = SweepFixture.Cli("sweep-point", point);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("is being run by another process", err);
            Assert.False(File.Exists(Path.Combine(point, "status.json")));
        }
        // Another report (and Slurm settings) on the same points: the folder is the same sweep.
        File.WriteAllText(file, WithBadPoint.Replace("\"report\": [\"l1Error\", \"l1Estimate\", \"wallTime\"]", "\"report\": [\"steps\"], \"slurm\": {\"throttle\": 1}"));
        var again = SweepFixture.Cli("sweep", file, "--out", outDir, "--emit", "slurm");
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("#SBATCH --array=0-2%1\n", File.ReadAllText(Path.Combine(outDir, "sweep.slurm")));
    }

    [Fact]
    public void AFolderHoldingSomethingElseIsRefused()
    {
        string file = SweepFixture.Write(_dir, WithBadPoint), outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, SweepFixture.Cli("sweep", file, "--out", outDir, "--emit", "slurm").Code);
        File.WriteAllText(file, WithBadPoint.Replace("2.0]", "3.0]"));
        var (code, _, err) = SweepFixture.Cli("sweep", file, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds another sweep", err);
        Directory.CreateDirectory(Path.Combine(_dir, "busy"));
        File.WriteAllText(Path.Combine(_dir, "busy", "keep.txt"), "mine");
        var busy = SweepFixture.Cli("sweep", file, "--out", Path.Combine(_dir, "busy"));
        Assert.Equal(ExitCodes.BadInput, busy.Code);
        Assert.Contains("holds no sweep.json", busy.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_dir, "busy", "keep.txt")));
        var notSweep = SweepFixture.Cli("collect", Path.Combine(_dir, "busy"));
        Assert.Equal(ExitCodes.BadInput, notSweep.Code);
        Assert.Contains("not a sweep folder", notSweep.Err);
    }

    [Fact]
    public void ADryRunListsThePointsAndWritesNothing()
    {
        string file = SweepFixture.Write(_dir, SweepFixture.Twelve), outDir = Path.Combine(_dir, "out");
        var (code, stdout, err) = SweepFixture.Cli("sweep", file, "--out", outDir, "--dry-run");
        Assert.True(code == 0, err);
        Assert.Contains("12 points of 'solve' (axes cells[3] × theta[2] × extrapolate[2])", stdout);
        Assert.Contains("point 11: fokker-planck solve scenario.json --backend managed --threads 1 --reproducible --out out", stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void SummaryValuesAreWrittenBySolveAndSimulate()
    {
        string scenario = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(scenario, SweepFixture.Scenario);
        Assert.Equal(0, SweepFixture.Cli("solve", scenario, "--out", Path.Combine(_dir, "s"), "-q").Code);
        var s = FokkerPlanck.Cli.RunSummary.Read(Path.Combine(_dir, "s", "summary.json"));
        Assert.InRange(s["l1Error"], 1e-12, 1e-2);
        Assert.InRange(s["l1Estimate"], s["l1Error"] / 10, s["l1Error"] * 10);
        Assert.Equal(64, s["cells"]);
        Assert.Equal(0, SweepFixture.Cli("simulate", scenario, "--field", "exact", "-n", "2000", "-k", "20", "--out", Path.Combine(_dir, "p"), "-q").Code);
        var p = FokkerPlanck.Cli.RunSummary.Read(Path.Combine(_dir, "p", "summary.json"));
        Assert.Equal(2000, p["particles"]);
        // KS D of 2000 exact-field particles: below the 99.9 % noise floor 1.95/√n = 0.044 (a failure here is a 1-in-1000 event for a correct sampler, at this fixed seed it is deterministic).
        Assert.InRange(p["ksD"], 0, 1.95 / Math.Sqrt(2000));
        Assert.True(double.IsNaN(p["fieldInterpolationError"]), "exact fields have no interpolation error");
    }
}
