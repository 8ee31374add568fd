using FokkerPlanck.Kernels;

namespace FokkerPlanck.Model;

/// <summary>
/// Something that runs with a linear process's schedule struct (the particle engine, the exact score fields): the process
/// hands it the struct, which the kernels are compiled for (<see cref="LinearProcess.UseSchedule{TResult}"/>), so that
/// the engine never names a process.
/// </summary>
/// <typeparam name="TResult">What the user returns.</typeparam>
public interface IScheduleUser<out TResult>
{
    /// <summary>Runs with a schedule.</summary>
    /// <typeparam name="TSchedule">The schedule struct.</typeparam>
    /// <param name="schedule">The schedule.</param>
    /// <returns>The result.</returns>
    TResult Use<TSchedule>(TSchedule schedule) where TSchedule : struct, ILinearSchedule;
}
