using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;

namespace CliAgentOrchestrator.Cli;

/// <summary>Reads <c>GET /sessions/{name}</c>, turning "not found" into a line that says what to do.</summary>
internal static class SessionLookup
{
    public static async Task<JsonNode?> GetAsync(CaoApiClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync($"/sessions/{Uri.EscapeDataString(name)}", cancellationToken);
        }
        catch (CaoApiException ex) when (ex.StatusCode == 404)
        {
            throw new CliUserException($"Session '{name}' not found; list sessions with `cao session list`.");
        }
    }
}
