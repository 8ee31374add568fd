namespace FokkerPlanck.Learned;

/// <summary>Where ONNX Runtime runs a network.</summary>
public enum ExecutionProvider
{
    /// <summary>CUDA when this build's ONNX Runtime has it and a GPU answers, else the CPU (the report says which ran).</summary>
    Auto,

    /// <summary>The CPU provider.</summary>
    Cpu,

    /// <summary>The CUDA provider, or an error when it is not available (the default build carries ONNX Runtime's CPU
    /// package; build with <c>-p:OnnxRuntimeGpu=true</c> for Microsoft.ML.OnnxRuntime.Gpu.Linux, which needs the CUDA 13 libraries (cuBLAS, cuDNN)).</summary>
    Cuda,
}
