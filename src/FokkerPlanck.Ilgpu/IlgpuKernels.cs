using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;
using ILGPU;

namespace FokkerPlanck.Backends;

/// <summary>An <see cref="IVec"/> over an ILGPU view: what the shared kernel bodies see inside ILGPU kernels.</summary>
public readonly struct ViewVec : IVec
{
    private readonly ArrayView<double> _v;

    /// <summary>Wraps a view.</summary>
    /// <param name="v">The view.</param>
    public ViewVec(ArrayView<double> v) { _v = v; }

    /// <inheritdoc />
    public double this[int i] { get => _v[i]; set => _v[i] = value; }
}

/// <summary>ILGPU entry points: thin wrappers that call the shared kernel bodies with <see cref="ViewVec"/>.</summary>
internal static class IlgpuKernels
{
    public static void Rates1D<TDrift>(Index1D k, Axis g, double t, double d, TDrift drift, ArrayView<double> aux, ArrayView<double> aP, ArrayView<double> aM)
        where TDrift : struct, IFaceDrift1D =>
        FaceRateKernels.Face1D(k, g, t, d, drift, new ViewVec(aux), new ViewVec(aP), new ViewVec(aM));

    public static void DiffusingRates1D<TDrift>(Index1D k, Axis g, double t, TDrift drift, ArrayView<double> aux, ArrayView<double> aP, ArrayView<double> aM)
        where TDrift : struct, IFaceDrift1D, IPointDiffusion =>
        FaceRateKernels.DiffusingFace1D(k, g, t, drift, new ViewVec(aux), new ViewVec(aP), new ViewVec(aM));

    public static void DiffusingRatesX<TDrift>(Index1D k, Axis gx, Axis gy, double t, TDrift drift, ArrayView<double> aux, ArrayView<double> fP, ArrayView<double> fM)
        where TDrift : struct, IFaceDrift2D, IPointDiffusion =>
        FaceRateKernels.DiffusingFaceX(k, gx, gy, t, drift, new ViewVec(aux), new ViewVec(fP), new ViewVec(fM));

    public static void DiffusingRatesY<TDrift>(Index1D k, Axis gx, Axis gy, double t, TDrift drift, ArrayView<double> aux, ArrayView<double> fP, ArrayView<double> fM)
        where TDrift : struct, IFaceDrift2D, IPointDiffusion =>
        FaceRateKernels.DiffusingFaceY(k, gx, gy, t, drift, new ViewVec(aux), new ViewVec(fP), new ViewVec(fM));

    public static void RatesX<TDrift>(Index1D k, Axis gx, Axis gy, double t, double d, TDrift drift, ArrayView<double> aux, ArrayView<double> fP, ArrayView<double> fM)
        where TDrift : struct, IFaceDrift2D =>
        FaceRateKernels.FaceX(k, gx, gy, t, d, drift, new ViewVec(aux), new ViewVec(fP), new ViewVec(fM));

    public static void RatesY<TDrift>(Index1D k, Axis gx, Axis gy, double t, double d, TDrift drift, ArrayView<double> aux, ArrayView<double> fP, ArrayView<double> fM)
        where TDrift : struct, IFaceDrift2D =>
        FaceRateKernels.FaceY(k, gx, gy, t, d, drift, new ViewVec(aux), new ViewVec(fP), new ViewVec(fM));

    public static void Apply1D(Index1D i, Axis g, ArrayView<double> aP, ArrayView<double> aM, ArrayView<double> p, ArrayView<double> r) =>
        r[i] = StencilKernels.Apply1D(i, g, new ViewVec(aP), new ViewVec(aM), new ViewVec(p));

    public static void Apply2D(Index1D k, Axis gx, Axis gy, int axes, ArrayView<double> xP, ArrayView<double> xM, ArrayView<double> yP,
        ArrayView<double> yM, ArrayView<double> p, ArrayView<double> r)
    {
        var pv = new ViewVec(p);
        double v = 0.0;
        if ((axes & 1) != 0) v = StencilKernels.ApplyX(k, gx, gy, new ViewVec(xP), new ViewVec(xM), pv);
        if ((axes & 2) != 0)
        {
            double y = StencilKernels.ApplyY(k, gx, gy, new ViewVec(yP), new ViewVec(yM), pv);
            v = (axes & 1) != 0 ? v + y : y;
        }
        r[k] = v;
    }

