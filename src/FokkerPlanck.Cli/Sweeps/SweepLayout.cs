using System.Globalization;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// A sweep's folder: DIR/sweep.json (the self-contained definition) and DIR/points/NNNN/ per point, holding point.json,
/// scenario.json, command.txt, and after a run out/ (the command's output and summary.json), stdout.txt, stderr.txt and
/// status.json. Preparing a folder that already holds the same sweep keeps everything in it (that is how a sweep resumes);
/// a folder holding anything else is refused.
/// </summary>
public sealed class SweepLayout
{
    /// <summary>The definition's file name.</summary>
    public const string DefinitionFile = "sweep.json";

    private SweepLayout(string directory, SweepDefinition definition)
    {
        Directory = directory;
        Definition = definition;
        Points = SweepPoint.All(definition);
    }

    /// <summary>The sweep folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The sweep.</summary>
    public SweepDefinition Definition { get; }

    /// <summary>Its points.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Digits of a point's folder name (at least 4).</summary>
    public int Width => Math.Max(4, (Points.Count - 1).ToString(CultureInfo.InvariantCulture).Length);

    /// <summary>A point's folder.</summary>
    /// <param name="index">Its index.</param>
    /// <returns>DIR/points/NNNN.</returns>
    public string PointDirectory(int index) => Path.Combine(Directory, "points", index.ToString("D" + Width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>The status of a point's last run, or null.</summary>
    /// <param name="index">Its index.</param>
    /// <returns>The status.</returns>
    public PointStatus? Status(int index) => PointStatus.Read(PointDirectory(index));

    /// <summary>Writes the sweep into a new folder, or checks that an existing folder holds this same sweep (then keeps what
    /// its points have done).</summary>
    /// <param name="definition">The sweep.</param>
    /// <param name="directory">The folder.</param>
    /// <returns>The layout.</returns>
    public static SweepLayout Prepare(SweepDefinition definition, string directory)
    {
        string dir = Path.GetFullPath(directory);
        string text = definition.ToJson(), defPath = Path.Combine(dir, DefinitionFile);
        if (File.Exists(defPath))
        {
            // Only what fixes the points must match: a changed "report" or "slurm" is taken over.
            SweepDefinition held;
            try { held = SweepDefinition.Parse(File.ReadAllText(defPath), defPath, dir); }
            catch (ArgumentException e) { throw new SweepException(directory, null, $"holds a {DefinitionFile} that cannot be read ({e.Message}): choose another --out"); }
            if (held.Identity() != definition.Identity())
                throw new SweepException(directory, null, $"holds another sweep (its {DefinitionFile} has other points): resume with the same sweep file, or choose another --out");
        }
        // A folder holding only points/ (and perhaps the partial file of a sweep.json being written) is a first preparation
        // that was interrupted (sweep.json is written last).
        else if (System.IO.Directory.Exists(dir) && System.IO.Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName)
                     .Any(e => e != "points" && !IO.PartialFiles.IsPartialOf(e!, DefinitionFile)))
            throw new SweepException(directory, null, $"exists and holds no {DefinitionFile}: choose an empty or new --out");
        System.IO.Directory.CreateDirectory(dir);
        var layout = new SweepLayout(dir, definition);
        foreach (var p in layout.Points)
        {
            string pd = layout.PointDirectory(p.Index);
            System.IO.Directory.CreateDirectory(pd);
            WriteIfChanged(Path.Combine(pd, "point.json"), p.ToJson());
            if (p.ScenarioJson is not null) WriteIfChanged(Path.Combine(pd, SweepPoint.ScenarioFile), p.ScenarioJson);
            WriteIfChanged(Path.Combine(pd, "command.txt"), $"# point {p.Index}: {p.Label}\n# run from this folder (or: fokker-planck sweep-point {pd}):\n{p.CommandLine}\n");
        }
        WriteIfChanged(defPath, text); // last: a folder with sweep.json has all its points
        return layout;
    }

    /// <summary>Opens a prepared sweep folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The layout.</returns>
    public static SweepLayout Open(string directory)
    {
        string dir = Path.GetFullPath(directory), defPath = Path.Combine(dir, DefinitionFile);
        if (!File.Exists(defPath)) throw new SweepException(directory, null, $"is not a sweep folder (no {DefinitionFile}; 'fokker-planck sweep FILE --out {directory}' makes one)");
        var d = SweepDefinition.Parse(File.ReadAllText(defPath), defPath, dir);
        return new SweepLayout(dir, d);
    }

    private static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text) return;
        IO.PartialFiles.WriteAllText(path, text);
    }
}
