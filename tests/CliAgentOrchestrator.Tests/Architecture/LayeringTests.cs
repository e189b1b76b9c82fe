using System.Reflection;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using NetArchTest.Rules;

namespace CliAgentOrchestrator.Tests.Architecture;

/// <summary>
/// The direction SDK ← Core ← Client ← cao holds: no assembly uses what sits to its right, and the
/// core knows nothing of HTTP. Checked three ways: the types' dependencies, the assemblies'
/// references, and the <c>using</c> directives of the sources (a using with no type behind it leaves
/// no trace in IL, but it is how a wrong dependency starts).
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Sdk = typeof(CaoPlugin).Assembly;
    private static readonly Assembly Core = typeof(TerminalService).Assembly;
    private static readonly Assembly Client = typeof(CaoApiClient).Assembly;

    // The namespaces of the executable: endpoints, server composition, command line, MCP server.
    private static readonly string[] ExecutableNamespaces =
        ["CliAgentOrchestrator.Api", "CliAgentOrchestrator.Server", "CliAgentOrchestrator.Cli", "CliAgentOrchestrator.Mcp"];

    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "CliAgentOrchestrator.Plugins", ["Microsoft.AspNetCore", "CliAgentOrchestrator.Core", "CliAgentOrchestrator.Client", .. ExecutableNamespaces] },
        { "CliAgentOrchestrator.Core", ["Microsoft.AspNetCore", "CliAgentOrchestrator.Client", .. ExecutableNamespaces] },
        { "CliAgentOrchestrator.Client", ["Microsoft.AspNetCore", .. ExecutableNamespaces] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void NoTypeDependsOnALaterLayer(string assembly, string[] forbidden)
    {
        var result = Types.InAssembly(ByName(assembly)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{assembly} types depending on a later layer: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void NoAssemblyReferencesALaterLayer(string assembly, string[] forbidden)
    {
        var references = ByName(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // The executable is the assembly named "cao"; its namespaces only ever live there.
        var wrong = references.Where(r => r == "cao" || forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal))).ToList();
        Assert.True(wrong.Count == 0, $"{assembly} references {string.Join(", ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void NoSourceFileImportsALaterLayer(string assembly, string[] forbidden)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "src", assembly);
        var usings = new Regex(@"^\s*(global\s+)?using\s+(static\s+)?(?:\w+\s*=\s*)?(?<ns>[\w.]+)\s*;", RegexOptions.Multiline);

        var offending = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => usings.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(folder, f), Namespace: m.Groups["ns"].Value)))
            .Where(u => forbidden.Any(n => u.Namespace == n || u.Namespace.StartsWith(n + ".", StringComparison.Ordinal)))
            .Select(u => $"{u.File}: using {u.Namespace}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void TheCoreIsAPlainLibraryWithoutTheAspNetCoreFramework()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "CliAgentOrchestrator.Core", "CliAgentOrchestrator.Core.csproj"));

        Assert.StartsWith("<Project Sdk=\"Microsoft.NET.Sdk\">", project.TrimStart());
        Assert.DoesNotContain("Microsoft.AspNetCore", project, StringComparison.Ordinal);
    }

    private static Assembly ByName(string name) =>
        new[] { Sdk, Core, Client }.Single(a => a.GetName().Name == name);
}
