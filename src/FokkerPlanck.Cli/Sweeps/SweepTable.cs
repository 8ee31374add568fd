using System.Globalization;
using System.Text;
using FokkerPlanck.IO;
using PureHDF;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// The collected results of a sweep: one row per point with its parameters, its state (ok, failed with its error, or
/// missing: never finished) and the summary values the sweep reports. Written as results.csv (one row per point) and
/// results.h5, a netCDF-4/CF file that xarray opens with every axis of the sweep as a dimension (zipped parameters share
/// their axis' dimension), each value as a variable over them (NaN where a point failed or is missing), and exitCode
/// (−1: missing).
/// </summary>
public sealed class SweepTable
{
    /// <summary>The CSV's file name in the sweep folder.</summary>
    public const string CsvFile = "results.csv";

    /// <summary>The netCDF/HDF5 file's name in the sweep folder.</summary>
    public const string NetCdfFile = "results.h5";

    /// <summary>One point's row.</summary>
    /// <param name="Point">The point.</param>
    /// <param name="State">ok, failed or missing.</param>
    /// <param name="ExitCode">The exit code, or null when missing.</param>
    /// <param name="Error">The error line of a failed point.</param>
    /// <param name="Values">The reported values (NaN where absent).</param>
    public sealed record Row(SweepPoint Point, string State, int? ExitCode, string? Error, double[] Values);

    private SweepTable(SweepLayout layout, List<Row> rows)
    {
        Layout = layout;
        Rows = rows;
    }

    /// <summary>The sweep.</summary>
    public SweepLayout Layout { get; }

    /// <summary>One row per point, in index order.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Points that failed.</summary>
    public IEnumerable<Row> Failed => Rows.Where(r => r.State == "failed");

    /// <summary>Points that never finished.</summary>
    public IEnumerable<Row> Missing => Rows.Where(r => r.State == "missing");

    /// <summary>Reads every point's status and summary.</summary>
    /// <param name="layout">The sweep folder.</param>
    /// <returns>The table.</returns>
    public static SweepTable Of(SweepLayout layout)
    {
        var report = layout.Definition.Report;
        var rows = new List<Row>();
        foreach (var p in layout.Points)
        {
            string dir = layout.PointDirectory(p.Index);
            var status = PointStatus.Read(dir);
            var values = Enumerable.Repeat(double.NaN, report.Count).ToArray();
            if (status is null) { rows.Add(new Row(p, "missing", null, null, values)); continue; }
            // Values are read wherever the command wrote them: a validation with failing cases has them, with exit 1.
            string summaryPath = Path.Combine(dir, SweepPoint.OutFolder, RunSummary.FileName);
            string? unreadable = null;
            if (File.Exists(summaryPath))
            {
                try
                {
                    var summary = RunSummary.Read(summaryPath);
                    for (int k = 0; k < report.Count; k++) values[k] = summary.TryGetValue(report[k], out double v) ? v : double.NaN;
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    unreadable = $"{RunSummary.FileName} cannot be read ({e.Message})";
                }
            }
            else if (status.Ok) unreadable = $"no {RunSummary.FileName} in {SweepPoint.OutFolder}/";
            int wall = report.ToList().IndexOf(SweepDefinition.WallTime);
            if (wall >= 0) values[wall] = status.WallTimeSeconds;
            bool ok = status.Ok && unreadable is null;
            rows.Add(new Row(p, ok ? "ok" : "failed", status.ExitCode, ok ? null : unreadable ?? status.Error, values));
        }
        return new SweepTable(layout, rows);
    }

