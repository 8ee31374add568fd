using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using FokkerPlanck.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FokkerPlanck.Expressions;

/// <summary>
/// Compiles generated members (written by the compilers of this namespace from checked expressions only) into a public
/// readonly struct with Roslyn, loads it and returns its type; once per distinct source. The struct's name is a hash of the
/// source; <c>D</c> is <see cref="Dual"/> and <c>H</c> is <see cref="HyperDual"/> inside it.
/// </summary>
internal static class StructCompiler
{
    private static readonly ConcurrentDictionary<string, Type> Cache = new();

    /// <summary>The compiled struct.</summary>
    /// <param name="key">What identifies the source (the translated expressions).</param>
    /// <param name="interfaces">The struct's interface list.</param>
    /// <param name="members">Its members.</param>
    /// <returns>The struct's type.</returns>
    public static Type Compile(string key, string interfaces, string members) =>
        Cache.GetOrAdd(interfaces + "\n" + key, _ => Build(interfaces, members));

    /// <summary>A translated expression (functions as M.Name) over doubles: <see cref="DoubleMath"/>.</summary>
    /// <param name="translated">The translator's output.</param>
    /// <returns>C# over doubles.</returns>
    public static string OverDoubles(string translated) => translated.Replace("M.", "global::FokkerPlanck.Kernels.DoubleMath.", StringComparison.Ordinal);

    /// <summary>A translated expression over <see cref="Dual"/> numbers.</summary>
    /// <param name="translated">The translator's output.</param>
    /// <returns>C# over Dual.</returns>
    public static string OverDuals(string translated) => translated.Replace("M.", "global::FokkerPlanck.Kernels.Dual.", StringComparison.Ordinal);

    /// <summary>A translated expression over <see cref="HyperDual"/> numbers (alias <c>H</c> inside the struct).</summary>
    /// <param name="translated">The translator's output.</param>
    /// <returns>C# over HyperDual.</returns>
    public static string OverHyperDuals(string translated) => translated.Replace("M.", "global::FokkerPlanck.Kernels.HyperDual.", StringComparison.Ordinal);

    private static Type Build(string interfaces, string members)
    {
        string name = "S" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(interfaces + members)))[..16];
        string source = $$"""
            namespace FokkerPlanck.Generated;
            using D = global::FokkerPlanck.Kernels.Dual;
            using H = global::FokkerPlanck.Kernels.HyperDual;
            public readonly struct {{name}} : {{interfaces}}
            {
            {{members}}
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("FokkerPlanck.Generated." + name, [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));
        using var ms = new MemoryStream();
        var result = compilation.Emit(ms);
        if (!result.Success)
        {
            var first = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new ExpressionException($"does not compile: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var assembly = Assembly.Load(ms.ToArray());
        return assembly.GetType("FokkerPlanck.Generated." + name, throwOnError: true)!;
    }

    // The runtime's reference set (System.Runtime and friends) and this library.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        string[] wanted = ["System.Runtime.dll", "System.Private.CoreLib.dll", "netstandard.dll", "System.Runtime.Extensions.dll"];
        var refs = tpa.Where(p => wanted.Contains(Path.GetFileName(p))).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(Dual).Assembly.Location));
        return [.. refs];
    });
}
