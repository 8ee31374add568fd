namespace FokkerPlanck.Kernels.Particles;

/// <summary>The random inputs of one particle's step (ILGPU-compatible plain values): the Brownian increments
/// I₁ = ΔW and I₁₀ = ∫(W_s - W_t) ds per axis, and the Hutchinson probe ε (fixed within a step; 1 when unused).</summary>
internal readonly struct StepInputs
{
    public StepInputs(double ex, double ey, double i1x, double i10x, double i1y, double i10y)
    {
        Ex = ex; Ey = ey; I1X = i1x; I10X = i10x; I1Y = i1y; I10Y = i10y;
    }

    /// <summary>Probe, x component.</summary>
    public double Ex { get; }

    /// <summary>Probe, y component.</summary>
    public double Ey { get; }

    /// <summary>ΔW along x.</summary>
    public double I1X { get; }

    /// <summary>∫(W_s - W_t) ds along x.</summary>
    public double I10X { get; }

    /// <summary>ΔW along y.</summary>
    public double I1Y { get; }

    /// <summary>∫(W_s - W_t) ds along y.</summary>
    public double I10Y { get; }
}
