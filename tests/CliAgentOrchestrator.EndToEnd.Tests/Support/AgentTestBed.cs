using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.EndToEnd.Tests.Users;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// One end-to-end world: a fake model server, and a real <c>cao server</c> process (own CAO_HOME_DIR,
/// port and private tmux server) whose agents run the real CLIs from <c>tests/agent-clis</c> with a
/// throw-away <see cref="Home"/>, the Recorder plugin installed to show the events, and nothing of the
/// machine's own user configuration. Configure <see cref="Home"/> and <see cref="Environment"/>, then
/// <see cref="StartAsync"/>; dispose to kill the server, its tmux server and the fake model.
/// </summary>
public sealed class AgentTestBed : IAsyncDisposable
{
    private readonly TempDirectory _home = new();

    private AgentTestBed(FakeModelServer model)
    {
        Model = model;
        Home = Directory.CreateDirectory(_home.Combine("home")).FullName;
        WorkDirectory = Directory.CreateDirectory(_home.Combine("project")).FullName;
        Server = new CaoServerProcess();
        User = new AgentCliUser(Home, WorkDirectory, Server.Environment, model.Url);
        User.ApplyCommonEnvironment(Proxy.Url);
        var environment = Server.Environment;
        // The built `cao` (for the agents' MCP server) and the CLIs first; no user folders of this machine.
        environment["PATH"] = AppContext.BaseDirectory.TrimEnd('/') + ":" + AgentClis.SearchPath;
        // Several CLIs start at once beside the other test projects on two cores: give each start a
        // generous bound (the default 60 s was seen to run out for a second OpenCode in one HOME).
        environment["CAO_PROVIDER_INIT_TIMEOUT"] = ((int)InitTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(150);

    /// <summary>
    /// How long a flow that starts a worker may take to come back (the worker's start, its MCP connection,
    /// its model turns, its report): polled, so it costs nothing unless something is wrong.
    /// </summary>
    public static readonly TimeSpan WorkerPatience = TimeSpan.FromMinutes(5);

    /// <summary>The fake model vendor the CLIs talk to.</summary>
    public FakeModelServer Model { get; }

    /// <summary>The agents' proxy: refuses and records every attempt to leave the machine.</summary>
    public BlackHoleProxy Proxy { get; } = new();

    /// <summary>The real server process (its CAO home, port, tmux socket).</summary>
    public CaoServerProcess Server { get; }

    /// <summary>The agents' user (HOME, project folder, the server's variables, the fake model): configure a CLI for it before starting.</summary>
    public AgentCliUser User { get; }

    /// <summary>The agents' (and the server's) HOME: write a CLI's user configuration here before starting.</summary>
    public string Home { get; }

    /// <summary>The folder agents are started in (a project folder, not HOME).</summary>
    public string WorkDirectory { get; }

    /// <summary>Variables of the server process and, through CAO's allow-list, of its agents; change before starting.</summary>
    public Dictionary<string, string> Environment => Server.Environment;

    /// <summary>The server's HTTP client.</summary>
    public HttpClient Http => _http ??= new HttpClient { BaseAddress = Server.Http.BaseAddress, Timeout = ApiTimeout };

    // Creating an agent answers once its CLI is ready and has connected CAO's MCP server (up to 30 s more).
    private static readonly TimeSpan ApiTimeout = InitTimeout + TimeSpan.FromSeconds(90);

    private HttpClient? _http;

    /// <summary>A test bed with its fake model running; the server is not started yet.</summary>
    public static async Task<AgentTestBed> CreateAsync() => new(await FakeModelServer.StartAsync());

    /// <summary>A test bed configured by <paramref name="configure"/> (a CLI's user files in <see cref="Home"/>, its
    /// variables in <see cref="Environment"/>) and started; disposed again when either fails.</summary>
    public static Task<AgentTestBed> StartAsync(Action<AgentTestBed> configure) =>
        StartAsync(bed =>
        {
            configure(bed);
            return Task.CompletedTask;
        });

    /// <inheritdoc cref="StartAsync(Action{AgentTestBed})"/>
    public static async Task<AgentTestBed> StartAsync(Func<AgentTestBed, Task> configure)
    {
        var bed = await CreateAsync();
        try
        {
            await configure(bed);
            await bed.StartAsync();
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>The terminal id of an API answer about a terminal.</summary>
    public static string Id(JsonObject terminal) => terminal["id"]!.GetValue<string>();

    /// <summary>Installs the Recorder plugin and starts the server.</summary>
    public async Task StartAsync()
    {
        var recorder = Path.Combine(Server.Home.PluginsDirectory, "recorder");
        Directory.CreateDirectory(recorder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testplugins", "recorder")))
            File.Copy(file, Path.Combine(recorder, Path.GetFileName(file)));
        await Server.StartAsync();
    }

    /// <summary>Creates a session with one agent; returns its terminal (id, session_name, …) once the server answered.</summary>
    public Task<JsonObject> CreateSessionAsync(string provider, string profile = "developer", string? sessionName = null) =>
        PostAsync($"/sessions?provider={provider}&agent_profile={profile}&working_directory={Uri.EscapeDataString(WorkDirectory)}"
            + (sessionName is null ? "" : "&session_name=" + Uri.EscapeDataString(sessionName)), HttpStatusCode.Created);

    /// <summary>Adds an agent to <paramref name="session"/>.</summary>
    public Task<JsonObject> CreateTerminalAsync(string session, string provider, string profile = "developer") =>
        PostAsync($"/sessions/{session}/terminals?provider={provider}&agent_profile={profile}&working_directory={Uri.EscapeDataString(WorkDirectory)}", HttpStatusCode.Created);

    /// <summary>Types <paramref name="text"/> into the agent (the API's input endpoint).</summary>
    public Task SendInputAsync(string terminalId, string text) =>
        PostAsync($"/terminals/{terminalId}/input?message={Uri.EscapeDataString(text)}", HttpStatusCode.OK);

    /// <summary>
    /// Types a prompt whose directive calls one of CAO's MCP tools and waits until the model has called it.
    /// CAO hands a terminal out only once its CLI has listed CAO's tools, so the tool must be there at the
    /// first try: a model turn without it ("NO TOOL …") fails the test.
    /// </summary>
    public async Task SendToolPromptAsync(string terminalId, string prompt)
    {
        var answered = Model.Answers.Count;
        await SendInputAsync(terminalId, prompt);
        bool Called() => Model.Answers.Skip(answered).Any(a => a.Turn.ToolName is not null);
        bool Missed() => Model.Answers.Skip(answered).Any(a => a.Turn.Text.StartsWith(ModelScript.NoToolAnswer, StringComparison.Ordinal));
        await Poll.UntilAsync(() => Called() || Missed(), "the model to call the tool or miss it", TimeSpan.FromSeconds(120));
        if (!Called())
            Assert.Fail($"terminal {terminalId} was handed out before its CLI had CAO's MCP tools:\n{await ScreenAsync(terminalId)}");
    }

    /// <summary>The terminal's status as the API reports it.</summary>
    public async Task<string> StatusAsync(string terminalId) =>
        (await GetAsync($"/terminals/{terminalId}"))["status"]!.GetValue<string>();

    /// <summary>Waits (polling, up to <paramref name="timeout"/>, default 120 s) until the status is one of <paramref name="statuses"/>; returns it.
    /// Fails with the agent's screen when it does not come.</summary>
    public async Task<string> WaitForStatusAsync(string terminalId, TimeSpan? timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var status = await StatusAsync(terminalId);
            if (Array.IndexOf(statuses, status) >= 0) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"terminal {terminalId} stayed {status}, expected {string.Join("/", statuses)}; screen:\n{await ScreenAsync(terminalId)}");
            await Task.Delay(50);
        }
    }

    /// <inheritdoc cref="WaitForStatusAsync(string, TimeSpan?, string[])"/>
    public Task<string> WaitForStatusAsync(string terminalId, params string[] statuses) => WaitForStatusAsync(terminalId, null, statuses);

    /// <summary>The agent's last answer (<c>output?mode=last</c>).</summary>
    public async Task<string> LastMessageAsync(string terminalId) =>
        (await GetAsync($"/terminals/{terminalId}/output?mode=last"))["output"]!.GetValue<string>();

    /// <summary>What the agent's pane shows now, with 200 lines of history (for failure messages and screen captures).</summary>
    public async Task<string> ScreenAsync(string terminalId)
    {
        var terminal = await GetAsync($"/terminals/{terminalId}");
        var target = new TmuxTarget(terminal["session_name"]!.GetValue<string>(), terminal["name"]!.GetValue<string>());
        return await Server.Tmux.CapturePaneAsync(target, CaptureRange.WithHistory(200), joinWrapped: true);
    }

    /// <summary>The events the Recorder plugin received, in order.</summary>
    public IReadOnlyList<JsonObject> RecordedEvents()
    {
        var file = Path.Combine(Server.Home.PluginsDirectory, "recorder", "records.log");
        if (!File.Exists(file)) return [];
        const string prefix = "recorder|event ";
        return File.ReadAllLines(file).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l[prefix.Length..])!.AsObject()).ToList();
    }

    /// <summary>
    /// The first recorded event matching <paramref name="match"/>, waiting for it: plugins hear events on
    /// their own threads, so the record may come a moment after the fact. Fails with every recorded event.
    /// </summary>
    public async Task<JsonObject> WaitForEventAsync(Func<JsonObject, bool> match, string what = "a recorded event")
    {
        JsonObject? found = null;
        try
        {
            await Poll.UntilAsync(() => (found = RecordedEvents().FirstOrDefault(match)) is not null, what, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; recorded: {string.Join(" | ", RecordedEvents().Select(e => e.ToJsonString()))}", ex);
        }
        return found!;
    }

    public async Task<JsonObject> PostAsync(string path, HttpStatusCode expected, object? body = null)
    {
        using var response = body is null ? await Http.PostAsync(path, null) : await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await Server.DisposeAsync();
        await Model.DisposeAsync();
        await Proxy.DisposeAsync();
        _home.Dispose();
    }
}
