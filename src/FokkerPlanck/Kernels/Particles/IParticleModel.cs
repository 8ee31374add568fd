namespace FokkerPlanck.Kernels.Particles;

/// <summary>What the integrators see of a particle system (ILGPU-compatible struct functor), in the particle's own
/// clock τ: drift, its Jacobian, noise amplitude, dimension.</summary>
internal interface IParticleModel
{
    /// <summary>1 or 2.</summary>
    int Dims { get; }

    /// <summary>Drift at (x, y, τ); returns the trust weight of the field values used.</summary>
    double Drift(double x, double y, double tau, out double bx, out double by);

    /// <summary>Drift and its Jacobian; returns the trust weight.</summary>
    double DriftJacobian(double x, double y, double tau, out double bx, out double by, out double jxx, out double jxy, out double jyx, out double jyy);

    /// <summary>
    /// Whether the drift at τ is one linear map for every particle, with no field evaluated and a noise amplitude that
    /// does not depend on the position: then <see cref="Drift"/> computes b = sign·(slope·x) + addend on each axis,
    /// exactly these operations (addend is the signed zero the general path adds), with trust weight 1. The managed
    /// launcher steps such particles in SIMD with the same operations, so with the same bits.
    /// </summary>
    /// <param name="tau">Clock time.</param>
    /// <param name="sign">The drift's sign factor.</param>
    /// <param name="slope">The slope.</param>
    /// <param name="addend">The term added last (a signed zero).</param>
    /// <returns>Whether the drift is that map.</returns>
    bool LinearDrift(double tau, out double sign, out double slope, out double addend);

    /// <summary>
    /// Whether at τ the drift is b = sign·(slope·x) + c·s(x, t) on each axis, with s a <see cref="GridScoreField{TVec}"/>
    /// over TVec, and the noise amplitude does not depend on the position: then <see cref="Drift"/> computes exactly
    /// f = slope·x, s and its trust weight as <see cref="GridScoreField{TVec}.ScoreJacobian"/> does, and b = sign·f + c·s.
    /// The managed launcher steps such particles (reverse SDEs of linear schedules on grid fields) with a loop that does
    /// just that, so with the same bits.
    /// </summary>
    bool GridScoreDrift<TVec>(double tau, out double sign, out double slope, out double c, out double t, out GridScoreField<TVec> field)
        where TVec : struct, IVec;

    /// <summary>Noise amplitude at τ (0 for an ODE).</summary>
    double Noise(double tau);

    /// <summary>The noise amplitude at a position (a position-dependent diffusion: sqrt(2 D(x, t)) times the dynamics'
    /// coefficient); <see cref="Noise"/> elsewhere.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    /// <param name="tau">Simulation time.</param>
    /// <returns>The amplitude.</returns>
    double NoiseAt(double x, double y, double tau);
}
