using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Server;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Tmux;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// The real cao-server, in-process, on a free port, with its own temporary CAO_HOME_DIR, its own
/// tmux server (tmux -L) and, optionally, the Recorder test plugin installed from disk. Restartable
/// on the same home, port and tmux server, to test what survives a restart.
/// </summary>
public sealed class CaoTestServer : IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private WebApplication? _app;

    private CaoTestServer(bool withRecorder, IEnumerable<string> plugins, IReadOnlyDictionary<string, string>? settings = null)
    {
        Home = new CaoHome(_home.Path).EnsureCreated();
        WorkDirectory = Directory.CreateDirectory(Path.Combine(_home.Path, "work")).FullName;
        if (withRecorder)
            PluginTestBed.CopyBuiltPlugin("Cao.TestPlugins.Recorder", Path.Combine(Home.PluginsDirectory, "recorder"));
        foreach (var plugin in plugins)
            PluginTestBed.CopyBuiltPlugin(plugin, Path.Combine(Home.PluginsDirectory, plugin));
        // Through the same configuration path as `cao server`, from a dictionary instead of the process environment.
        Configuration = CaoConfiguration.Build(new Dictionary<string, string>
        {
            [CaoSettings.Home.Variable] = Home.Root,
            [CaoSettings.ApiPort.Variable] = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CaoSettings.TmuxSocket.Variable] = "cao-it-" + Guid.NewGuid().ToString("N")[..10],
        }.Concat(settings ?? new Dictionary<string, string>()).ToDictionary());
        Options = ServerOptions.From(Configuration);
        Tmux = new TmuxClient(Options.TmuxSocket);
        Http = new HttpClient { BaseAddress = new Uri(Options.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
    }

    public CaoHome Home { get; }
    public IConfiguration Configuration { get; }
    public ServerOptions Options { get; }
    public TmuxClient Tmux { get; }
    public HttpClient Http { get; }

    /// <summary>A directory agents may be started in (not a system directory).</summary>
    public string WorkDirectory { get; }

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    /// <param name="withRecorder">Install the Recorder plugin (see <see cref="RecordedEvents"/>).</param>
    /// <param name="plugins">More test plugin projects to install, each into a folder named after it.</param>
    public static async Task<CaoTestServer> StartAsync(bool withRecorder = true, params string[] plugins)
    {
        var server = new CaoTestServer(withRecorder, plugins);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>Starts a server without plugins whose configuration adds <paramref name="settings"/> (CAO_* variable names) to the test defaults.</summary>
    public static async Task<CaoTestServer> StartWithSettingsAsync(IReadOnlyDictionary<string, string> settings)
    {
        var server = new CaoTestServer(withRecorder: false, [], settings);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>Starts a server with test plugins <paramref name="plugins"/> installed and <paramref name="settings"/> (CAO_* variable names) added.</summary>
    public static async Task<CaoTestServer> StartAsync(IReadOnlyDictionary<string, string> settings, bool withRecorder, params string[] plugins)
    {
        var server = new CaoTestServer(withRecorder, plugins, settings);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>Stops the server (plugins drained and torn down; tmux keeps running) and starts a new one on the same home.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    /// <summary>The events the Recorder plugin received, as JSON objects, in order.</summary>
    public IReadOnlyList<JsonObject> RecordedEvents()
    {
        var file = Path.Combine(Home.PluginsDirectory, "recorder", "records.log");
        if (!File.Exists(file))
            return [];
        return File.ReadAllLines(file)
            .Where(l => l.StartsWith("recorder|event ", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l["recorder|event ".Length..])!.AsObject())
            .ToList();
    }

    public IReadOnlyList<string> RecordedLifecycle() =>
        File.ReadAllLines(Path.Combine(Home.PluginsDirectory, "recorder", "records.log"))
            .Where(l => !l.StartsWith("recorder|event ", StringComparison.Ordinal))
            .ToList();

    public async Task<JsonObject> PostJsonAsync(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = body is null ? await Http.PostAsync(path, null) : await Http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, expected);
    }

    public async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonObject> DeleteAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.DeleteAsync(path);
        return await ReadAsync(response, expected);
    }

    /// <summary>Sends <paramref name="request"/> as is (own headers, any method); returns the status and the body text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The rows of the terminals table, read straight from the server's database.</summary>
    public IReadOnlyList<TerminalRecord> TerminalRows() => Services.GetRequiredService<TerminalRepository>().ListAll();

    /// <summary>Creates a session running mock_cli; returns the first terminal.</summary>
    public Task<JsonObject> CreateMockSessionAsync(string profile = "developer", string? sessionName = null) =>
        PostJsonAsync($"/sessions?agent_profile={profile}&provider=mock_cli&working_directory={Uri.EscapeDataString(WorkDirectory)}"
            + (sessionName is null ? "" : $"&session_name={sessionName}"), expected: HttpStatusCode.Created);

    public async Task<string> StatusAsync(string terminalId) =>
        (await GetJsonAsync($"/terminals/{terminalId}"))["status"]!.GetValue<string>();

    public Task WaitForStatusAsync(string terminalId, params string[] statuses) =>
        Poll.UntilAsync(async () => Array.IndexOf(statuses, await StatusAsync(terminalId)) >= 0, $"terminal {terminalId} to be {string.Join("/", statuses)}", TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await Tmux.KillServerAsync();
        Http.Dispose();
        _home.Dispose();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
    }

    private async Task StartAppAsync()
    {
        _app = CaoServer.Build(Configuration);
        await _app.StartAsync();
    }

    private async Task StopAppAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
