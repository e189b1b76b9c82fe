using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Dashboard.Tests.Support;

/// <summary>
/// A real <c>cao server</c> process for one test: own CAO_HOME_DIR, HOME, port and tmux socket, with the
/// Gatekeeper test plugin installed from disk; helpers that act through the HTTP API as a user's
/// agents would.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly CaoServerProcess _process = new();

    private DashboardServer()
    {
    }

    public CaoServerProcess Process => _process;

    public string BaseUrl => $"http://127.0.0.1:{_process.Port}";

    public HttpClient Http => _process.Http;

    public static async Task<DashboardServer> StartAsync()
    {
        var server = new DashboardServer();
        var home = Directory.CreateDirectory(Path.Combine(server._process.Home.Root, "user-home")).FullName;
        server._process.Environment["HOME"] = home;
        var gatekeeper = Path.Combine(server._process.Home.PluginsDirectory, "gatekeeper");
        Directory.CreateDirectory(gatekeeper);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testplugins", "gatekeeper")))
            File.Copy(file, Path.Combine(gatekeeper, Path.GetFileName(file)));
        await server._process.StartAsync();
        return server;
    }

    /// <summary>Creates a session running mock_cli and waits until it is ready; returns the terminal id.</summary>
    public async Task<string> CreateMockSessionAsync(string sessionName)
    {
        var terminal = await PostAsync($"/sessions?agent_profile=developer&provider=mock_cli&session_name={sessionName}&working_directory={Uri.EscapeDataString(_process.WorkDirectory)}", HttpStatusCode.Created);
        var id = terminal["id"]!.GetValue<string>();
        await WaitForStatusAsync(id, "idle", "completed");
        return id;
    }

    public async Task<JsonObject> PostAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, object? body = null)
    {
        using var response = body is null ? await Http.PostAsync(path, null) : await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) as JsonObject ?? [];
    }

    public async Task<string> StatusAsync(string terminalId) =>
        JsonNode.Parse(await Http.GetStringAsync($"/terminals/{terminalId}"))!["status"]!.GetValue<string>();

    public Task WaitForStatusAsync(string terminalId, params string[] statuses) =>
        Poll.UntilAsync(async () => Array.IndexOf(statuses, await StatusAsync(terminalId)) >= 0, $"terminal {terminalId} to be {string.Join("/", statuses)}", TimeSpan.FromSeconds(60));

    /// <summary>The pane's whole history as the API reads it.</summary>
    public async Task<string> OutputAsync(string terminalId) =>
        JsonNode.Parse(await Http.GetStringAsync($"/terminals/{terminalId}/output"))!["output"]!.GetValue<string>();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
