using System.Text.Json;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>Asks a running server for <c>GET /plugins</c>; null when no server answers.</summary>
internal static class ServerPlugins
{
    // Short: the answer is local, and a missing server should not make `cao plugin list` hang.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<PluginInfo>?> TryGetAsync(CliContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(Timeout);
        try
        {
            var node = await client.GetAsync("/plugins", cancellationToken);
            return node?.Deserialize<List<PluginInfo>>() ?? [];
        }
        catch (CaoApiException ex) when (ex.StatusCode is null)
        {
            return null;
        }
    }

    public static string Describe(Uri address, bool running) =>
        running ? $"cao-server at {address} is running" : $"cao-server at {address} is not running; showing what is installed (statuses apply at next start)";
}
