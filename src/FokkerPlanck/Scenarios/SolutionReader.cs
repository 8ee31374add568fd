using FokkerPlanck.Discretization;
using PureHDF;

namespace FokkerPlanck.Scenarios;

/// <summary>A solution read back from a solution.h5, with the scenario it was solved for.</summary>
/// <param name="Scenario">The scenario of the file's 'scenario' attribute (grid as solved).</param>
/// <param name="Solution">Densities, times and masses as stored (bit for bit).</param>
/// <param name="Estimates">The error estimates the file stores, or null when it has none.</param>
public sealed record StoredSolution(Scenario Scenario, GridSolution Solution, Fields.ErrorEstimates? Estimates);

/// <summary>
/// Reads a solution.h5 written by <see cref="IO.SolutionFile"/> back into a <see cref="GridSolution"/>, so that its fields
/// can be recomputed (bit-identical to the ones the file stores) and sampled without solving again. The grid comes from
/// the file's scenario and is checked against the stored cell centres; the times must increase.
/// </summary>
public static class SolutionReader
{
    /// <summary>Reads the file.</summary>
    /// <param name="path">solution.h5.</param>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <returns>Scenario and solution.</returns>
    /// <exception cref="ArgumentException">The file is missing, not a solution file, or inconsistent (names the file and the rule).</exception>
    public static StoredSolution Read(string path, string option = "--fields")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new ArgumentException($"{option}: {path} does not exist", option);
        try
        {
            using var f = H5File.OpenRead(path);
            string Need(string name) => f.LinkExists(name) ? name : throw new ArgumentException($"{option}: {path} has no dataset '{name}': not a solution.h5 of solve", option);
            if (!f.AttributeExists("scenario")) throw new ArgumentException($"{option}: {path} has no 'scenario' attribute: not a solution.h5 of solve", option);
            var sc = ScenarioParser.Parse(f.Attribute("scenario").Read<string>(), $"{path} (attribute scenario)");
            double[] t = f.Dataset(Need("t")).Read<double[]>();
            double[] mass = f.Dataset(Need("mass")).Read<double[]>();
            double[] dens = f.Dataset(Need("density")).Read<double[]>();
            double[] x = f.Dataset(Need("x")).Read<double[]>();
            for (int k = 1; k < t.Length; k++)
                if (!(t[k] > t[k - 1])) throw new ArgumentException($"{option}: {path}: t must increase (t[{k}] = {t[k]} after {t[k - 1]})", option);
            int cells = sc.Grid1D?.Cells ?? sc.Grid2D!.Count;
            if (dens.Length != (long)t.Length * cells || mass.Length != t.Length)
                throw new ArgumentException($"{option}: {path}: density has {dens.Length} values, {t.Length} snapshots of the scenario's {cells} cells need {(long)t.Length * cells}", option);
            CheckCentres(sc.Grid1D?.Centers() ?? sc.Grid2D!.X.Centers(), x, path, "x", option);
            if (sc.Grid2D is { } g2) CheckCentres(g2.Y.Centers(), f.Dataset(Need("y")).Read<double[]>(), path, "y", option);
            var densities = new double[t.Length][];
            for (int k = 0; k < t.Length; k++) densities[k] = dens.AsSpan(k * cells, cells).ToArray();
            string backend = f.AttributeExists("backend") ? f.Attribute("backend").Read<string>() : "unknown";
            long steps = f.AttributeExists("steps") ? f.Attribute("steps").Read<long>() : 0;
            long rejected = f.AttributeExists("rejectedSteps") ? f.Attribute("rejectedSteps").Read<long>() : 0;
            string warnings = f.AttributeExists("warnings") ? f.Attribute("warnings").Read<string>() : "";
            var sol = new GridSolution(sc.Grid1D, sc.Grid2D, t, densities, mass, backend, steps, rejected,
                warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries), TimeSpan.Zero);
            Fields.ErrorEstimates? estimates = null;
            if (f.LinkExists("densityErrorEstimate") && f.LinkExists("scoreErrorEstimate") && f.LinkExists("velocityErrorEstimate"))
                estimates = new Fields.ErrorEstimates(f.Dataset("densityErrorEstimate").Read<double[]>(), f.Dataset("scoreErrorEstimate").Read<double[]>(),
                    f.Dataset("velocityErrorEstimate").Read<double[]>());
            return new StoredSolution(sc, sol, estimates);
        }
        catch (Exception e) when (e is not (ArgumentException or OutOfMemoryException or OperationCanceledException))
        {
            throw new ArgumentException($"{option}: {path} is not a readable HDF5 file ({e.Message})", option, e);
        }
    }

    private static void CheckCentres(double[] expected, double[] stored, string path, string axis, string option)
    {
        bool same = expected.Length == stored.Length;
        for (int i = 0; same && i < expected.Length; i++)
            same = Math.Abs(expected[i] - stored[i]) <= 1e-12 * (1 + Math.Abs(expected[i]));
        if (!same)
            throw new ArgumentException($"{option}: {path}: the stored {axis} ({stored.Length} centres) is not the grid of the file's scenario ({expected.Length} centres)", option);
    }
}
