using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

public sealed class RequiredConstructorPlugin(string webhookUrl) : CaoPlugin
{
    public string WebhookUrl { get; } = webhookUrl;
}
