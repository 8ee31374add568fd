using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FokkerPlanck.Scenarios;
using FokkerPlanck.Tests.Cli;
using PureHDF;

namespace FokkerPlanck.Tests.Regression;

/// <summary>
/// Refactoring guard: <c>solve</c> and <c>simulate</c> on every built-in scenario (managed backend, two threads, fixed
/// seed) write files whose contents hash to the values stored in <c>output-hashes.txt</c>, which were made before the
/// code was reorganised. The scenarios run on a quarter of their cells per axis (at least 32) with at most 3 snapshots,
/// and simulate moves 1000 particles in 40 steps (grid fields, as by default); even so the 18 runs take about 25 minutes
/// on 2 cores, so the test is in the full tier. The hash covers every dataset (name, shape, raw bytes) and every root attribute except the
/// tool version, the wall time and the scenario's description, so a change of any number, flag or warning fails it. After a deliberate change of
/// results, the failure message prints the new hash to store (and the commit says why the numbers changed).
/// </summary>
[Trait("Tier", "Full")]
public sealed partial class OutputHashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-hash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Attributes that legitimately differ between identical runs.</summary>
    private static readonly HashSet<string> Volatile = ["toolVersion", "wallTimeSeconds"];

    // The netCDF layout's index and label coordinates and its Conventions attribute: fixed by the shapes and the
    // layout, not by the numbers, so the recorded hashes outlive the layout's introduction.
    private static readonly HashSet<string> IndexCoordinates = ["particle", "trajectory", "component"];

    // Outputs added after the hashes were recorded (the probability current, computed from the hashed densities by the
    // solver's own rates; tested in CurrentTests), left out so that the recorded hashes still guard everything else.
    private static readonly HashSet<string> Added = ["current", "currentX", "currentY", "xFace", "yFace"];
    private static readonly HashSet<string> LayoutAttributes = ["Conventions"];

    /// <summary>Every (command, built-in scenario) pair.</summary>
    public static TheoryData<string, string> Runs()
    {
        var d = new TheoryData<string, string>();
        foreach (string name in BuiltInScenarios.Names)
        {
            d.Add("solve", name);
            d.Add("simulate", name);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void OutputIsBitIdenticalToTheStoredHash(string command, string scenario)
    {
        string outDir = Path.Combine(_dir, scenario);
        string file = Path.Combine(_dir, scenario + ".json");
        File.WriteAllText(file, Reduced(BuiltInScenarios.Json(scenario)));
        string[] common = ["--out", outDir, "--backend", "managed", "--threads", "2", "-q"];
        string[] args = command == "solve"
            ? ["solve", file, .. common]
            : ["simulate", file, "--particles", "1000", "--steps", "40", "--seed", "7", "--reproducible", .. common];
        var (code, _, err) = CliTests.Invoke(args);
        Assert.True(code == 0, $"exit {code}: {err}");
        string hash = ContentHash(Path.Combine(outDir, command == "solve" ? "solution.h5" : "particles.h5"));
        string key = $"{command} {scenario}";
        Assert.True(Stored.TryGetValue(key, out var expected), $"no stored hash for '{key}'; this run gives {hash}");
        Assert.True(expected == hash, $"'{key}' changed: stored {expected}, now {hash}");
    }

    // The scenario with a quarter of its cells per axis (even, at least 32) and at most 3 snapshots.
    private static string Reduced(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var cells = root["grid"]!["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++) cells[i] = Math.Max(32, cells[i]!.GetValue<int>() / 8 * 2);
        var time = root["time"]!.AsObject();
        if (time["snapshots"] is { } n && n.GetValue<int>() > 3) time["snapshots"] = 3;
        return root.ToJsonString();
    }

    private static readonly Dictionary<string, string> Stored = LoadStored();

    private static Dictionary<string, string> LoadStored()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("FokkerPlanck.Tests.Regression.output-hashes.txt")
            ?? throw new InvalidOperationException("output-hashes.txt is not embedded");
        using var r = new StreamReader(s);
        var d = new Dictionary<string, string>();
        while (r.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int sp = line.LastIndexOf(' ');
            d[line[..sp]] = line[(sp + 1)..];
        }
        return d;
    }

    /// <summary>SHA-256 over the sorted datasets (name, shape, bytes) and root attributes (name, value) of an HDF5 file.
    /// The index and label coordinates of the netCDF layout (particle, trajectory, component) follow from the shapes,
    /// which are hashed, and are left out; so are the per-dataset attributes (long_name, units, dimension scales).</summary>
    internal static string ContentHash(string path)
    {
        using var f = H5File.OpenRead(path);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string t) => sha.AppendData(Encoding.UTF8.GetBytes(t + "\n"));
        foreach (var ds in f.Children().OfType<IH5Dataset>().Where(d => !IndexCoordinates.Contains(d.Name) && !Added.Contains(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            Text($"dataset {ds.Name} {string.Join('x', ds.Space.Dimensions)} {ds.Type.Class}");
            if (ds.Type.Class == H5DataTypeClass.FloatingPoint)
                sha.AppendData(Bytes(ds.Read<double[]>()));
            else
                sha.AppendData(ds.Read<byte[]>());
        }
        foreach (var a in f.Attributes().Where(a => !Volatile.Contains(a.Name) && !LayoutAttributes.Contains(a.Name)).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            string value = a.Type.Class switch
            {
                H5DataTypeClass.FloatingPoint => BitConverter.DoubleToInt64Bits(a.Read<double>()).ToString("x16"),
                H5DataTypeClass.FixedPoint => a.Read<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => a.Read<string>(),
            };
            if (a.Name == "scenario") value = Description().Replace(value, "");
            Text($"attribute {a.Name} {value}");
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // A scenario's description is prose: rewording it must not fail the guard.
    [System.Text.RegularExpressions.GeneratedRegex("\"description\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?")]
    private static partial System.Text.RegularExpressions.Regex Description();

    private static byte[] Bytes(double[] v)
    {
        var b = new byte[v.Length * sizeof(double)];
        Buffer.BlockCopy(v, 0, b, 0, b.Length);
        return b;
    }
}
