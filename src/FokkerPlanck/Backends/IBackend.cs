using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>
/// Executes the kernels of the FokkerPlanck.Kernels namespaces on one kind of hardware.
/// Every method runs the same kernel logic; implementations differ only in how they launch it.
/// Rate layouts: 1D faces k = 0..n; 2D x-faces at k * ny + j, y-faces at i * (ny + 1) + k.
/// </summary>
public interface IBackend : IDisposable
{
    /// <summary>Short name reported in every output (managed, ilgpu-cpu, cuda).</summary>
    string Name { get; }

    /// <summary>Allocates a zeroed vector.</summary>
    /// <param name="length">Elements.</param>
    /// <returns>The vector.</returns>
    IDeviceVector Allocate(int length);

    /// <summary>Allocates a zeroed vector whose memory may be that of a vector of the same length that was allocated this
    /// way and disposed before (repeated runs of the same size then touch no fresh memory: on a 2-core VM a fresh 8 MB
    /// array cost about 3 ms of page faults, a reused one 0.2 ms of clearing); disposing it offers its memory to the next
    /// such call. The vector must not be used after it is disposed. Backends without reuse allocate (this default).</summary>
    /// <param name="length">Elements.</param>
    /// <returns>The vector.</returns>
    IDeviceVector AllocateReusable(int length) => Allocate(length);

    /// <summary>A vector from <see cref="AllocateReusable"/> that holds a copy of <paramref name="data"/>; backends that
    /// reuse memory skip clearing what the copy overwrites at once.</summary>
    /// <param name="data">Host data (the vector's length).</param>
    /// <returns>The vector.</returns>
    IDeviceVector UploadReusable(ReadOnlySpan<double> data)
    {
        var v = AllocateReusable(data.Length);
        Upload(data, v);
        return v;
    }

    /// <summary>Copies host data into a vector.</summary>
    /// <param name="source">Host data (length of the vector).</param>
    /// <param name="target">Target.</param>
    void Upload(ReadOnlySpan<double> source, IDeviceVector target);

    /// <summary>Copies a vector to the host.</summary>
    /// <param name="source">Source.</param>
    /// <param name="target">Host buffer (length of the vector).</param>
    void Download(IDeviceVector source, Span<double> target);

    /// <summary>1D face rates at time t.</summary>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="g">Axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="d">Diffusion coefficient.</param>
    /// <param name="drift">Drift.</param>
    /// <param name="aux">Per-cell tabulated values.</param>
    /// <param name="aP">Forward rates (n + 1).</param>
    /// <param name="aM">Backward rates (n + 1).</param>
    void FaceRates1D<TDrift>(Axis g, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D;

    /// <summary>2D face rates at time t.</summary>
    /// <typeparam name="TDrift">Drift functor.</typeparam>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="d">Diffusion coefficient.</param>
    /// <param name="drift">Drift.</param>
    /// <param name="aux">Per-cell values seen by the x-faces.</param>
    /// <param name="auxY">Per-cell values seen by the y-faces (often the same vector).</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    void FaceRates2D<TDrift>(Axis gx, Axis gy, double t, double d, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D;

    /// <summary>1D face rates at time t under a position-dependent diffusion
    /// (<see cref="FaceRateKernels.DiffusingFace1D"/>).</summary>
    /// <typeparam name="TDrift">Drift and diffusion functor.</typeparam>
    /// <param name="g">Axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="drift">Drift and diffusion.</param>
    /// <param name="aux">Per-cell values.</param>
    /// <param name="aP">Forward rates (n + 1).</param>
    /// <param name="aM">Backward rates (n + 1).</param>
    void DiffusingFaceRates1D<TDrift>(Axis g, double t, TDrift drift, IDeviceVector aux, IDeviceVector aP, IDeviceVector aM)
        where TDrift : struct, IFaceDrift1D, IPointDiffusion;

    /// <summary>2D face rates at time t under a position-dependent diffusion.</summary>
    /// <typeparam name="TDrift">Drift and diffusion functor.</typeparam>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="t">Time.</param>
    /// <param name="drift">Drift and diffusion.</param>
    /// <param name="aux">Per-cell values seen by the x-faces.</param>
    /// <param name="auxY">Per-cell values seen by the y-faces.</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    void DiffusingFaceRates2D<TDrift>(Axis gx, Axis gy, double t, TDrift drift, IDeviceVector aux, IDeviceVector auxY,
        IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM) where TDrift : struct, IFaceDrift2D, IPointDiffusion;

