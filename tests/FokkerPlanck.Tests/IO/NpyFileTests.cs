using System.Buffers.Binary;
using System.Text;
using FokkerPlanck.IO;

namespace FokkerPlanck.Tests.IO;

/// <summary>The .npy reader and writer: round trip, the dtypes and byte orders NumPy writes, and clear refusals.</summary>
public sealed class NpyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-npy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A file as NumPy 1.x writes it: magic, version, header dict padded to 64 bytes with a newline, data.
    private string Raw(string name, string dict, byte[] data, int major = 1)
    {
        int pre = major == 1 ? 10 : 12;
        int total = (pre + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - pre - 1) + "\n";
        var b = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        if (major == 1) b.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else b.AddRange(BitConverter.GetBytes((uint)header.Length));
        b.AddRange(Encoding.Latin1.GetBytes(header));
        b.AddRange(data);
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, b.ToArray());
        return path;
    }

    [Fact]
    public void WrittenArraysReadBackBitForBit()
    {
        string path = Path.Combine(_dir, "a.npy");
        double[] v = [1.5, -0.0, double.Epsilon, 1e308, Math.PI, -2.25];
        NpyFile.Write(path, v, 3, 2);
        var (r, shape) = NpyFile.Read(path);
        Assert.Equal([3, 2], shape);
        Assert.Equal(v.Select(BitConverter.DoubleToInt64Bits), r.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(0, new FileInfo(path).Length % 16); // header padded to 64 bytes, then 6 doubles
        NpyFile.Write(path, [7.0], 1);
        Assert.Equal([1], NpyFile.Read(path).Shape);
    }

    [Fact]
    public void Float32Int64BigEndianAndVersion2AreRead()
    {
        var f4 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f4, 0.5f); BinaryPrimitives.WriteSingleLittleEndian(f4.AsSpan(4), -3f);
        Assert.Equal([0.5, -3.0], NpyFile.Read(Raw("f4.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f4)).Values);
        var i8 = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(i8, -7); BinaryPrimitives.WriteInt64LittleEndian(i8.AsSpan(8), 1L << 40);
        Assert.Equal([-7.0, 1099511627776.0], NpyFile.Read(Raw("i8.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1), }", i8)).Values);
        var be = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(be, 2.75);
        Assert.Equal([2.75], NpyFile.Read(Raw("be.npy", "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", be)).Values);
        var le = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(le, 4.0);
        Assert.Equal([4.0], NpyFile.Read(Raw("v2.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", le, major: 2)).Values);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }", 8, "Fortran-ordered")]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16, "dtype '<c16' is not supported")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 8, "needs 24")]
    [InlineData("{'descr': '<f8', 'shape': (1,), }", 8, "lacks")]
    public void UnsupportedFilesAreRefusedWithTheReason(string dict, int bytes, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Read(Raw("x.npy", dict, new byte[bytes])));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonNpyFileIsRefused()
    {
        string path = Path.Combine(_dir, "t.npy");
        File.WriteAllText(path, "x,y\n1,2\n");
        Assert.Contains("not a .npy file", Assert.Throws<InvalidDataException>(() => NpyFile.Read(path)).Message, StringComparison.Ordinal);
    }
}
