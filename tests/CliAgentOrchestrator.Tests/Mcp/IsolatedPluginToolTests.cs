using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>
/// Tools of an isolated plugin (the Crashing test plugin in its own <c>cao plugin-host</c>) through a
/// real server and a real <c>cao mcp-server</c>: a tool that ends the plugin's process is a tool error
/// naming the reason, the MCP server carries on, the child restarts, and the next call reaches it.
/// The ordinary cases (listing, schema, terminal id, errors, policy) run isolated in <see cref="PluginToolTests"/>.
/// </summary>
public sealed class IsolatedPluginToolTests
{
    private const string Crashing = "Cao.TestPlugins.Crashing";

    private static readonly Dictionary<string, string> Isolated = new() { ["CAO_PLUGIN_CRASHER_ISOLATION"] = "process" };

    [Fact]
    public async Task AToolThatEndsItsProcessIsAToolErrorWithTheReasonAndTheNextCallReachesTheRestartedChild()
    {
        await using var server = await CaoTestServer.StartAsync(Isolated, false, Crashing);
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id);
        var firstPid = (await CrasherAsync(server))["pid"]!.GetValue<int>();

        Assert.Contains("crasher_exit", await agent.ToolNamesAsync());
        var before = await agent.CallTextAsync("crasher_whoami", []);
        var crashed = await agent.CallTextAsync("crasher_exit", []);
        // Made at once: it waits for the restarted child (within the tool timeout) instead of failing.
        var after = await agent.CallTextAsync("crasher_whoami", []);

        Assert.Equal(($"{id} pid={firstPid}", false), before);
        Assert.True(crashed.IsError);
        Assert.StartsWith("crasher_exit failed: plugin 'crasher' crashed during the call (exited with code 43", crashed.Text);
        Assert.False(after.IsError, after.Text);
        var crasher = await CrasherAsync(server);
        var secondPid = crasher["pid"]!.GetValue<int>();
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal($"{id} pid={secondPid}", after.Text);
        Assert.Equal(1, crasher["restarts"]!.GetValue<int>());
        Assert.Contains("exited with code 43", crasher["last_crash_reason"]!.GetValue<string>());
        Assert.Equal("loaded", crasher["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AToolPastTheToolTimeoutIsCancelledWithoutRestartingTheChild()
    {
        var settings = new Dictionary<string, string>(Isolated) { ["CAO_PLUGINS_TOOL_TIMEOUT"] = "2" };
        await using var server = await CaoTestServer.StartAsync(settings, false, Crashing);
        await using var agent = await McpAgent.StartAsync(server, null);
        var pid = (await CrasherAsync(server))["pid"]!.GetValue<int>();

        var hung = await agent.CallTextAsync("crasher_hang", []);
        var next = await agent.CallTextAsync("crasher_whoami", []);

        Assert.Equal(("crasher_hang did not answer within 2s (CAO_PLUGINS_TOOL_TIMEOUT)", true), hung);
        Assert.Equal(($"nobody pid={pid}", false), next);
        var crasher = await CrasherAsync(server);
        Assert.Equal(0, crasher["restarts"]!.GetValue<int>());
        Assert.Equal(pid, crasher["pid"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReloadingAnIsolatedPluginStartsANewChildWhoseToolsAnswer()
    {
        await using var server = await CaoTestServer.StartAsync(Isolated, false, Crashing);
        await using var agent = await McpAgent.StartAsync(server, null);
        var firstPid = (await CrasherAsync(server))["pid"]!.GetValue<int>();

        var reloaded = await server.PostJsonAsync("/plugins/crasher/reload");
        var crasher = await CrasherAsync(server);
        var (text, isError) = await agent.CallTextAsync("crasher_whoami", []);

        Assert.Equal(["crasher"], reloaded["unloaded"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("crasher", reloaded["plugins"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("loaded", crasher["status"]!.GetValue<string>());
        var secondPid = crasher["pid"]!.GetValue<int>();
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal(["crasher_exit", "crasher_hang", "crasher_whoami"], crasher["tools"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal(($"nobody pid={secondPid}", false), (text, isError));
    }

    private static async Task<JsonObject> CrasherAsync(CaoTestServer server) =>
        (await server.GetJsonAsync("/plugins")).AsArray().Select(p => p!.AsObject()).Single(p => p["name"]!.GetValue<string>() == "crasher");
}
