namespace FokkerPlanck.Cli;

/// <summary>Writes progress messages as indented lines, synchronously (Progress&lt;T&gt; would post them to the thread pool,
/// out of order).</summary>
internal sealed class LineProgress(TextWriter w) : IProgress<string>
{
    public void Report(string value) => w.WriteLine("  " + value);
}
