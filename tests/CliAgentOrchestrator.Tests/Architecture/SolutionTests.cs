using System.Xml.Linq;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Architecture;

/// <summary>
/// Every test plugin project is in the solution. One that is not is still built by the test project's
/// reference, but a solution build does not pass its configuration on to a project it does not list:
/// <c>dotnet build -c Release CliAgentOrchestrator.slnx</c> built it in Debug, and publishing it in
/// Release with NoBuild failed with MSB3030.
/// </summary>
public sealed class SolutionTests
{
    [Fact]
    public void EveryTestPluginProjectIsInTheSolution()
    {
        var listed = XDocument.Load(RepositoryFiles.Path("CliAgentOrchestrator.slnx"))
            .Descendants("Project")
            .Select(p => p.Attribute("Path")!.Value.Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var plugins = Directory.GetFiles(RepositoryFiles.Path("tests", "TestPlugins"), "*.csproj", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(plugins);
        Assert.All(plugins, p => Assert.Contains(p, listed));
    }
}
