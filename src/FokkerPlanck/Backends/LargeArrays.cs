using System.Runtime.InteropServices;

namespace FokkerPlanck.Backends;

/// <summary>
/// Host arrays that a run writes whole before it reads them (particle snapshots): allocated uninitialized, and on Linux
/// advised for transparent huge pages before their first touch (madvise MADV_HUGEPAGE over the whole 2 MiB pages inside
/// the array), as numpy does for arrays of 4 MiB and more, so that first-touching them costs one page fault per 2 MiB
/// instead of per 4 KiB where the kernel grants huge pages. The advice is only a hint: contents and behaviour are the
/// same without it. Written here because the base library has no such allocation.
/// </summary>
internal static class LargeArrays
{
    /// <summary>Arrays from this many bytes are advised (numpy's threshold).</summary>
    internal const long AdviseFrom = 4L << 20;

    private const int MadvHugePage = 14;
    private const long HugePage = 2L << 20;

    /// <summary>An uninitialized array of <paramref name="length"/> doubles, advised for huge pages when large.</summary>
    /// <param name="length">Elements.</param>
    /// <returns>The array; every element must be written before it is read.</returns>
    public static double[] Uninitialized(int length) => Uninitialized(length, out _);

    /// <summary><see cref="Uninitialized(int)"/>, saying whether the kernel accepted the advice.</summary>
    /// <param name="length">Elements.</param>
    /// <param name="advised">Whether madvise was called and returned 0.</param>
    /// <returns>The array.</returns>
    internal static double[] Uninitialized(int length, out bool advised)
    {
        var a = GC.AllocateUninitializedArray<double>(length);
        advised = OperatingSystem.IsLinux() && (long)length * sizeof(double) >= AdviseFrom && Advise(a);
        return a;
    }

    private static bool Advise(double[] a)
    {
        var handle = GCHandle.Alloc(a, GCHandleType.Pinned);
        try
        {
            long start = handle.AddrOfPinnedObject(), end = start + (long)a.Length * sizeof(double);
            long lo = (start + HugePage - 1) & ~(HugePage - 1), hi = end & ~(HugePage - 1);
            return hi > lo && Madvise((nint)lo, (nuint)(hi - lo), MadvHugePage) == 0;
        }
        catch (Exception)
        {
            return false; // no usable libc madvise here: no advice (it is only a hint)
        }
        finally { handle.Free(); }
    }

    // DllImport rather than LibraryImport: the project compiles without unsafe code, and this signature is blittable.
    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
