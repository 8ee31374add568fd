namespace FokkerPlanck.Kernels.Particles;

/// <summary>
/// What one particle integrates, in its own clock τ (ILGPU-compatible): with t = τ (forward) or t = TEnd - τ (reverse),
/// drift b = DriftSign · f(x, t) + ScoreCoef · g(t)² · s(x, t) and noise amplitude NoiseCoef · g(t). The host sets the
/// coefficients from the dynamics (docs/conventions.md): forward lambda-family (+1, ½(λ - 1), √λ), reverse
/// lambda-family (-1, ½(1 + λ), √λ); negative controls change them on purpose.
/// </summary>
internal readonly struct ParticleModel<TProcess, TScore> : IParticleModel
    where TProcess : struct, IProcessKernel
    where TScore : struct, IScoreField
{
    public ParticleModel(TProcess process, TScore score, int dims, int reverse, double tEnd, double driftSign, double scoreCoef, double noiseCoef)
    {
        Process = process; Field = score; Dims = dims; Reverse = reverse; TEnd = tEnd;
        DriftSign = driftSign; ScoreCoef = scoreCoef; NoiseCoef = noiseCoef;
    }

    public TProcess Process { get; }
    public TScore Field { get; }
    public int Dims { get; }
    public int Reverse { get; }
    public double TEnd { get; }
    public double DriftSign { get; }
    public double ScoreCoef { get; }
    public double NoiseCoef { get; }

    /// <summary>Process time of clock time τ.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double TimeOf(double tau) => Reverse != 0 ? TEnd - tau : tau;

    /// <summary>Drift at clock time τ; returns the trust weight of the score used.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Drift(double x, double y, double tau, out double bx, out double by)
    {
        double t = TimeOf(tau), g = Process.G(t), c = ScoreCoef * g * g;
        Process.Drift(x, y, t, out double fx, out double fy, out _, out _, out _, out _);
        double w = 1.0, sx = 0, sy = 0;
        if (c != 0) w = Field.Score(x, y, t, out sx, out sy);
        bx = DriftSign * fx + c * sx;
        by = Dims == 1 ? 0.0 : DriftSign * fy + c * sy;
        return w;
    }

    /// <inheritdoc />
    public bool LinearDrift(double tau, out double sign, out double slope, out double addend)
    {
        // Drift's own operations with c = 0 (the score is then not evaluated and sx = 0): DriftSign·(a·x) + c·0.
        double t = TimeOf(tau), g = Process.G(t), c = ScoreCoef * g * g;
        sign = DriftSign; addend = c * 0.0;
        return Process.LinearDrift(t, out slope) && c == 0;
    }

    /// <inheritdoc />
    public bool GridScoreDrift<TVec>(double tau, out double sign, out double slope, out double c, out double t, out GridScoreField<TVec> field)
        where TVec : struct, IVec
    {
        // Drift's own operations: t, g and c as there; fx = slope·x is the process's linear drift.
        t = TimeOf(tau);
        double g = Process.G(t);
        c = ScoreCoef * g * g;
        sign = DriftSign;
        field = default;
        if (c == 0 || !Process.LinearDrift(t, out slope)) { slope = 0; return false; }
        if (Field is not GridScoreField<TVec> f || f.Dims != Dims) return false;
        field = f;
        return true;
    }

    /// <summary>Drift and its Jacobian at clock time τ; returns the trust weight.</summary>
    public double DriftJacobian(double x, double y, double tau, out double bx, out double by, out double jxx, out double jxy, out double jyx, out double jyy)
    {
        double t = TimeOf(tau), g = Process.G(t), c = ScoreCoef * g * g;
        Process.Drift(x, y, t, out double fx, out double fy, out double fxx, out double fxy, out double fyx, out double fyy);
        double w = Field.ScoreJacobian(x, y, t, out double sx, out double sy, out double sxx, out double sxy, out double syx, out double syy);
        bx = DriftSign * fx + c * sx;
        jxx = DriftSign * fxx + c * sxx;
        if (Dims == 1) { by = 0; jxy = 0; jyx = 0; jyy = 0; return w; }
        by = DriftSign * fy + c * sy;
        jxy = DriftSign * fxy + c * sxy; jyx = DriftSign * fyx + c * syx; jyy = DriftSign * fyy + c * syy;
        return w;
    }

    /// <summary>Noise amplitude at clock time τ.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Noise(double tau) => NoiseCoef * Process.G(TimeOf(tau));

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double NoiseAt(double x, double y, double tau) => Noise(tau);
}