    /// <summary>The table as CSV: point, the parameters, state, exitCode, the values, error.</summary>
    /// <returns>The text.</returns>
    public string Csv()
    {
        var parameters = Layout.Definition.Parameters.ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', new[] { "point" }.Concat(parameters.Select(p => p.Name)).Append("state").Append("exitCode").Concat(Layout.Definition.Report).Append("error").Select(Cell));
        sb.Append('\n');
        foreach (var r in Rows)
        {
            var cells = new List<string> { Str(r.Point.Index) };
            cells.AddRange(r.Point.Values.Select(v => SweepParameter.Text(v.Value)));
            cells.Add(r.State);
            cells.Add(r.ExitCode is int c ? Str(c) : "");
            cells.AddRange(r.Values.Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
            cells.Add(r.Error ?? "");
            sb.AppendJoin(',', cells.Select(Cell));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes results.csv and results.h5 into the sweep folder.</summary>
    /// <returns>The two paths.</returns>
    public (string Csv, string NetCdf) Write()
    {
        string csv = Path.Combine(Layout.Directory, CsvFile), nc = Path.Combine(Layout.Directory, NetCdfFile);
        PartialFiles.WriteAllText(csv, Csv());
        WriteNetCdf(nc);
        return (csv, nc);
    }

    private void WriteNetCdf(string path)
    {
        var d = Layout.Definition;
        var file = new H5File();
        var nc = new NetCdfLayout(file);
        var dims = new List<H5Dataset>();
        var notes = new List<string>();
        foreach (var axis in d.Axes)
        {
            var first = axis.Parameters[0];
            dims.Add(first.Numeric
                ? nc.Coordinate(first.Name, first.Values.Select(SweepValues.Double).ToArray(), $"swept {first.Target}", null)
                : nc.Coordinate(first.Name, first.Values.Select(SweepParameter.Text).ToArray(), $"swept {first.Target}", null));
            foreach (var other in axis.Parameters.Skip(1))
            {
                if (other.Numeric) nc.Variable(other.Name, other.Values.Select(SweepValues.Double).ToArray(), $"swept {other.Target} (zipped with {first.Name})", null, dims[^1]);
                else notes.Add($"{other.Name} (zipped with {first.Name}): {string.Join(", ", other.Values.Select(SweepParameter.Text))}");
            }
        }
        int[] lengths = [.. d.Axes.Select(a => a.Length)];
        for (int k = 0; k < d.Report.Count; k++)
        {
            var values = Array.CreateInstance(typeof(double), lengths);
            foreach (var r in Rows) values.SetValue(r.Values[k], SweepPoint.Position(r.Point.Index, lengths));
            var v = nc.Variable(d.Report[k], values, RunSummary.Names[d.Command].FirstOrDefault(n => n.Name == d.Report[k]).Meaning ?? "wall time of the point's command", null, [.. dims]);
            v.Attributes["_FillValue"] = double.NaN;
        }
        var codes = Array.CreateInstance(typeof(int), lengths);
        foreach (var r in Rows) codes.SetValue(r.ExitCode ?? -1, SweepPoint.Position(r.Point.Index, lengths));
        nc.Variable("exitCode", codes, "exit code of the point's command (-1: never finished)", null, [.. dims]);
        file.Attributes["sweep"] = d.Name;
        file.Attributes["command"] = d.Command;
        // Short attributes only (every string of the file takes the longest one's length; the definition is sweep.json beside
        // this file, the errors are in results.csv): the points that failed or never finished, by index.
        file.Attributes["toolVersion"] = SolutionFile.ToolVersion;
        file.Attributes["failedPoints"] = SlurmScript.Ranges([.. Failed.Select(r => r.Point.Index)]);
        file.Attributes["missingPoints"] = SlurmScript.Ranges([.. Missing.Select(r => r.Point.Index)]);
        file.Attributes["notes"] = string.Join("\n", notes);
        nc.Write(path);
    }

    /// <summary>The table for a terminal: aligned columns, values in 3 significant digits.</summary>
    /// <returns>The text.</returns>
    public string Text()
    {
        var header = new[] { "point" }.Concat(Layout.Definition.Parameters.Select(p => p.Name)).Append("state").Concat(Layout.Definition.Report).ToList();
        var lines = Rows.Select(r => new[] { Str(r.Point.Index) }.Concat(r.Point.Values.Select(v => SweepParameter.Text(v.Value))).Append(r.State)
            .Concat(r.Values.Select(v => double.IsFinite(v) ? v.ToString("G3", CultureInfo.InvariantCulture) : "-")).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendJoin(' ', header.Select((h, i) => h.PadLeft(widths[i]))).Append('\n');
        foreach (var l in lines) sb.AppendJoin(' ', l.Select((c, i) => c.PadLeft(widths[i]))).Append('\n');
        return sb.ToString();
    }

    private static string Cell(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
