using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FokkerPlanck.Benchmarks.Reporting;

/// <summary>
/// A column computed from a case's mean time and its <see cref="Work"/>: throughput, modelled bandwidth, the limit it is
/// compared with and the fraction of that limit. Evaluated in the host process, against <see cref="MachineLimits.Current"/>.
/// </summary>
public sealed class WorkColumn : IColumn
{
    private readonly Func<Work, double, MachineLimits, string> _value;

    private WorkColumn(string name, string legend, Func<Work, double, MachineLimits, string> value)
    {
        ColumnName = name; Legend = legend; _value = value;
    }

    /// <summary>Units per second.</summary>
    public static WorkColumn Throughput { get; } = new("Throughput", "units of work per second (mean time)",
        (w, s, _) => $"{Fmt(w.UnitsPerOperation / s)} {w.Unit}/s");

    /// <summary>Bytes per unit of the traffic model.</summary>
    public static WorkColumn Bytes { get; } = new("B/unit", "bytes moved per unit in the traffic model (docs/benchmarks.md)",
        (w, _, _) => w.BytesPerUnit > 0 ? w.BytesPerUnit.ToString("0", CultureInfo.InvariantCulture) : "-");

    /// <summary>Modelled bandwidth.</summary>
    public static WorkColumn Bandwidth { get; } = new("GB/s", "throughput × bytes per unit",
        (w, s, _) => w.BytesPerUnit > 0 ? (w.UnitsPerOperation / s * w.BytesPerUnit / 1e9).ToString("0.0", CultureInfo.InvariantCulture) : "-");

    /// <summary>The limit compared with.</summary>
    public static WorkColumn LimitValue { get; } = new("Limit", "the machine limit measured at the start of this run",
        (w, _, m) => w.Limit switch
        {
            Limit.Bandwidth => $"triad {(m.TriadBytesPerSecond / 1e9).ToString("0.0", CultureInfo.InvariantCulture)} GB/s",
            Limit.Rng => $"RNG {Fmt(m.NormalsPerSecond)} normals/s",
            _ => "-",
        });

    /// <summary>Fraction of the limit.</summary>
    public static WorkColumn Fraction { get; } = new("% of limit", "modelled bandwidth / triad, or normals drawn per second / generator rate",
        (w, s, m) => w.Limit switch
        {
            Limit.Bandwidth when w.BytesPerUnit > 0 => Pct(w.UnitsPerOperation / s * w.BytesPerUnit / m.TriadBytesPerSecond),
            Limit.Rng when w.NormalsPerUnit > 0 => Pct(w.UnitsPerOperation / s * w.NormalsPerUnit / m.NormalsPerSecond),
            _ => "-",
        });

    /// <summary>All five, in table order.</summary>
    public static IColumn[] All { get; } = [Throughput, Bytes, Bandwidth, LimitValue, Fraction];

    /// <inheritdoc/>
    public string Id => nameof(WorkColumn) + "." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => false;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        var work = Of(benchmarkCase);
        if (stats is null || work is null || MachineLimits.Current is not { } limits) return "-";
        return _value(work, stats.Mean * 1e-9, limits);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>The work of a case, from its class's static Describe.</summary>
    /// <param name="benchmarkCase">The case.</param>
    /// <returns>The work, or null.</returns>
    public static Work? Of(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        var describe = type.GetMethod(nameof(IDescribesWork.Describe), BindingFlags.Public | BindingFlags.Static);
        if (describe is null) return null;
        var parameters = benchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => p.Value);
        return (Work?)describe.Invoke(null, [benchmarkCase.Descriptor.WorkloadMethod.Name, parameters]);
    }

    /// <summary>Three significant digits in scientific notation.</summary>
    /// <param name="v">Value.</param>
    /// <returns>Text.</returns>
    public static string Fmt(double v) => v.ToString("0.00E+0", CultureInfo.InvariantCulture);

    private static string Pct(double f) => (100 * f).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}
