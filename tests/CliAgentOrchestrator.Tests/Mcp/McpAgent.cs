using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>
/// An agent's side of CAO's MCP server, spoken to by the MCP SDK client: the real <c>cao mcp-server</c>
/// process (the cao.dll built next to the tests) over stdio with <c>CAO_TERMINAL_ID</c> set to the terminal
/// it acts for, or the test server's own endpoint over Streamable HTTP.
/// </summary>
public sealed class McpAgent : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpAgent(McpClient client, ConcurrentQueue<string> stderr)
    {
        _client = client;
        Stderr = stderr;
    }

    /// <summary>What the server process wrote to stderr (its logs), for failure messages; empty over HTTP.</summary>
    public ConcurrentQueue<string> Stderr { get; }

    /// <param name="terminalId">The terminal this agent is; null starts the server without an identity.</param>
    public static Task<McpAgent> StartAsync(CaoTestServer server, string? terminalId, IReadOnlyDictionary<string, string?>? environment = null) =>
        StartAsync(server.Options.Port, terminalId, environment);

    /// <summary>An agent for <paramref name="terminalId"/> over <paramref name="transport"/>.</summary>
    public static Task<McpAgent> StartAsync(CaoTestServer server, string? terminalId, McpTransport transport) =>
        transport == McpTransport.Stdio ? StartAsync(server, terminalId) : ConnectOverHttpAsync(server, terminalId);

    /// <summary>An agent of the server's own MCP endpoint; null speaks to <c>/mcp</c>, which acts for no terminal.</summary>
    public static async Task<McpAgent> ConnectOverHttpAsync(CaoTestServer server, string? terminalId)
    {
        var path = terminalId is null ? "/mcp" : $"/terminals/{terminalId}/mcp";
        // No client-side limit, as an agent CLI has none: a handoff waits for its worker.
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Name = "agent-" + (terminalId ?? "anonymous"),
            Endpoint = new Uri(server.Options.BaseUrl + path),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: true);
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var client = await McpClient.CreateAsync(transport, cancellationToken: startup.Token);
        return new McpAgent(client, new ConcurrentQueue<string>());
    }

    /// <summary>An agent whose MCP server talks to whatever listens on <paramref name="port"/>.</summary>
    public static async Task<McpAgent> StartAsync(int port, string? terminalId, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var variables = new Dictionary<string, string?>
        {
            ["CAO_TERMINAL_ID"] = terminalId,
            ["CAO_API_HOST"] = "127.0.0.1",
            ["CAO_API_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            variables[name] = value;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "agent-" + (terminalId ?? "anonymous"),
            Command = "dotnet",
            Arguments = [CaoProcess.Dll, "mcp-server"],
            EnvironmentVariables = variables,
            StandardErrorLines = stderr.Enqueue,
        });
        // A cold `dotnet cao.dll` can take a while on a loaded two-core machine.
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var client = await McpClient.CreateAsync(transport, cancellationToken: startup.Token);
        return new McpAgent(client, stderr);
    }

    /// <summary>Calls a tool and returns its result: the JSON object the tool wrote as text.</summary>
    /// <param name="progress">Given, the call carries a progress token and the server's progress notifications reach it.</param>
    public async Task<JsonObject> CallAsync(string tool, Dictionary<string, object?> arguments, TimeSpan? timeout = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var result = await _client.CallToolAsync(tool, arguments, progress, cancellationToken: cancel.Token);
        var text = Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
        Assert.True(result.IsError is null or false, $"{tool} returned a protocol error: {text}\nstderr:\n{string.Join('\n', Stderr)}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Calls a tool and returns its text and whether it is a tool error (isError), as the agent's model sees them.</summary>
    public async Task<(string Text, bool IsError)> CallTextAsync(string tool, Dictionary<string, object?> arguments, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var result = await _client.CallToolAsync(tool, arguments, cancellationToken: cancel.Token);
        return (Assert.Single(result.Content.OfType<TextContentBlock>()).Text, result.IsError == true);
    }

    public async Task<IReadOnlyList<McpClientTool>> ToolsAsync() => [.. await _client.ListToolsAsync()];

    public async Task<IReadOnlyList<string>> ToolNamesAsync() =>
        (await _client.ListToolsAsync()).Select(t => t.Name).ToList();

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