    /// <summary>r = A p in 1D.</summary>
    /// <param name="g">Axis.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="p">Density.</param>
    /// <param name="r">Result (not aliasing p).</param>
    void Apply1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, IDeviceVector r);

    /// <summary>
    /// r = p + c · (A p) in 1D (the explicit half of a Crank–Nicolson step): <see cref="Apply1D"/> followed by
    /// <see cref="Combine"/>(1, p, c, r, r), which is what this default does. A backend may fuse the two passes into one,
    /// with the same operations per cell, so the same bits.
    /// </summary>
    /// <param name="g">Axis.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="p">Density.</param>
    /// <param name="c">Coefficient of A p.</param>
    /// <param name="r">Result (not aliasing p).</param>
    void ApplyStep1D(Axis g, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, double c, IDeviceVector r)
    {
        Apply1D(g, aP, aM, p, r);
        Combine(1.0, p, c, r, r);
    }

    /// <summary>r = A_x p, A_y p or (A_x p + A_y p) in 2D.</summary>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="axes">Which parts.</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    /// <param name="p">Density.</param>
    /// <param name="r">Result (not aliasing p).</param>
    void Apply2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, IDeviceVector r);

    /// <summary>
    /// r = p + c · (A p) for the chosen parts of the 2D operator (the explicit half of an ADI sweep):
    /// <see cref="Apply2D"/> followed by <see cref="Combine"/>(1, p, c, r, r), which is what this default does. A backend
    /// may fuse the two passes into one, with the same operations per cell, so the same bits.
    /// </summary>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="axes">Which parts.</param>
    /// <param name="xP">Forward x rates.</param>
    /// <param name="xM">Backward x rates.</param>
    /// <param name="yP">Forward y rates.</param>
    /// <param name="yM">Backward y rates.</param>
    /// <param name="p">Density.</param>
    /// <param name="c">Coefficient of A p.</param>
    /// <param name="r">Result (not aliasing p).</param>
    void ApplyStep2D(Axis gx, Axis gy, Axes axes, IDeviceVector xP, IDeviceVector xM, IDeviceVector yP, IDeviceVector yM,
        IDeviceVector p, double c, IDeviceVector r)
    {
        Apply2D(gx, gy, axes, xP, xM, yP, yM, p, r);
        Combine(1.0, p, c, r, r);
    }

    /// <summary>Solves (I - c A) x = rhs in 1D.</summary>
    /// <param name="g">Axis.</param>
    /// <param name="c">Coefficient.</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="x">Solution (may alias rhs).</param>
    /// <param name="w1">Scratch (n).</param>
    /// <param name="w2">Scratch (n).</param>
    void Solve1D(Axis g, double c, IDeviceVector aP, IDeviceVector aM, IDeviceVector rhs, IDeviceVector x, IDeviceVector w1, IDeviceVector w2);

    /// <summary>
    /// A Crank–Nicolson step in 1D, x = (I - c A)⁻¹ (p + c A p): <see cref="ApplyStep1D"/> into tmp, then
    /// <see cref="Solve1D"/>, which is what this default does. A backend may form the right-hand side inside its solve,
    /// with the same operations, so the bits of its own two calls.
    /// </summary>
    /// <param name="g">Axis.</param>
    /// <param name="c">Coefficient (dt/2).</param>
    /// <param name="aP">Forward rates.</param>
    /// <param name="aM">Backward rates.</param>
    /// <param name="p">Density at the start of the step.</param>
    /// <param name="x">Density at its end (may be p).</param>
    /// <param name="tmp">Scratch of n cells (the right-hand side).</param>
    /// <param name="w1">Scratch, as for <see cref="Solve1D"/>.</param>
    /// <param name="w2">Scratch, as for <see cref="Solve1D"/>.</param>
    void SolveStep1D(Axis g, double c, IDeviceVector aP, IDeviceVector aM, IDeviceVector p, IDeviceVector x, IDeviceVector tmp,
        IDeviceVector w1, IDeviceVector w2)
    {
        ApplyStep1D(g, aP, aM, p, c, tmp);
        Solve1D(g, c, aP, aM, tmp, x, w1, w2);
    }

    /// <summary>Solves (I - c A_axis) x = rhs for every line along one axis of a 2D grid.</summary>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis.</param>
    /// <param name="axis">X or Y.</param>
    /// <param name="c">Coefficient.</param>
    /// <param name="fP">Forward rates of that axis.</param>
    /// <param name="fM">Backward rates of that axis.</param>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="x">Solution (may alias rhs).</param>
    /// <param name="w1">Scratch (nx ny).</param>
    /// <param name="w2">Scratch (nx ny).</param>
    void SolveLines2D(Axis gx, Axis gy, Axes axis, double c, IDeviceVector fP, IDeviceVector fM, IDeviceVector rhs, IDeviceVector x,
        IDeviceVector w1, IDeviceVector w2);

    /// <summary>r_i = total outflow rate of cell i (the diagonal of -A), for the explicit stability bound.</summary>
    /// <param name="gx">x axis.</param>
    /// <param name="gy">y axis, or null in 1D.</param>
    /// <param name="xP">Forward x (or 1D) rates.</param>
    /// <param name="xM">Backward x (or 1D) rates.</param>
    /// <param name="yP">Forward y rates (2D).</param>
    /// <param name="yM">Backward y rates (2D).</param>
    /// <param name="r">Result.</param>
    void Outflow(Axis gx, Axis? gy, IDeviceVector xP, IDeviceVector xM, IDeviceVector? yP, IDeviceVector? yM, IDeviceVector r);

    /// <summary>r = -∇·(u p) by the limited upwind scheme of <see cref="ContinuityKernels"/>.</summary>
    /// <param name="gx">x (or 1D) axis.</param>
    /// <param name="gy">y axis, or null in 1D.</param>
    /// <param name="ux">Velocities at the x (or 1D) faces.</param>
    /// <param name="uy">Velocities at the y faces (2D).</param>
    /// <param name="p">Density.</param>
    /// <param name="r">Result (not aliasing p).</param>
    void ContinuityRhs(Axis gx, Axis? gy, IDeviceVector ux, IDeviceVector? uy, IDeviceVector p, IDeviceVector r);

    /// <summary>r = a x + b y (r may alias x or y).</summary>
    /// <param name="a">Factor of x.</param>
    /// <param name="x">First vector.</param>
    /// <param name="b">Factor of y.</param>
    /// <param name="y">Second vector.</param>
    /// <param name="r">Result.</param>
    void Combine(double a, IDeviceVector x, double b, IDeviceVector y, IDeviceVector r);

    /// <summary>r = (a x + b y) + c z (r may alias any input).</summary>
    /// <param name="a">Factor of x.</param>
    /// <param name="x">First vector.</param>
    /// <param name="b">Factor of y.</param>
    /// <param name="y">Second vector.</param>
    /// <param name="c">Factor of z.</param>
    /// <param name="z">Third vector.</param>
    /// <param name="r">Result.</param>
    void Combine3(double a, IDeviceVector x, double b, IDeviceVector y, double c, IDeviceVector z, IDeviceVector r);

    /// <summary>Deterministic blocked sum.</summary>
    /// <param name="x">Vector.</param>
    /// <returns>Σ x.</returns>
    double Sum(IDeviceVector x);

    /// <summary>Deterministic blocked Σ |x - y|.</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector.</param>
    /// <returns>The L1 distance (without cell volume).</returns>
    double SumAbsDiff(IDeviceVector x, IDeviceVector y);

    /// <summary>Sums of the even- and the odd-indexed elements of a vector of whole numbers whose sums stay below 2⁵³ (the
    /// particle counters: fallbacks at 2i, field evaluations at 2i + 1), exact. Default: copied to a pooled host buffer
    /// and summed there.</summary>
    /// <param name="x">Vector (an even length).</param>
    /// <returns>Σ x[2i] and Σ x[2i + 1].</returns>
    (long Even, long Odd) SumPairs(IDeviceVector x)
    {
        var host = System.Buffers.ArrayPool<double>.Shared.Rent(x.Length);
        try
        {
            Download(x, host.AsSpan(0, x.Length));
            return PairSums.Of(host.AsSpan(0, x.Length));
        }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(host); }
    }

    /// <summary>Maximum element.</summary>
    /// <param name="x">Vector.</param>
    /// <returns>max x.</returns>
    double Max(IDeviceVector x);
}
