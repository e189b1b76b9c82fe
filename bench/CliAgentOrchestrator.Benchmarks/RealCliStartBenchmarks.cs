using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.EndToEnd.Tests;
using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;
using CliAgentOrchestrator.Plugins.Providers;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Issue 13's start-up figure for the real agent CLIs (installed from npm at the versions pinned in
/// <c>tests/agent-clis</c>, run offline against the fake model server, each with its own throw-away HOME
/// set up as the end-to-end tests set it up): <c>POST /sessions</c> → idle beside the same CLI started by
/// hand in a bare tmux window with the same login shell and CAO's own command line, until its screen
/// reads as ready, the two alternating in one run.
/// </summary>
internal static class RealCliStartBenchmarks
{
    private const int Runs = 5;

    private static readonly (string Provider, Action<AgentCliUser> Configure)[] Clis =
    [
        (ClaudeCodeProvider.ProviderKey, ClaudeCodeUser.Configure),
        (CodexProvider.ProviderKey, CodexUser.Configure),
        (CopilotCliProvider.ProviderKey, user =>
        {
            CopilotCliUser.Configure(user);
            TrustForCopilot(user);
        }),
        (OpenCodeCliProvider.ProviderKey, OpenCodeCliUser.Configure),
    ];

    // A profile with a prompt alone (the start itself), and the built-in developer profile, which lists
    // CAO's MCP server: CAO then answers only once the CLI has listed CAO's tools, which a person at the
    // prompt need not wait for where the CLI draws it first (Claude Code, Codex). The developer profile
    // runs twice: CAO's tools over the server's own endpoint (the default) and through `cao mcp-server`.
    private const string PlainProfile = "bench-plain";
    private const string McpProfile = "developer";
    private static readonly (string Profile, string Transport)[] Rows =
        [(PlainProfile, AgentConnection.HttpTransport), (McpProfile, AgentConnection.HttpTransport), (McpProfile, AgentConnection.StdioTransport)];

