using System.Text;
using PureHDF;

namespace FokkerPlanck.IO;

/// <summary>
/// Lays an HDF5 file out by the netCDF-4 data model and the CF conventions, so that
/// <c>xarray.open_dataset(path, engine="h5netcdf")</c> opens it with named dimensions and coordinates:
/// every coordinate is an HDF5 dimension scale (attributes CLASS = "DIMENSION_SCALE" and NAME), every other
/// dataset names its scales in a DIMENSION_LIST attribute, and all carry long_name and units.
/// </summary>
/// <remarks>
/// h5netcdf recognises a dimension scale only when CLASS is a fixed-length string, and PureHDF writes all strings
/// of one file with one string type. So the file is written with fixed-length strings as long as its longest
/// string. An HDF5 attribute holds at most 64 KiB; a file whose longest string is longer than
/// <see cref="LongestFixedString"/> bytes (a scenario of that size) is written with variable-length strings and no
/// dimension scales, and says so in its warnings attribute. The REFERENCE_LIST back-references of the HDF5
/// dimension-scale specification are not written (PureHDF cannot write the reference cycle); neither HDF5's
/// H5DS readers nor h5netcdf need them.
/// </remarks>
public sealed class NetCdfLayout
{
    /// <summary>The longest string (UTF-8 bytes) for which the netCDF layout is written.</summary>
    public const int LongestFixedString = 60_000;

    private readonly H5File _file;
    private readonly List<(H5Dataset Variable, H5Dataset[] Dims)> _links = [];
    private readonly List<string> _labels = [];

    /// <summary>Starts a layout over a file.</summary>
    /// <param name="file">File whose datasets are added through this layout.</param>
    public NetCdfLayout(H5File file)
    {
        _file = file ?? throw new ArgumentNullException(nameof(file));
        _file.Attributes["Conventions"] = "CF-1.10";
    }

    /// <summary>Adds a coordinate variable (a dimension scale of the same name).</summary>
    /// <param name="name">Dimension and dataset name.</param>
    /// <param name="values">One-dimensional values.</param>
    /// <param name="longName">CF long_name.</param>
    /// <param name="units">CF units ("1" for dimensionless), or null for none (labels, indices).</param>
    /// <returns>The scale, to name as a dimension of later variables.</returns>
    public H5Dataset Coordinate(string name, Array values, string longName, string? units)
    {
        ArgumentNullException.ThrowIfNull(values);
        var d = new H5Dataset(values);
        d.Attributes["CLASS"] = "DIMENSION_SCALE";
        d.Attributes["NAME"] = name;
        if (values is string[] labels)
        {
            d.Attributes["_Encoding"] = "utf-8";
            _labels.AddRange(labels);
        }
        Describe(d, longName, units);
        _file[name] = d;
        return d;
    }

    /// <summary>Adds a data variable over the given dimensions (one scale per axis, in axis order).</summary>
    /// <param name="name">Dataset name.</param>
    /// <param name="values">Values; their rank must equal the number of dimensions.</param>
    /// <param name="longName">CF long_name.</param>
    /// <param name="units">CF units, or null.</param>
    /// <param name="dims">The scales of the axes.</param>
    /// <returns>The dataset, for further attributes.</returns>
    public H5Dataset Variable(string name, Array values, string longName, string? units, params H5Dataset[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(dims);
        if (values.Rank != dims.Length)
            throw new ArgumentException($"{name} has rank {values.Rank} but {dims.Length} dimensions were named.", nameof(dims));
        var d = new H5Dataset(values);
        Describe(d, longName, units);
        _links.Add((d, dims));
        _file[name] = d;
        return d;
    }

    /// <summary>Writes the file atomically (temporary name, then rename).</summary>
    /// <param name="path">Target.</param>
    /// <param name="warnings">Name of the root string attribute that collects warnings; a fallback note is appended to it.</param>
    public void Write(string path, string warnings = "warnings")
    {
        int longest = Longest();
        if (longest <= LongestFixedString)
        {
            foreach (var (v, dims) in _links)
                v.Attributes["DIMENSION_LIST"] = dims.Select(s => new H5ObjectReference[] { s }).ToArray();
            SolutionFile.WriteAtomically(path, _file, new H5WriteOptions(DefaultStringLength: Math.Max(longest, 1)));
            return;
        }
        foreach (var d in _file.Values.OfType<H5Dataset>())
        {
            d.Attributes.Remove("CLASS");
            d.Attributes.Remove("NAME");
        }
        string note = $"the file has no netCDF dimension scales: its longest text attribute has {longest} bytes, more than the {LongestFixedString} an HDF5 fixed-length string attribute can hold";
        string old = _file.Attributes.TryGetValue(warnings, out var w) && w is string s && s.Length > 0 ? s + "\n" : "";
        _file.Attributes[warnings] = old + note;
        SolutionFile.WriteAtomically(path, _file);
    }

    private static void Describe(H5Dataset d, string longName, string? units)
    {
        d.Attributes["long_name"] = longName;
        if (units is not null) d.Attributes["units"] = units;
    }

    // The longest string (UTF-8 bytes, with room for a terminating zero) among the attributes and labels of the file.
    private int Longest()
    {
        int n = 0;
        void Take(object? v)
        {
            if (v is string s) n = Math.Max(n, Encoding.UTF8.GetByteCount(s));
        }
        foreach (var v in _file.Attributes.Values) Take(v);
        foreach (var d in _file.Values.OfType<H5Dataset>())
            foreach (var v in d.Attributes.Values) Take(v);
        foreach (var l in _labels) Take(l);
        return n + 1;
    }
}