    // axis 0: the single 1D line; 1 (X): line j along x; 2 (Y): line i along y.
    public static void Lines(Index1D line, Axis gx, Axis gy, int axis, double c, ArrayView<double> fP, ArrayView<double> fM,
        ArrayView<double> rhs, ArrayView<double> x, ArrayView<double> w1, ArrayView<double> w2)
    {
        var (p, m, b, s, u1, u2) = (new ViewVec(fP), new ViewVec(fM), new ViewVec(rhs), new ViewVec(x), new ViewVec(w1), new ViewVec(w2));
        int ny = gy.N;
        if (axis == 0) TridiagonalKernels.SolveLine(gx.N, gx.Periodic, 0, 1, 0, 1, c, p, m, b, s, u1, u2);
        else if (axis == 1) TridiagonalKernels.SolveLine(gx.N, gx.Periodic, line, ny, line, ny, c, p, m, b, s, u1, u2);
        else TridiagonalKernels.SolveLine(ny, gy.Periodic, line * ny, 1, line * (ny + 1), 1, c, p, m, b, s, u1, u2);
    }

    public static void Outflow(Index1D k, Axis gx, Axis gy, int twoD, ArrayView<double> xP, ArrayView<double> xM, ArrayView<double> yP,
        ArrayView<double> yM, ArrayView<double> r)
    {
        if (twoD == 0) { r[k] = StencilKernels.Outflow(k, 1, new ViewVec(xP), new ViewVec(xM)); return; }
        int ny = gy.N, i = k / ny, j = k - i * ny;
        r[k] = StencilKernels.Outflow(k, ny, new ViewVec(xP), new ViewVec(xM)) + StencilKernels.Outflow(i * (ny + 1) + j, 1, new ViewVec(yP), new ViewVec(yM));
    }

    public static void Continuity(Index1D k, Axis gx, Axis gy, int twoD, ArrayView<double> ux, ArrayView<double> uy, ArrayView<double> p, ArrayView<double> r)
    {
        var (u, pv) = (new ViewVec(ux), new ViewVec(p));
        if (twoD == 0) { r[k] = ContinuityKernels.Line(k, gx, 0, 1, 0, 1, u, pv); return; }
        int ny = gy.N, i = k / ny, j = k - i * ny;
        r[k] = ContinuityKernels.Line(i, gx, j, ny, j, ny, u, pv)
             + ContinuityKernels.Line(j, gy, i * ny, 1, i * (ny + 1), 1, new ViewVec(uy), pv);
    }

    public static void Combine(Index1D i, int three, double a, double b, double c, ArrayView<double> x, ArrayView<double> y, ArrayView<double> z, ArrayView<double> r) =>
        r[i] = three != 0 ? VectorKernels.Combine3(a, x[i], b, y[i], c, z[i]) : VectorKernels.Combine(a, x[i], b, y[i]);

    public static void Particles<TModel, TScheme>(Index1D i, TModel model, Kernels.Particles.StepArgs args, ViewVec x, ViewVec y, ViewVec l, ViewVec counters)
        where TModel : struct, Kernels.Particles.IParticleModel where TScheme : struct, Kernels.Particles.IStepScheme =>
        FokkerPlanck.Kernels.Particles.ParticleKernels.Advance(i, model, default(TScheme), args, x, y, l, counters);

    public static void Reduce(Index1D b, int op, int n, ArrayView<double> x, ArrayView<double> y, ArrayView<double> partial)
    {
        var xv = new ViewVec(x);
        partial[b] = op == 0 ? ReductionKernels.Sum(b, n, xv)
            : op == 1 ? ReductionKernels.SumAbsDiff(b, n, xv, new ViewVec(y))
            : ReductionKernels.Max(b, n, xv);
    }
}
