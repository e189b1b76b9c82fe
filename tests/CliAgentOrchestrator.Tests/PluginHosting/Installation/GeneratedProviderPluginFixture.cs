namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

/// <summary>The plugin EchoAgent generated with <c>--provider</c>, by <c>dotnet new</c> and by <c>cao plugin new</c>.</summary>
public sealed class GeneratedProviderPluginFixture() : GeneratedPluginFixture(ProjectName, provider: true)
{
    public const string ProjectName = "EchoAgent";
}
