
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Particles;

namespace FokkerPlanck.Backends;

/// <summary>A backend that runs the particle kernels (both backends do). The job is handed the backend's launcher, whose
/// element accessor type the job builds its kernel structs with.</summary>
internal interface IParticleBackend
{
    /// <summary>Runs a job with this backend's launcher.</summary>
    void RunParticles(IParticleJob job);
}

/// <summary>Work that builds kernel structs over the backend's accessor type and launches them.</summary>
internal interface IParticleJob
{
    void Run<TVec>(IParticleLauncher<TVec> launcher) where TVec : struct, IVec;
}

/// <summary>Launches the particle kernels on one backend.</summary>
internal interface IParticleLauncher<TVec> where TVec : struct, IVec
{
    /// <summary>The kernel-side accessor of a vector of this backend.</summary>
    TVec Wrap(IDeviceVector v);

    /// <summary>Advances particles 0..count-1 by one step of the integrator <typeparamref name="TScheme"/>
    /// (<see cref="ParticleKernels.Advance{TModel, TScheme, TVec}(int, TModel, TScheme, StepArgs, TVec, TVec, TVec, TVec)"/>).</summary>
    void Advance<TModel, TScheme>(TModel model, TScheme scheme, StepArgs args, int count, TVec x, TVec y, TVec l, TVec counters)
        where TModel : struct, IParticleModel where TScheme : struct, IStepScheme;
}
