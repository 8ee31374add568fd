using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FokkerPlanck.Learned;

/// <summary>
/// A trained network exported to ONNX, run by ONNX Runtime (CPU execution provider) on float32 tensors: positions
/// [N, d] and a time input [N] or [N, 1] in, [N, d] out. Names are found from the model when it has one input of rank 2
/// and one of rank 1 (or [N, 1]) and one output, or given. The time input is t, σ(t) or log σ(t)
/// (<see cref="TimeConvention"/>), the positions optionally scaled by EDM's c_in. Every output is checked to be finite.
/// </summary>
public sealed class OnnxField : ILearnedField
{
    private readonly InferenceSession _session;
    private readonly string _input, _time, _output;
    private readonly bool _timeColumn;
    private readonly NetworkInputs _inputs;
    private readonly Func<double, double>? _sigma;
    private long _evaluations;

    /// <summary>Loads and checks the model.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="dimension">The scenario's dimension (1 or 2): the model's positions and outputs must have it.</param>
    /// <param name="parametrisation">What the output is.</param>
    /// <param name="inputs">Names and conventions.</param>
    /// <param name="sigma">σ(t) of the process (needed for a σ or log σ time input and for c_in), or null.</param>
    /// <param name="provider">Where to run it.</param>
    /// <exception cref="LearnedModelException">The file is missing or not a usable model for this dimension, or CUDA was asked
    /// for and is not available.</exception>
    public OnnxField(string path, int dimension, Parametrisation parametrisation, NetworkInputs inputs, Func<double, double>? sigma,
        ExecutionProvider provider = ExecutionProvider.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inputs);
        if (dimension is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be 1 or 2");
        if (!File.Exists(path)) throw new LearnedModelException($"model file '{path}' not found");
        if (inputs.NeedsSigma && sigma is null)
            throw new LearnedModelException($"the model's inputs need σ(t) ({Describe(inputs)}), which this process does not define: use a process of the affine family (ou, vp, ve, sub-vp, cosine, edm, affine)");
        Dimension = dimension; Parametrisation = parametrisation; _inputs = inputs; _sigma = sigma;
        (_session, Provider, var cudaNote) = Open(path, provider);
        try
        {
            var ins = _session.InputMetadata;
            string names = string.Join(", ", ins.Select(kv => $"{kv.Key} {Shape(kv.Value.Dimensions)}"));
            (_input, _time) = Roles(ins, inputs, dimension, names);
            foreach (var (role, name) in new[] { ("position", _input), ("time", _time) })
            {
                if (!ins.TryGetValue(name, out var meta)) throw new LearnedModelException($"the model has no input '{name}' (its inputs: {names}); name the {role} input with --{(role == "time" ? "time-input" : "input")}");
                if (meta.ElementDataType != TensorElementType.Float) throw new LearnedModelException($"the model's input '{name}' is {meta.ElementDataType}, not float32");
            }
            if (ins.Count != 2) throw new LearnedModelException($"the model has {ins.Count} inputs ({names}); it must take exactly a position and a time");
            var x = ins[_input].Dimensions;
            if (x.Length != 2) throw new LearnedModelException($"the model's position input '{_input}' has shape {Shape(x)}; it must be [N, {dimension}]");
            if (x[1] > 0 && x[1] != dimension) throw new LearnedModelException($"the model's position input '{_input}' has {x[1]} coordinates ({Shape(x)}), but the scenario is {dimension}D");
            var tm = ins[_time].Dimensions;
            if (!(tm.Length == 1 || (tm.Length == 2 && tm[1] == 1))) throw new LearnedModelException($"the model's time input '{_time}' has shape {Shape(tm)}; it must be [N] or [N, 1]");
            _timeColumn = tm.Length == 2;
            var outs = _session.OutputMetadata;
            string onames = string.Join(", ", outs.Select(kv => $"{kv.Key} {Shape(kv.Value.Dimensions)}"));
            _output = inputs.Output ?? (outs.Count == 1 ? outs.Keys.First() : throw new LearnedModelException($"the model has {outs.Count} outputs ({onames}); name one with --output"));
            if (!outs.TryGetValue(_output, out var o)) throw new LearnedModelException($"the model has no output '{_output}' (its outputs: {onames})");
            if (o.ElementDataType != TensorElementType.Float) throw new LearnedModelException($"the model's output '{_output}' is {o.ElementDataType}, not float32");
            if (o.Dimensions.Length != 2 || (o.Dimensions[1] > 0 && o.Dimensions[1] != dimension))
                throw new LearnedModelException($"the model's output '{_output}' has shape {Shape(o.Dimensions)}, but the scenario is {dimension}D: it must be [N, {dimension}]");
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        Description = $"{Path.GetFileName(path)} (ONNX on {(Provider == ExecutionProvider.Cuda ? "CUDA" : cudaNote is null ? "the CPU" : $"the CPU, CUDA did not start: {cudaNote}")}; {ParametrisationNames.Of(parametrisation)} output '{_output}'; inputs '{_input}' and '{_time}' = {Describe(inputs)})";
    }

    /// <summary>The provider the session runs on (<see cref="ExecutionProvider.Cpu"/> or <see cref="ExecutionProvider.Cuda"/>).</summary>
    public ExecutionProvider Provider { get; }

    // The session on the provider asked for: CUDA needs this build's ONNX Runtime to list it and a session to start on it.
    private static (InferenceSession Session, ExecutionProvider Provider, string? CudaNote) Open(string path, ExecutionProvider provider)
    {
        string? cudaNote = null;
        var env = OrtEnv.Instance();
        bool listed = env.GetAvailableProviders().Contains("CUDAExecutionProvider");
        if (provider == ExecutionProvider.Cuda && !listed)
            throw new LearnedModelException("the CUDA execution provider is not in this build's ONNX Runtime (the CPU package); " +
                "build with -p:OnnxRuntimeGpu=true for Microsoft.ML.OnnxRuntime.Gpu.Linux (the CUDA 13 libraries), or use --provider cpu");
        if (provider != ExecutionProvider.Cpu && listed)
        {
            // ONNX Runtime's own log would print the failed library load to stderr before the exception says it.
            var level = env.EnvLogLevel;
            env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                return (new InferenceSession(path, options), ExecutionProvider.Cuda, null);
            }
            catch (OnnxRuntimeException e) when (provider == ExecutionProvider.Cuda)
            {
                throw new LearnedModelException($"the CUDA execution provider did not start for '{path}': {FirstLine(e.Message)}", e);
            }
            catch (OnnxRuntimeException e)
            {
                // Auto: no GPU or no CUDA libraries here; the CPU runs it, and the description says why.
                cudaNote = FirstLine(e.Message);
            }
            finally
            {
                env.EnvLogLevel = level;
            }
        }
        try { return (new InferenceSession(path), ExecutionProvider.Cpu, cudaNote); }
        catch (OnnxRuntimeException e) { throw new LearnedModelException($"'{path}' is not a model ONNX Runtime can load: {FirstLine(e.Message)}", e); }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public Parametrisation Parametrisation { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <inheritdoc />
    public void Evaluate(ReadOnlySpan<double> points, double t, Span<double> output)
    {
        int d = Dimension, n = points.Length / d;
        if (points.Length != n * d || output.Length != points.Length)
            throw new ArgumentException($"points ({points.Length}) and output ({output.Length}) must both hold N × {d} values");
        if (n == 0) return;
        double sigma = _inputs.NeedsSigma ? _sigma!(t) : double.NaN;
        double scale = _inputs.SigmaData is { } sd ? 1 / Math.Sqrt(sigma * sigma + sd * sd) : 1.0;
        float time = (float)(_inputs.Convention switch
        {
            TimeConvention.Time => t,
            TimeConvention.Sigma => sigma,
            _ => Math.Log(sigma),
        });
        if (!float.IsFinite(time)) throw new LearnedModelException($"the model's time input is not finite at t = {G(t)} ({Describe(_inputs)} = {time}): choose --t-min where σ(t) > 0");
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(scale * points[i]);
        var tv = new float[n];
        Array.Fill(tv, time);
        using var xo = OrtValue.CreateTensorValueFromMemory(x, [n, d]);
        using var to = OrtValue.CreateTensorValueFromMemory(tv, _timeColumn ? [n, 1] : [n]);
        using var runOptions = new RunOptions();
        using var result = _session.Run(runOptions, [_input, _time], [xo, to], [_output]);
        var shape = result[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != n || shape[1] != d)
            throw new LearnedModelException($"the model's output '{_output}' came back with shape {Shape(shape)} for {n} points: it must be [{n}, {d}]");
        var y = result[0].GetTensorDataAsSpan<float>();
        for (int i = 0; i < y.Length; i++)
        {
            if (!float.IsFinite(y[i]))
                throw new LearnedModelException($"the model's output is not finite ({y[i]}) at {Point(points, i / d, d)}, t = {G(t)}");
            output[i] = y[i];
        }
        Interlocked.Increment(ref _evaluations);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static string Describe(NetworkInputs i) =>
        (i.Convention switch { TimeConvention.Time => "t", TimeConvention.Sigma => "σ(t)", _ => "log σ(t)" }) +
        (i.SigmaData is { } sd ? $", positions scaled by c_in = 1/√(σ² + {G(sd)}²)" : "");

    // Names a time input usually has (EDM's noise labels, diffusers' timestep(s), …).
    private static readonly string[] TimeNames = ["t", "time", "times", "timestep", "timesteps", "sigma", "sigmas", "log_sigma", "logsigma", "noise_labels", "c_noise", "tau", "noise_level"];

    // Which input is the position and which the time: as named; else the one of rank 1 is the time; else (1D, both
    // [N, 1]) the one with a usual time name.
    private static (string Input, string Time) Roles(IReadOnlyDictionary<string, NodeMetadata> ins, NetworkInputs given, int dimension, string names)
    {
        var keys = ins.Keys.ToArray();
        foreach (var (name, option) in new[] { (given.Input, "--input"), (given.Time, "--time-input") })
            if (name is not null && !ins.ContainsKey(name))
                throw new LearnedModelException($"the model has no input '{name}' (its inputs: {names}); fix {option}");
        if (given.Input is { } xi && given.Time is { } ti) return (xi, ti);
        string Other(string k) => keys.Length == 2 ? keys.Single(o => o != k) : throw new LearnedModelException($"the model has {keys.Length} inputs ({names}); it must take exactly a position and a time");
        if (given.Input is { } x) return (x, Other(x));
        if (given.Time is { } t) return (Other(t), t);
        if (keys.Length != 2) throw new LearnedModelException($"the model has {keys.Length} inputs ({names}); it must take exactly a position and a time");
        var rank1 = keys.Where(k => ins[k].Dimensions.Length == 1).ToArray();
        if (rank1.Length == 1) return (Other(rank1[0]), rank1[0]);
        var named = keys.Where(k => TimeNames.Contains(k.ToLowerInvariant())).ToArray();
        if (named.Length == 1 && dimension == 1) return (Other(named[0]), named[0]);
        var wide = keys.Where(k => ins[k].Dimensions.Length == 2 && ins[k].Dimensions[1] != 1).ToArray();
        if (wide.Length == 1) return (wide[0], Other(wide[0]));
        throw new LearnedModelException($"cannot tell the model's position and time inputs apart (its inputs: {names}): name them with --input and --time-input");
    }

    private static string Point(ReadOnlySpan<double> p, int i, int d) =>
        d == 1 ? $"x = {G(p[i])}" : $"(x, y) = ({G(p[2 * i])}, {G(p[2 * i + 1])})";

    private static string Shape(IEnumerable<long> dims) => "[" + string.Join(", ", dims.Select(v => v < 0 ? "N" : v.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Shape(int[] dims) => Shape(dims.Select(v => (long)v));

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
