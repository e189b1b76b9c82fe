using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Compiles small real plugins to disk, one folder each, so the benchmarks load plugins the way
/// the server does (metadata scan, own load context) without a dotnet build per plugin.
/// </summary>
internal static class PluginCompiler
{
    private static readonly MetadataReference[] References = BuildReferences();

    /// <summary>Writes plugin <paramref name="name"/> whose class body is <paramref name="members"/> into <c>root/name/</c>.</summary>
    public static void Install(string root, string name, string members)
    {
        var className = "Plugin_" + name;
        var source = $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using CliAgentOrchestrator.Plugins;
            [assembly: CaoPlugin("{{name}}", typeof(Bench.{{className}}))]
            namespace Bench;
            public sealed class {{className}} : CaoPlugin
            {
                private static Action<CaoEvent> Sink(string key) => (Action<CaoEvent>)AppDomain.CurrentDomain.GetData(key)!;
                {{members}}
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Bench." + name,
            [CSharpSyntaxTree.ParseText(source)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        var result = compilation.Emit(Path.Combine(folder, $"Bench.{name}.dll"));
        if (!result.Success)
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
    }

    private static MetadataReference[] BuildReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll" or "System.Threading.dll")
            .Append(typeof(Plugins.CaoPlugin).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }

    public static Assembly SdkAssembly => typeof(Plugins.CaoPlugin).Assembly;
}
