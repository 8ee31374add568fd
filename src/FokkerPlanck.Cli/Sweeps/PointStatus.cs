using System.Text.Json;
using System.Text.Json.Nodes;

namespace FokkerPlanck.Cli.Sweeps;

/// <summary>
/// status.json in a point's folder: how its last run ended, written by the runner after the command returned (a point
/// without one never finished: not started, running, or killed).
/// </summary>
/// <param name="ExitCode">The command's exit code (<see cref="ExitCodes"/>).</param>
/// <param name="Error">Its error line, or null.</param>
/// <param name="WallTimeSeconds">Wall time of the command.</param>
/// <param name="Host">Machine it ran on.</param>
/// <param name="Finished">When it ended (UTC, ISO 8601).</param>
/// <param name="Summary">Whether the command wrote its summary.json (validate does also when a case fails, with exit 1).</param>
public sealed record PointStatus(int ExitCode, string? Error, double WallTimeSeconds, string Host, string Finished, bool Summary)
{
    /// <summary>The file's name.</summary>
    public const string FileName = "status.json";

    /// <summary>Whether the point succeeded.</summary>
    public bool Ok => ExitCode == ExitCodes.Ok;

    /// <summary>Whether a rerun would end the same way: success, bad input (exit 2), a numerical failure (exit 3), or a run that
    /// wrote its summary (a validation with failing cases). Other ends (cancelled, killed, an I/O failure) are retried when the
    /// sweep resumes.</summary>
    public bool Final => ExitCode is ExitCodes.Ok or ExitCodes.BadInput or ExitCodes.NumericalFailure || Summary;

    /// <summary>Reads a point folder's status, or null when there is none (or it cannot be read).</summary>
    /// <param name="pointDirectory">The point's folder.</param>
    /// <returns>The status or null.</returns>
    public static PointStatus? Read(string pointDirectory)
    {
        string path = Path.Combine(pointDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new PointStatus(o["exitCode"]!.GetValue<int>(), o["error"]?.GetValue<string>(), o["wallTimeSeconds"]!.GetValue<double>(),
                o["host"]?.GetValue<string>() ?? "", o["finished"]?.GetValue<string>() ?? "", o["summary"]?.GetValue<bool>() ?? false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the status atomically (temporary file, then rename).</summary>
    /// <param name="pointDirectory">The point's folder.</param>
    public void Write(string pointDirectory)
    {
        var o = new JsonObject
        {
            ["exitCode"] = ExitCode, ["error"] = Error, ["wallTimeSeconds"] = WallTimeSeconds, ["host"] = Host, ["finished"] = Finished, ["summary"] = Summary,
        };
        IO.PartialFiles.WriteAllText(Path.Combine(pointDirectory, FileName), o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
