using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Refuses to start without its <c>token</c> setting, as a plugin that talks to a service would.</summary>
public sealed class UnconfiguredPlugin : CaoPlugin
{
    public override Task SetupAsync(CancellationToken cancellationToken) =>
        Context.Settings.ContainsKey("token")
            ? Task.CompletedTask
            : throw new InvalidOperationException("plugins.unconfigured.token is not set");

    [CaoTool("ping", Description = "Answers pong once configured")]
    public string Ping() => "pong";
}
