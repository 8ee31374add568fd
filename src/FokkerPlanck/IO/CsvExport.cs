using System.Globalization;
using System.Text;
using System.Text.Json;
using FokkerPlanck.Discretization;
using FokkerPlanck.Particles;

namespace FokkerPlanck.IO;

/// <summary>
/// CSV export of 1D results, one file per dataset of the HDF5 layout, each with a header row, into a directory that is
/// written under a temporary name and renamed when complete. A dataset of shape (n0, n1) becomes n0 rows: the first
/// column is the coordinate of axis 0 (t), the header names the n1 columns (x=… for grid cells, p… for particles). Values
/// are written with round-trip formatting ("R"), so parsing them gives back the same doubles. The root attributes go to
/// attributes.json (the scenario as a JSON object).
/// </summary>
public static class CsvExport
{
    /// <summary>Writes a 1D solution: x.csv, t.csv, mass.csv, density.csv and, with fields, score.csv, velocity.csv, trusted.csv,
    /// current.csv (at the faces).</summary>
    /// <param name="directory">Target directory (replaced when it exists).</param>
    /// <param name="solution">A 1D solution.</param>
    /// <param name="scenarioJson">Scenario JSON.</param>
    /// <param name="fields">Fields, or null.</param>
    /// <param name="estimates">Error estimates per snapshot (errorEstimates.csv), or null.</param>
    /// <param name="exact">Exact fields on the grid (exactDensity.csv, exactScore.csv, exactVelocity.csv), or null.</param>
    /// <param name="reproducible">Omit the wall time.</param>
    public static void WriteSolution(string directory, GridSolution solution, string scenarioJson, Fields.GridFields? fields = null, Fields.ErrorEstimates? estimates = null,
        Fields.ExactGridFields? exact = null, bool reproducible = false)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var g = solution.Grid1 ?? throw new ArgumentException("CSV output is for 1D results only: use HDF5 for 2D", nameof(solution));
        var x = g.Centers();
        var cols = x.Select(v => "x=" + R(v)).ToArray();
        WriteAtomically(directory, dir =>
        {
            Column(Path.Combine(dir, "x.csv"), "x", x);
            Column(Path.Combine(dir, "t.csv"), "t", solution.Times);
            Table(Path.Combine(dir, "mass.csv"), "t", solution.Times, ["mass"], solution.Masses.Select(m => new[] { m }).ToArray());
            Table(Path.Combine(dir, "density.csv"), "t", solution.Times, cols, solution.Densities);
            if (fields is not null)
            {
                Table(Path.Combine(dir, "score.csv"), "t", solution.Times, cols, fields.Score);
                Table(Path.Combine(dir, "velocity.csv"), "t", solution.Times, cols, fields.Velocity);
                Table(Path.Combine(dir, "trusted.csv"), "t", solution.Times, cols, fields.Weight.Select((w, k) => w.Select((_, c) => fields.IsTrusted(k, c) ? 1.0 : 0.0).ToArray()).ToArray());
                if (fields.Current is not null)
                    Table(Path.Combine(dir, "current.csv"), "t", solution.Times,
                        Enumerable.Range(0, g.Cells + 1).Select(k => "xFace=" + R(g.Lower + k * g.H)).ToArray(), fields.Current);
            }
            if (exact is not null)
            {
                Table(Path.Combine(dir, "exactDensity.csv"), "t", solution.Times, cols, exact.Density);
                Table(Path.Combine(dir, "exactScore.csv"), "t", solution.Times, cols, exact.Score);
                Table(Path.Combine(dir, "exactVelocity.csv"), "t", solution.Times, cols, exact.Velocity);
            }
            if (estimates is not null)
                Table(Path.Combine(dir, "errorEstimates.csv"), "t", solution.Times, ["density", "score", "velocity"],
                    solution.Times.Select((_, s) => new[] { estimates.Density[s], estimates.Score[s], estimates.Velocity[s] }).ToArray());
            Attributes(Path.Combine(dir, "attributes.json"), SolutionFile.Attributes(solution, scenarioJson, fields, reproducible));
        });
    }

    /// <summary>Writes a 1D particle run: t.csv, positions.csv (one row per snapshot, one column per particle) and, when
    /// recorded, trajectories.csv (one row per step).</summary>
    /// <param name="directory">Target directory (replaced when it exists).</param>
    /// <param name="r">A 1D result.</param>
    /// <param name="scenarioJson">Scenario JSON.</param>
    /// <param name="reproducible">Omit the wall time.</param>
    public static void WriteParticles(string directory, ParticleResult r, string scenarioJson, bool reproducible = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Y is not null) throw new ArgumentException("CSV output is for 1D results only: use HDF5 for 2D", nameof(r));
        WriteAtomically(directory, dir =>
        {
            Column(Path.Combine(dir, "t.csv"), "t", r.Times);
            Table(Path.Combine(dir, "positions.csv"), "t", r.Times, Names(r.Count), r.X);
            if (r.TrajectoryX.Length > 0 && r.TrajectoryX[0].Length > 0)
                Table(Path.Combine(dir, "trajectories.csv"), "t", r.TrajectoryTimes, Names(r.TrajectoryX[0].Length), r.TrajectoryX);
            Attributes(Path.Combine(dir, "attributes.json"), ParticleFile.Attributes(r, scenarioJson, reproducible));
        });
    }

    private static string[] Names(int n) => Enumerable.Range(0, n).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Column(string path, string name, double[] values)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write(name); w.Write('\n');
        foreach (var v in values) { w.Write(R(v)); w.Write('\n'); }
    }

    private static void Table(string path, string rowName, double[] rows, string[] columns, double[][] values)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write(rowName);
        foreach (var c in columns) { w.Write(','); w.Write(c); }
        w.Write('\n');
        for (int k = 0; k < rows.Length; k++)
        {
            w.Write(R(rows[k]));
            foreach (var v in values[k]) { w.Write(','); w.Write(R(v)); }
            w.Write('\n');
        }
    }

    internal static void Attributes(string path, IReadOnlyList<KeyValuePair<string, object>> attributes)
    {
        var o = new System.Text.Json.Nodes.JsonObject();
        foreach (var (k, v) in attributes)
        {
            o[k] = v switch
            {
                string t when k == "scenario" => System.Text.Json.Nodes.JsonNode.Parse(t), // the scenario as an object, not a string
                string t => System.Text.Json.Nodes.JsonValue.Create(t),
                double d => System.Text.Json.Nodes.JsonValue.Create(d),
                long l => System.Text.Json.Nodes.JsonValue.Create(l),
                int i => System.Text.Json.Nodes.JsonValue.Create(i),
                _ => System.Text.Json.Nodes.JsonValue.Create(v.ToString()),
            };
        }
        File.WriteAllText(path, o.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n");
    }

    // A directory cannot be renamed over a non-empty one: the old result is moved aside first and removed after. When
    // another run puts its result in place in between, the rename fails and is tried again: both runs succeed and the
    // later one's result stays, complete.
    private static void Replace(string tmp, string full)
    {
        for (int attempt = 0; ; attempt++)
        {
            string aside = PartialFiles.For(full);
            try { Directory.Move(full, aside); }
            catch (DirectoryNotFoundException) { aside = ""; }
            catch (IOException) when (!Directory.Exists(full)) { aside = ""; }
            try
            {
                Directory.Move(tmp, full);
                return;
            }
            catch (IOException) when (attempt < 50 && Directory.Exists(full))
            {
                // Another run's result arrived between the two renames: move it aside on the next attempt.
            }
            finally
            {
                if (aside.Length > 0 && Directory.Exists(aside)) Directory.Delete(aside, true);
            }
        }
    }

    /// <summary>Fills a temporary sibling directory, then renames it to the target (replacing an existing one).</summary>
    /// <param name="directory">Target directory.</param>
    /// <param name="fill">Writes the files into the directory it is given.</param>
    public static void WriteAtomically(string directory, Action<string> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        string full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        PartialFiles.RemoveStale(full);
        string tmp = PartialFiles.For(full);
        try
        {
            Directory.CreateDirectory(tmp);
            fill(tmp);
            Replace(tmp, full);
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        }
    }
}
