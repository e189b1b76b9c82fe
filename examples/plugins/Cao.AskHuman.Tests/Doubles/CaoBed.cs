using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cao.AskHuman.Tests.Doubles;

/// <summary>
/// The real thing around the plugin: a <c>cao server</c> process (the cao.dll beside the tests) with its
/// own home, port and private tmux server, the published plugin installed in its plugins folder; a
/// mock_cli agent terminal; and that agent's <c>cao mcp-server</c>, spoken to over stdio as the agent's
/// CLI would.
/// </summary>
public sealed class CaoBed : IAsyncDisposable
{
    private static readonly string Cao = Path.Combine(AppContext.BaseDirectory, "cao.dll");
    private static readonly string PublishedPlugin = Path.Combine(AppContext.BaseDirectory, "askhumanplugin");
    private readonly string _home = Path.Combine(Path.GetTempPath(), "askhuman-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _socket = "cao-askhuman-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int _port = FakeWebhook.FreePort();
    private Process? _server;
    private McpClient? _agent;

    public HttpClient Http { get; } = new();
    public ConcurrentQueue<string> AgentStderr { get; } = new();
    public string TerminalId { get; private set; } = "";

    /// <param name="settings">The plugin's settings as <c>CAO_PLUGIN_ASKHUMAN_*</c> variables (key → value).</param>
    public static async Task<CaoBed> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var bed = new CaoBed();
        await bed.StartServerAsync(settings);
        await bed.StartAgentAsync();
        return bed;
    }

    private async Task StartServerAsync(IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(Path.Combine(_home, "work"));
        var plugin = Directory.CreateDirectory(Path.Combine(_home, "cao", "plugins", "Cao.AskHuman")).FullName;
        foreach (var file in Directory.GetFiles(PublishedPlugin))
            File.Copy(file, Path.Combine(plugin, Path.GetFileName(file)));
        var start = new ProcessStartInfo("dotnet", [Cao, "server"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CAO_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["HOME"] = _home;
        start.Environment["CAO_HOME_DIR"] = Path.Combine(_home, "cao");
        start.Environment["CAO_API_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CAO_TMUX_SOCKET"] = _socket;
        foreach (var (key, value) in settings)
            start.Environment["CAO_PLUGIN_ASKHUMAN_" + key.ToUpperInvariant()] = value;
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{_port}");
        await Poll.UntilAsync(async () =>
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"cao server exited with {_server.ExitCode}");
            try
            {
                return (await Http.GetAsync("/health")).IsSuccessStatusCode ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, "cao server to answer /health");
        var work = Uri.EscapeDataString(Path.Combine(_home, "work"));
        var created = await Http.PostAsync($"/sessions?agent_profile=developer&provider=mock_cli&working_directory={work}", null);
        created.EnsureSuccessStatusCode();
        TerminalId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task StartAgentAsync()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "agent",
            Command = "dotnet",
            Arguments = [Cao, "mcp-server"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["CAO_TERMINAL_ID"] = TerminalId,
                ["CAO_API_HOST"] = "127.0.0.1",
                ["CAO_API_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HOME"] = _home,
            },
            StandardErrorLines = AgentStderr.Enqueue,
        });
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _agent = await McpClient.CreateAsync(transport, cancellationToken: startup.Token);
    }

    public async Task<IList<McpClientTool>> ToolsAsync() => await _agent!.ListToolsAsync();

    /// <summary>Calls a tool as the agent's CLI would; returns what its model reads.</summary>
    public async Task<(string Text, bool IsError)> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await _agent!.CallToolAsync(tool, arguments, cancellationToken: cancel.Token);
        return (Assert.Single(result.Content.OfType<TextContentBlock>()).Text, result.IsError == true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        using (var kill = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "kill-server"]) { RedirectStandardError = true })!)
            await kill.WaitForExitAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by an exiting process; the temp folder is the OS's to clean
        }
    }
}
