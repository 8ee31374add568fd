using System.Reflection;
using System.Runtime.InteropServices;

namespace FokkerPlanck.Backends;

/// <summary>
/// Chooses the backend: "auto" (CUDA when a device is present, else Managed), "managed", "ilgpu-cpu" or "cuda".
/// The environment variable FOKKERPLANCK_BACKEND overrides "auto".
/// </summary>
public static class BackendSelector
{
    /// <summary>Environment variable consulted when the requested backend is "auto".</summary>
    public const string EnvironmentVariable = "FOKKERPLANCK_BACKEND";

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static readonly IReadOnlyList<string> Names = ["auto", "managed", "ilgpu-cpu", "cuda"];

    /// <summary>Creates the backend.</summary>
    /// <param name="name">auto, managed, ilgpu-cpu or cuda.</param>
    /// <param name="threads">Thread limit of the Managed backend (null: all cores).</param>
    /// <returns>The backend; the caller disposes it.</returns>
    public static IBackend Create(string name = "auto", int? threads = null)
    {
        string requested = (name ?? "auto").Trim().ToLowerInvariant();
        if (requested == "auto")
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env)) requested = env.Trim().ToLowerInvariant();
        }
        switch (requested)
        {
            case "auto":
                return CudaLikelyPresent() && IlgpuLoaded() && Ilgpu("TryCreateCuda") is { } gpu ? gpu : new ManagedBackend(threads);
            case "managed":
                return new ManagedBackend(threads);
            case "ilgpu-cpu":
                return Ilgpu("CreateCpu")!;
            case "cuda":
                return Ilgpu("TryCreateCuda")
                    ?? throw new ArgumentException("backend 'cuda' was requested but no CUDA device was found", nameof(name));
            default:
                throw new ArgumentException($"backend must be one of {string.Join(", ", Names)} (got '{name}')", nameof(name));
        }
    }

    /// <summary>Assembly of the ILGPU backend, loaded only when a run asks for ILGPU or CUDA.</summary>
    public const string IlgpuAssembly = "FokkerPlanck.Ilgpu";

    private const string IlgpuType = "FokkerPlanck.Backends.IlgpuBackend";

    // Whether the ILGPU backend's assembly can be loaded (auto falls back to managed without it).
    private static bool IlgpuLoaded()
    {
        try { return Assembly.Load(IlgpuAssembly).GetType(IlgpuType) is not null; }
        catch (IOException) { return false; }
    }

    // Calls a static factory of the ILGPU backend (CreateCpu, TryCreateCuda) in its own assembly.
    private static IBackend? Ilgpu(string factory)
    {
        Assembly asm;
        try { asm = Assembly.Load(IlgpuAssembly); }
        catch (IOException e)
        {
            throw new ArgumentException($"the ILGPU backend's assembly {IlgpuAssembly} was not found next to the library ({e.Message})", "backend");
        }
        var method = asm.GetType(IlgpuType, throwOnError: true)!.GetMethod(factory, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(IlgpuType, factory);
        try { return (IBackend?)method.Invoke(null, null); }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    // Avoids starting ILGPU (≈ 0.3 s) on machines without the CUDA driver library.
    private static bool CudaLikelyPresent()
    {
        if (NativeLibrary.TryLoad("libcuda.so.1", out var h) || NativeLibrary.TryLoad("nvcuda.dll", out h))
        {
            NativeLibrary.Free(h);
            return true;
        }
        return false;
    }
}