    /// <param name="providers">Comma-separated provider keys to measure; all four when null.</param>
    public static async Task RunAsync(string? providers = null)
    {
        var unknown = providers?.Split(',').Where(p => !Clis.Any(c => c.Provider == p)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"error: unknown provider(s) {string.Join(", ", unknown)}; measured here: {string.Join(", ", Clis.Select(c => c.Provider))}");
            Environment.ExitCode = 2;
            return;
        }
        Console.WriteLine($"== real agent CLIs: create -> idle beside a start by hand (issue 13; median of {Runs}) ==");
        var bin = AgentClis.BinDirectory; // installs the pinned CLIs on first use
        Console.WriteLine($"   CLIs from {bin}");
        await using var model = await FakeModelServer.StartAsync();
        await using var proxy = new BlackHoleProxy();
        foreach (var (provider, configure) in Clis.Where(c => providers is null || providers.Split(',').Contains(c.Provider)))
            await MeasureAsync(provider, configure, model, proxy);
        if (proxy.Attempts.Count > 0)
            Console.WriteLine($"   (requests refused by the proxy, i.e. attempts to leave the machine: {string.Join("; ", proxy.Attempts.Distinct())})");
    }

    private static async Task MeasureAsync(string provider, Action<AgentCliUser> configure, FakeModelServer model, BlackHoleProxy proxy)
    {
        var root = Directory.CreateTempSubdirectory("cao-bench-cli-").FullName;
        try
        {
            var variables = new Dictionary<string, string>();
            var user = new AgentCliUser(Directory.CreateDirectory(Path.Combine(root, "home")).FullName,
                Directory.CreateDirectory(Path.Combine(root, "project")).FullName, variables, model.Url);
            user.ApplyCommonEnvironment(proxy.Url);
            // The built `cao` (the developer profile's MCP server) and the CLIs first; no user folders of this machine.
            variables["PATH"] = AppContext.BaseDirectory.TrimEnd('/') + ":" + AgentClis.SearchPath;
            // A login shell starts from the system's PATH (Debian's /etc/profile sets it); a user who runs
            // these CLIs has them on the PATH their profile sets, and so the bare windows and CAO's have.
            File.WriteAllText(Path.Combine(user.Home, ".bash_profile"), $"export PATH={ShellQuote.Single(variables["PATH"])}\n");
            configure(user);
            using var applied = new ProcessVariables(variables);
            foreach (var transport in Rows.Select(r => r.Transport).Distinct())
            {
                await using var server = await CoreServerBench.StartAsync(plugins: 0, new Dictionary<string, string> { [CaoSettings.McpTransport.Variable] = transport });
                File.WriteAllText(Path.Combine(server.Home.AgentStoreDirectory, PlainProfile + ".md"),
                    $"---\nname: {PlainProfile}\ndescription: A prompt and nothing else, for the start-up benchmark\n---\nYou are a helpful agent.\n");
                var bare = new BareWindows(server.Tmux, user.WorkDirectory);
                await bare.StartSessionAsync();
                foreach (var (profile, _) in Rows.Where(r => r.Transport == transport))
                    await CompareAsync(server, bare, user, provider, profile, transport);
            }
        }
        finally
        {
            await DeleteAsync(root);
        }
    }

    // Claude Code and Codex keep the folder trust CAO answers on the first start; Copilot is answered
    // "for this session only", so it would ask on every start (CAO and by hand alike). A user who runs
    // agents in a project has trusted it for good: ~/.copilot/config.json lists it (the key was renamed
    // between releases; both spellings are written).
    private static void TrustForCopilot(AgentCliUser user)
    {
        var folders = new JsonArray(user.WorkDirectory);
        var config = new JsonObject { ["trusted_folders"] = folders, ["trustedFolders"] = folders.DeepClone() };
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(user.Home, ".copilot")).FullName, "config.json"), config.ToJsonString());
    }

    // The CLIs killed with their windows may still be writing their session files into HOME for a moment.
    private static async Task DeleteAsync(string folder)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task CompareAsync(CoreServerBench server, BareWindows bare, AgentCliUser user, string provider, string profile, string transport)
    {
        var query = $"/sessions?agent_profile={profile}&provider={provider}&working_directory={Uri.EscapeDataString(user.WorkDirectory)}";
        // Not counted: the first start answers the CLI's first-run dialogs (folder trust, the API key),
        // whose answers the CLI keeps, and brings its files into the page cache.
        await StartThroughCaoAsync(server.Http, query);
        await StartByHandAsync(server, bare, provider, profile, "warm");
        var cao = new List<double>();
        var byHand = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            byHand.Add(await StartByHandAsync(server, bare, provider, profile, $"hand{i}"));
            cao.Add(await StartThroughCaoAsync(server.Http, query));
        }
        var mcp = profile == McpProfile ? $", CAO's MCP tools over {transport}" : "";
        SpeedBenchmarks.Compare($"r. {provider}, profile {profile}{mcp}: create -> idle (ms)", cao,
            "the same command line typed by hand into a bare window's login shell, to a ready screen", byHand, "ms");
        Console.WriteLine($"   difference of medians: {Stats.Median(cao) - Stats.Median(byHand):+#,0;-#,0} ms (target <= +300 ms)");
    }

    private static async Task<double> StartThroughCaoAsync(HttpClient http, string query)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(query, null);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /sessions answered {(int)response.StatusCode}: {body}");
        var terminal = JsonNode.Parse(body)!;
        (await http.DeleteAsync($"/sessions/{terminal["session_name"]!.GetValue<string>()}")).EnsureSuccessStatusCode();
        return elapsed;
    }

    // The command CAO would type for this profile (written by the provider itself, with its temporary
    // files: the prompt, the MCP configuration), typed at once into a fresh login shell.
    private static async Task<double> StartByHandAsync(CoreServerBench server, BareWindows bare, string providerKey, string profileName, string window)
    {
        var profile = server.Services<ProfileStore>().Find(profileName)?.Profile
            ?? throw new InvalidOperationException($"profile {profileName} not found");
        // Over HTTP the hand-typed command names the server's endpoint for no terminal (/mcp): the same
        // connection as CAO's agents, to an endpoint that exists without a terminal row.
        var context = new ProviderContext(Guid.NewGuid().ToString("N")[..8], "cao-bare", window, profile, profile.AllowedTools,
            server.Home.Root, AgentProfileName: profileName)
        {
            CaoMcpUrl = server.Services<AgentConnection>().McpBaseUrl is { } baseUrl ? baseUrl + "/mcp" : null,
        };
        var provider = (ProviderBase)server.Services<ProviderCatalog>().Create(providerKey, context);
        try
        {
            return await bare.StartCommandAsync(window, provider.BuildLaunchCommand(),
                screen => provider.GetStatus(screen) is TerminalStatus.Idle or TerminalStatus.Completed);
        }
        finally
        {
            provider.Cleanup();
        }
    }
}
