using FokkerPlanck.Fields;
using FokkerPlanck.Model;
using FokkerPlanck.Numerics;

namespace FokkerPlanck.Particles;

/// <summary>What particles are simulated for: the process, the density at the first snapshot time, the snapshot times,
/// and the grid fields (needed for <see cref="FieldKind.Grid"/> and for reverse runs that start from the grid density).</summary>
public sealed class ParticleProblem
{
    /// <summary>Creates a 1D problem.</summary>
    /// <param name="process">Forward process.</param>
    /// <param name="initial">Density at times[0].</param>
    /// <param name="times">Increasing snapshot times (at least 2).</param>
    /// <param name="fields">Grid fields of the same run, or null.</param>
    public ParticleProblem(Process process, IDensity1D initial, double[] times, GridFields? fields = null)
        : this(process, initial, null, times, fields) { }

    /// <summary>Creates a 2D problem.</summary>
    /// <param name="process">Forward process.</param>
    /// <param name="initial">Density at times[0].</param>
    /// <param name="times">Increasing snapshot times (at least 2).</param>
    /// <param name="fields">Grid fields of the same run, or null.</param>
    public ParticleProblem(Process process, IDensity2D initial, double[] times, GridFields? fields = null)
        : this(process, null, initial, times, fields) { }

    private ParticleProblem(Process process, IDensity1D? i1, IDensity2D? i2, double[] times, GridFields? fields)
    {
        Process = process ?? throw new ArgumentNullException(nameof(process));
        ArgumentNullException.ThrowIfNull(times);
        if (times.Length < 2) throw new ArgumentException($"need at least 2 snapshot times (got {times.Length})", nameof(times));
        for (int k = 1; k < times.Length; k++)
            if (!(times[k] > times[k - 1])) throw new ArgumentException($"snapshot times must increase (times[{k}] = {times[k]} after {times[k - 1]})", nameof(times));
        if (fields is not null)
        {
            if ((fields.Solution.Grid1 is null) != (i1 is null))
                throw new ArgumentException("the fields' dimension differs from the problem's", nameof(fields));
            if (fields.Times[0] > times[0] + Tolerances.TimeMatch || fields.Times[^1] < times[^1] - Tolerances.TimeMatch)
                throw new ArgumentException($"the fields cover [{fields.Times[0]}, {fields.Times[^1]}], not the run's [{times[0]}, {times[^1]}]", nameof(fields));
        }
        Initial1D = i1; Initial2D = i2; Times = (double[])times.Clone(); Fields = fields;
    }

    /// <summary>Forward process.</summary>
    public Process Process { get; }

    /// <summary>1D density at the first snapshot time, or null.</summary>
    public IDensity1D? Initial1D { get; }

    /// <summary>2D density at the first snapshot time, or null.</summary>
    public IDensity2D? Initial2D { get; }

    /// <summary>1 or 2.</summary>
    public int Dimension => Initial1D is null ? 2 : 1;

    /// <summary>Snapshot times.</summary>
    public double[] Times { get; }

    /// <summary>Grid fields, or null.</summary>
    public GridFields? Fields { get; }

    /// <summary>First snapshot time.</summary>
    public double Start => Times[0];

    /// <summary>Last snapshot time T.</summary>
    public double End => Times[^1];
}
