using System.Text.Json.Nodes;
using Json.Schema;
using PureHDF;

namespace FokkerPlanck.Cli;

/// <summary>
/// Loads, on an idle core while a run starts, the two libraries nearly every run needs later on its critical path:
/// JsonSchema.Net (the scenario check) and PureHDF's writer. Their first use costs about 0.1 s and 0.07 s of type loading
/// and binding even in a ReadyToRun publish; a small run spends most of its time there. The warm-up touches nothing the
/// run uses: it evaluates a schema of its own and writes a small file into memory, and any failure in it is ignored
/// (the run's own use then reports it).
/// </summary>
internal static class Warmup
{
    /// <summary>Starts the warm-up in the background and returns at once; on a single core there is no idle core to use,
    /// and it does nothing.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount > 1) ThreadPool.UnsafeQueueUserWorkItem(_ => Run(), null);
    }

    private static void Run()
    {
        try
        {
            var schema = JsonSchema.FromText("""{"type": "object", "required": ["a"], "additionalProperties": false, "properties": {"a": {"type": "number", "minimum": 0}, "b": {"enum": ["x", "y"]}}, "allOf": [{"if": {"properties": {"b": {"const": "x"}}}, "then": {"required": ["a"]}}]}""");
            schema.Evaluate(JsonNode.Parse("""{"a": 1.5, "b": "x"}"""), new EvaluationOptions { OutputFormat = OutputFormat.List });
            var file = new H5File { Attributes = { ["title"] = "warm-up" } };
            file["x"] = new H5Dataset(new double[] { 0.0, 1.0 });
            file["p"] = new H5Dataset(new double[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }) { Attributes = { ["units"] = "1" } };
            using var memory = new MemoryStream();
            file.Write(memory, new H5WriteOptions());
        }
        catch (Exception)
        {
            // Only a warm-up: the run's own use of these libraries reports any real failure.
        }
    }
}
