using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FokkerPlanck.IO;

/// <summary>
/// NumPy's .npy format (versions 1.0 to 3.0): reads little- or big-endian float64, float32, int64 and int32 arrays in C
/// order as doubles, and writes float64 arrays. Written here because the format is one header line and raw bytes; the
/// only NuGet package that reads it (NumSharp) is a whole array library.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads an array.</summary>
    /// <param name="path">File.</param>
    /// <returns>The values in C order and the shape.</returns>
    /// <exception cref="InvalidDataException">Not a .npy file, or a dtype, order or size this reader does not take.</exception>
    public static (double[] Values, int[] Shape) Read(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        if (b.Length < 10 || !b.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a .npy file (no \\x93NUMPY magic)");
        int major = b[6];
        int headerLength, offset;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)); offset = 10; }
        else if (major is 2 or 3 && b.Length >= 12) { headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8))); offset = 12; }
        else throw new InvalidDataException($"{path}: .npy version {major}.{b[7]} is not supported (1.0 to 3.0 are)");
        if (offset + headerLength > b.Length) throw new InvalidDataException($"{path}: the .npy header runs past the end of the file");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(b, offset, headerLength);
        var descr = Descr().Match(header);
        var order = FortranOrder().Match(header);
        var shapeMatch = ShapeField().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success)
            throw new InvalidDataException($"{path}: the .npy header lacks 'descr', 'fortran_order' or 'shape': {header.Trim()}");
        if (order.Groups[1].Value == "True")
            throw new InvalidDataException($"{path}: Fortran-ordered arrays are not supported: save with np.ascontiguousarray");
        int[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, n) => a * n);
        string dtype = descr.Groups[1].Value;
        int size = dtype[1..] switch { "f8" or "i8" => 8, "f4" or "i4" => 4, _ => 0 };
        if (size == 0 || dtype[0] is not ('<' or '>' or '='))
            throw new InvalidDataException($"{path}: dtype '{dtype}' is not supported (float64, float32, int64 or int32 are)");
        int start = offset + headerLength;
        if (b.Length - start != count * size)
            throw new InvalidDataException($"{path}: the data has {b.Length - start} bytes, the header's shape ({string.Join(", ", shape)}) of {dtype} needs {count * size}");
        bool big = dtype[0] == '>';
        var v = new double[count];
        var data = b.AsSpan(start);
        for (long i = 0; i < count; i++)
        {
            var s = data.Slice((int)(i * size), size);
            v[i] = dtype[1..] switch
            {
                "f8" => BitConverter.Int64BitsToDouble(big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s)),
                "f4" => BitConverter.Int32BitsToSingle(big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s)),
                "i8" => big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
                _ => big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
            };
        }
        return (v, shape);
    }

    /// <summary>Writes a float64 array (little-endian, C order, format 1.0).</summary>
    /// <param name="path">File.</param>
    /// <param name="values">Values in C order.</param>
    /// <param name="shape">Shape; its product must equal the number of values.</param>
    public static void Write(string path, double[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Aggregate(1L, (a, n) => a * n) != values.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) does not hold {values.Length} values", nameof(shape));
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({dims}), }}";
        // Magic (6) + version (2) + length (2) + dict + padding + newline, a multiple of 64 bytes.
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - 10 - 1) + "\n";
        using var f = File.Create(path);
        f.Write(Magic);
        f.Write([1, 0]);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        f.Write(len);
        f.Write(Encoding.Latin1.GetBytes(header));
        var buf = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(i * 8), values[i]);
        f.Write(buf);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeField();
}
