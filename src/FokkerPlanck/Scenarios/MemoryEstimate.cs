using System.Globalization;

namespace FokkerPlanck.Scenarios;

/// <summary>
/// Memory a run will need at its peak, estimated before anything is allocated, from the scenario and the particle
/// options. The model counts 8-byte values: snapshots of the density (the coarse and, when extrapolating, the 2^d times
/// larger fine pass, plus the extrapolated result), the fields derived from them (score, PF velocity, face velocity and
/// face drift per axis, trust weight), the copies made while writing the output file, the solver's working vectors
/// (about 30 per cell of the finest grid), and for particles the stored snapshots, the device state and recorded
/// trajectories. It is an upper bound of what the run keeps, not of transient garbage the runtime may collect.
/// </summary>
/// <param name="Items">The parts, in bytes (computed in floating point: sizes beyond 2^63 bytes saturate, never wrap).</param>
public sealed record MemoryEstimate(IReadOnlyList<(string Item, double Bytes)> Items)
{
    /// <summary>Sum of the parts in bytes (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Bytes
    {
        get
        {
            double b = Items.Sum(i => i.Bytes);
            return b >= long.MaxValue ? long.MaxValue : (long)b;
        }
    }

    /// <summary>Working vectors per cell of the finest grid held by the solvers (stages, tridiagonal sweeps, rates).</summary>
    public const int WorkVectorsPerCell = 30;

    /// <summary>The grid solve of a scenario, its fields and the output copies.</summary>
    /// <param name="sc">Scenario.</param>
    /// <returns>The estimate.</returns>
    public static MemoryEstimate Solve(Scenario sc)
    {
        ArgumentNullException.ThrowIfNull(sc);
        return new MemoryEstimate(GridItems(sc));
    }

    /// <summary>A particle run (with the grid solve first when the fields come from the grid).</summary>
    /// <param name="sc">Scenario.</param>
    /// <param name="particles">Number of particles.</param>
    /// <param name="steps">Time steps.</param>
    /// <param name="trajectories">Particles whose every step is recorded.</param>
    /// <param name="gridFields">Whether the grid is solved for the fields.</param>
    /// <returns>The estimate.</returns>
    public static MemoryEstimate Simulate(Scenario sc, int particles, int steps, int trajectories, bool gridFields)
    {
        ArgumentNullException.ThrowIfNull(sc);
        var items = gridFields ? GridItems(sc) : [];
        int d = sc.Dimension;
        // Stored snapshots, plus their copy in the output file; device state x, y, likelihood, 2 counters and host buffers.
        items.Add(($"particle snapshots ({sc.Snapshots} × {particles} × {d}, stored and written)", 8.0 * 2 * sc.Snapshots * particles * d));
        items.Add(("particle state and buffers", 8.0 * (3 * d + 3) * particles));
        // The managed backend's time sums of the grid score's snapshot window, one value per cell and field, when the
        // particles are at least as many as the cells (Backends.GridScoreStage): up to three stages at once (RK4).
        double cells = Cells(sc);
        if (gridFields && Backends.GridScoreStage.SumsOnce(cells, particles))
            items.Add(($"time-summed score windows (3 × {cells} cells × {Backends.TimeSummedWindow.Stride(d)})",
                8.0 * 3 * cells * Backends.TimeSummedWindow.Stride(d)));
        if (trajectories > 0)
            items.Add(($"trajectories ({(long)steps + 1} × {trajectories} × {d}, stored and written)", 8.0 * 2 * (steps + 1.0) * trajectories * d));
        return new MemoryEstimate(items);
    }

    private static double Cells(Scenario sc) => sc.Dimension == 1 ? sc.Grid1D!.Cells : (double)sc.Grid2D!.X.Cells * sc.Grid2D.Y.Cells;

    private static List<(string, double)> GridItems(Scenario sc)
    {
        int d = sc.Dimension;
        double cells = Cells(sc);
        bool extrapolate = sc.Solver.Extrapolate && sc.Process is not Model.FlowMatchingProcess;
        double fine = extrapolate ? cells * (1 << d) : 0;
        double snap = sc.Snapshots;
        var items = new List<(string, double)>
        {
            ($"density snapshots ({snap} × {cells} cells{(extrapolate ? $", fine pass {fine} cells, extrapolated result" : "")})",
                8 * snap * (cells * (extrapolate ? 2 : 1) + fine)),
            ($"fields (score, PF velocity, face velocity, drift and current per axis, trust weight: {5 * d + 1} per cell and snapshot)",
                8 * snap * cells * (5 * d + 1)),
            ("output copies (density, score, velocity, trust mask)", snap * cells * (8 * (1 + 2 * d) + 1)),
            ("solver working vectors", 8.0 * WorkVectorsPerCell * Math.Max(cells, fine)),
        };
        // The current of an extrapolated run is extrapolated from both passes' currents (about d faces per cell each).
        if (extrapolate) items.Add(($"currents of the two passes ({snap} snapshots)", 8 * snap * d * (cells + fine)));
        return items;
    }

    /// <summary>One line: the total and its largest parts.</summary>
    /// <returns>Text.</returns>
    public string Describe() =>
        $"{Format(Items.Sum(i => i.Bytes))} ({string.Join("; ", Items.OrderByDescending(i => i.Bytes).Take(3).Select(i => $"{i.Item}: {Format(i.Bytes)}"))})";

    /// <summary>Bytes in binary units (KiB, MiB, GiB, ...).</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>Text such as 1.50 GiB.</returns>
    public static string Format(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        double v = bytes; int u = 0;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return u == 0 ? $"{bytes:F0} B" : v.ToString(v < 1e6 ? "F2" : "E2", CultureInfo.InvariantCulture) + " " + units[u];
    }

    /// <summary>Parses a size: a number of bytes with an optional unit K, M, G, T (powers of 1024; KiB, MB, GB... accepted).</summary>
    /// <param name="text">Text such as 8G, 512MiB or 1000000.</param>
    /// <returns>Bytes.</returns>
    public static long ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        int cut = t.Length;
        while (cut > 0 && char.IsAsciiLetter(t[cut - 1])) cut--;
        string unit = t[cut..].ToUpperInvariant();
        int power = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 1,
            "M" or "MB" or "MIB" => 2,
            "G" or "GB" or "GIB" => 3,
            "T" or "TB" or "TIB" => 4,
            _ => -1,
        };
        if (power < 0 || !double.TryParse(t[..cut], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0) || !double.IsFinite(v))
            throw new FormatException($"'{text}' is not a size (a positive number with an optional unit K, M, G or T, e.g. 8G)");
        double bytes = v * Math.Pow(1024, power);
        return bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
    }
}
