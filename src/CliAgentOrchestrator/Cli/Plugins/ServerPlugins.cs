using System.Text.Json;
using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>Asks a running server for <c>GET /plugins</c>; null when no server answers.</summary>
internal static class ServerPlugins
{
    public static async Task<IReadOnlyList<PluginInfo>?> TryGetAsync(Uri address, CancellationToken cancellationToken)
    {
        // Short: the answer is local, and a missing server should not make `cao plugin list` hang.
        using var client = new CaoApiClient(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(3) });
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
