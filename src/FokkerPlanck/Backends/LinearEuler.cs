using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FokkerPlanck.Backends;

/// <summary>
/// One step's constants of Euler–Maruyama under a drift that is one linear map for all particles (see
/// FokkerPlanck.Kernels.Particles.IParticleModel.LinearDrift), and the update X' = (X + h·(sign·(slope·X) + addend)) + g·ΔW
/// along one axis in Vector256 lanes, with a scalar tail in the same operations (IEEE arithmetic per lane: same bits).
/// </summary>
internal readonly struct LinearEuler
{
    private readonly double _sign, _slope, _addend, _h, _g;

    public LinearEuler(double sign, double slope, double addend, double h, double g)
    {
        _sign = sign; _slope = slope; _addend = addend; _h = h; _g = g; On = true;
    }

    /// <summary>Whether this step takes the SIMD path (false for the default value).</summary>
    public bool On { get; }

    /// <summary>Advances the positions along one axis in place with their Brownian increments ΔW.</summary>
    /// <param name="pos">Positions.</param>
    /// <param name="dw">ΔW, one per position.</param>
    public void Advance(Span<double> pos, ReadOnlySpan<double> dw)
    {
        if (dw.Length < pos.Length) throw new ArgumentException("one increment per position is needed", nameof(dw));
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sign = Vector256.Create(_sign); var slope = Vector256.Create(_slope); var addend = Vector256.Create(_addend);
            var h = Vector256.Create(_h); var g = Vector256.Create(_g);
            ref double p = ref MemoryMarshal.GetReference(pos);
            ref double w = ref MemoryMarshal.GetReference(dw);
            for (; k <= pos.Length - 4; k += 4)
            {
                var x = Vector256.LoadUnsafe(ref p, (nuint)k);
                var b = sign * (slope * x) + addend;
                ((x + h * b) + g * Vector256.LoadUnsafe(ref w, (nuint)k)).StoreUnsafe(ref p, (nuint)k);
            }
        }
        for (; k < pos.Length; k++)
        {
            double x = pos[k], b = _sign * (_slope * x) + _addend;
            pos[k] = (x + _h * b) + _g * dw[k];
        }
    }
}
