namespace FokkerPlanck.Kernels.Particles;

/// <summary>A particle's integrated state (x, y, log-density change L) with the vector operations the Runge–Kutta
/// stages need (ILGPU-compatible: a readonly struct with static operators).</summary>
internal readonly struct V3
{
    public V3(double x, double y, double l) { X = x; Y = y; L = l; }

    public double X { get; }
    public double Y { get; }
    public double L { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static V3 operator +(V3 a, V3 b) => new(a.X + b.X, a.Y + b.Y, a.L + b.L);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static V3 operator *(double c, V3 a) => new(c * a.X, c * a.Y, c * a.L);
}
