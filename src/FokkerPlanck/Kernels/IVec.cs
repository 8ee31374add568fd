namespace FokkerPlanck.Kernels;

/// <summary>
/// Element access that kernel code is written against, so that one generic method body runs on both backends:
/// <see cref="ArrayVec"/> on the Managed backend, <c>ViewVec</c> (an ILGPU ArrayView) inside ILGPU kernels.
/// </summary>
public interface IVec
{
    /// <summary>Element i.</summary>
    /// <param name="i">Index.</param>
    double this[int i] { get; set; }
}

/// <summary>An <see cref="IVec"/> over a managed array (Managed backend only; never passed to ILGPU).</summary>
public readonly struct ArrayVec : IVec
{
    private readonly double[] _a;

    /// <summary>Wraps an array.</summary>
    /// <param name="a">The array.</param>
    public ArrayVec(double[] a) { _a = a; }

    /// <summary>The wrapped array (the managed launcher's SIMD paths).</summary>
    internal double[] Array => _a;

    /// <inheritdoc />
    public double this[int i] { get => _a[i]; set => _a[i] = value; }
}
