using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Client;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// Offers the tools of the server's plugins beside CAO's own. Listing asks cao-server each time
/// (<c>GET /plugin-tools</c> with this terminal's id, so its allowed tools apply and a reloaded plugin's
/// tools show at once); a call is forwarded (<c>POST /plugin-tools/{name}/call</c>) and runs in the
/// server's plugin host. Every failure becomes an MCP tool error the agent reads: an unreachable
/// server, an unknown or forbidden tool, a tool that threw. Nothing here throws into the MCP server.
/// </summary>
public sealed class PluginToolsBridge(CaoApiClient api, McpCaller caller, ILogger<PluginToolsBridge> logger)
{
    /// <summary>The plugin tools this terminal may use; none (with a warning on stderr) when cao-server cannot be asked.</summary>
    public async Task<IReadOnlyList<Tool>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var listed = await api.GetAsync(CaoApiClient.Query("/plugin-tools", ("terminal_id", caller.TerminalId)), cancellationToken) as JsonArray ?? [];
            return listed.OfType<JsonObject>().Select(ToTool).ToList();
        }
        catch (Exception ex) when (ex is CaoApiException or HttpRequestException or JsonException or InvalidOperationException)
        {
            logger.LogWarning("Could not list plugin tools from cao-server: {Problem}", ex.Message);
            return [];
        }
    }

    /// <summary>Calls a plugin tool through cao-server; the answer's <c>is_error</c> becomes the result's <c>isError</c>.</summary>
    public async Task<CallToolResult> CallAsync(string name, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        try
        {
            var body = new JsonObject
            {
                ["terminal_id"] = caller.TerminalId,
                ["arguments"] = arguments is null ? new JsonObject() : JsonSerializer.SerializeToNode(arguments),
            };
            // No client-side limit: the server bounds a tool call (CAO_PLUGINS_TOOL_TIMEOUT), and asking a human takes minutes.
            var answer = await api.PostAsync($"/plugin-tools/{Uri.EscapeDataString(name)}/call", body, timeout: null, cancellationToken);
            return Result(answer?["text"]?.GetValue<string>() ?? "", answer?["is_error"]?.GetValue<bool>() ?? false);
        }
        catch (Exception ex) when (ex is CaoApiException or HttpRequestException or JsonException or InvalidOperationException)
        {
            return Result(ex.Message, isError: true);
        }
    }

    private static Tool ToTool(JsonObject tool) => new()
    {
        Name = tool["name"]!.GetValue<string>(),
        Description = tool["description"]?.GetValue<string>(),
        InputSchema = JsonSerializer.SerializeToElement(tool["input_schema"] ?? new JsonObject { ["type"] = "object" }),
    };

    private static CallToolResult Result(string text, bool isError) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        IsError = isError,
    };
}
