using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace FokkerPlanck.Tests.Architecture;

/// <summary>
/// The layers of the library, bottom to top, and the rule that a namespace may use only the layers below it (and
/// itself). docs/architecture.md draws the same picture. A new namespace must be placed in a layer here, or the
/// test that every namespace has a layer fails.
/// </summary>
public class LayerTests
{
    /// <summary>The layers, bottom first. Each entry is a namespace (its children included).</summary>
    internal static readonly string[] Layers =
    [
        "FokkerPlanck.Numerics",
        "FokkerPlanck.RandomNumbers",
        "FokkerPlanck.Kernels",
        "FokkerPlanck.Model",
        "FokkerPlanck.Expressions",
        "FokkerPlanck.Grids",
        "FokkerPlanck.Statistics",
        "FokkerPlanck.Backends",
        "FokkerPlanck.Discretization",
        "FokkerPlanck.Fields",
        "FokkerPlanck.Transport",
        "FokkerPlanck.Particles",
        "FokkerPlanck.Applications",
        "FokkerPlanck.IO",
        "FokkerPlanck.Scenarios",
        "FokkerPlanck.Validation",
        "FokkerPlanck.Learned",
        "FokkerPlanck.Figures",
        "FokkerPlanck.Cli",
    ];

    private static readonly Assembly[] Product =
        [typeof(FokkerPlanck.Model.Process).Assembly, typeof(FokkerPlanck.Backends.IlgpuBackend).Assembly, typeof(FokkerPlanck.Validation.ValidationSuite).Assembly, typeof(FokkerPlanck.Figures.FigureCatalog).Assembly,
         typeof(FokkerPlanck.Learned.ScoreJudge).Assembly, typeof(FokkerPlanck.Cli.CliApp).Assembly];

    /// <summary>"Type → namespace it must not use" for every reference from a layer to one above it.</summary>
    internal static List<string> UpwardReferences(IEnumerable<Assembly> assemblies, IReadOnlyList<string> layers)
    {
        var found = new List<string>();
        var asm = assemblies.ToArray();
        for (int i = 0; i < layers.Count - 1; i++)
        {
            var above = layers.Skip(i + 1).ToArray();
            var result = Types.InAssemblies(asm).That().ResideInNamespace(layers[i]).ShouldNot().HaveDependencyOnAny(above).GetResult();
            if (!result.IsSuccessful)
                found.AddRange(result.FailingTypes.Select(t => $"{t.FullName} (layer {layers[i]}) uses a layer above it: {t.Explanation}"));
        }
        return found;
    }

    [Fact]
    public void NoLayerUsesALayerAboveIt()
    {
        var found = UpwardReferences(Product, Layers);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void EveryNamespaceHasALayer()
    {
        var namespaces = Product.SelectMany(a => a.GetTypes()).Select(t => t.Namespace ?? "").Distinct()
            .Where(ns => !ns.StartsWith("Microsoft.", StringComparison.Ordinal) && !ns.StartsWith("System.", StringComparison.Ordinal) && ns != "")
            .Where(ns => !Layers.Any(l => ns == l || ns.StartsWith(l + ".", StringComparison.Ordinal)))
            .Order().ToArray();
        Assert.True(namespaces.Length == 0, "namespaces without a layer: " + string.Join(", ", namespaces));
    }

    [Fact]
    public void APlantedUpwardReferenceIsFound()
    {
        string[] planted = ["FokkerPlanck.Tests.Architecture.Planted.Low", "FokkerPlanck.Tests.Architecture.Planted.High"];
        var found = UpwardReferences([typeof(LayerTests).Assembly], planted);
        Assert.Contains(found, f => f.StartsWith("FokkerPlanck.Tests.Architecture.Planted.Low.UsesHigh ", StringComparison.Ordinal));
        // The reverse order of the same two layers has the downward reference only: nothing to report.
        Assert.DoesNotContain(UpwardReferences([typeof(LayerTests).Assembly], [planted[1], planted[0]]),
            f => f.Contains(".Planted.", StringComparison.Ordinal) && f.Contains("UsesHigh", StringComparison.Ordinal));
    }

    /// <summary>The core library names no command-line option: its messages describe the problem, the CLI maps it to
    /// an option. Found as "--word" in the assembly's string literals.</summary>
    [Fact]
    public void TheCoreLibraryNamesNoCommandLineOption()
    {
        var options = CliOptionsIn(typeof(FokkerPlanck.Model.Process).Assembly.Location);
        Assert.True(options.Count == 0, "CLI options named in the core library: " + string.Join("; ", options));
    }

    /// <summary>The core library carries neither a plotting package nor the GPU compiler: the validation suite (with its
    /// figures) and the ILGPU backend are assemblies of their own, the latter loaded by name when a run asks for it.</summary>
    [Fact]
    public void TheCoreLibraryReferencesNeitherPlottingNorIlgpu()
    {
        var refs = typeof(FokkerPlanck.Model.Process).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        Assert.DoesNotContain(refs, r => r.StartsWith("OxyPlot", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("ILGPU", StringComparison.Ordinal));
        Assert.Contains("FokkerPlanck.Ilgpu", typeof(FokkerPlanck.Backends.IlgpuBackend).Assembly.GetName().Name, StringComparison.Ordinal);
    }

    [Fact]
    public void APlantedCommandLineOptionIsFound() =>
        Assert.Contains(CliOptionsIn(typeof(LayerTests).Assembly.Location), s => s.Contains(Planted.Low.UsesHigh.Message, StringComparison.Ordinal));

    private static readonly Regex CliOption = new(@"(?<![\w-])--[a-z][a-z-]+", RegexOptions.CultureInvariant);

    private static List<string> CliOptionsIn(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            string s = md.GetUserString(handle);
            if (CliOption.IsMatch(s)) found.Add(s);
            handle = md.GetNextHandle(handle);
        }
        return found;
    }
}
