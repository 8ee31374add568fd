namespace FokkerPlanck.Backends;

/// <summary>A vector of doubles owned by a backend (host memory for Managed, device memory for ILGPU).</summary>
public interface IDeviceVector : IDisposable
{
    /// <summary>Number of elements.</summary>
    int Length { get; }
}
