using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>
/// Tools from plugins, end to end: the Tools test plugin built and loaded from disk by a real server,
/// and a real <c>cao mcp-server</c> over stdio that lists and calls them as an agent's CLI would.
/// Each scenario runs twice: in process, and with toolbox, unconfigured and send isolated (their tools
/// described and run by their <c>cao plugin-host</c> children), which must look the same to an agent.
/// </summary>
public sealed class PluginToolTests
{
    private const string Plugins = "Cao.TestPlugins.Tools";

    // The clash.* entry points stay in process: their refusal depends on which plugin binds first.
    private static Task<CaoTestServer> StartAsync(bool isolated) => CaoTestServer.StartAsync(
        isolated
            ? new Dictionary<string, string>
            {
                ["CAO_PLUGIN_TOOLBOX_ISOLATION"] = "process",
                ["CAO_PLUGIN_UNCONFIGURED_ISOLATION"] = "process",
                ["CAO_PLUGIN_SEND_ISOLATION"] = "process",
            }
            : new Dictionary<string, string>(),
        false, Plugins);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PluginToolsAreListedBesideCaosOwnWithSchemaFromTheArgumentsType(bool isolated)
    {
        await using var server = await StartAsync(isolated);
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id);

        var tools = await agent.ToolsAsync();

        var names = tools.Select(t => t.Name).ToList();
        Assert.Contains("send_message", names);
        Assert.Contains("handoff", names);
        Assert.Contains("toolbox_echo", names);
        Assert.Contains("toolbox_whoami", names);
        Assert.Contains("toolbox_add", names);
        Assert.Contains("unconfigured_ping", names);
        Assert.DoesNotContain("toolbox_bad", names);
        var echo = tools.Single(t => t.Name == "toolbox_echo");
        Assert.Equal("Say the text back", echo.Description);
        var properties = echo.JsonSchema.GetProperty("properties");
        Assert.Equal("What to say back", properties.GetProperty("text").GetProperty("description").GetString());
        Assert.Equal("integer", properties.GetProperty("times").GetProperty("type").GetString());
        // A record's constructor parameters are required, in snake_case.
        var add = tools.Single(t => t.Name == "toolbox_add").JsonSchema;
        Assert.Equal(["a", "b"], add.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACallRunsInTheServersPluginInstanceWithTheCallingTerminal(bool isolated)
    {
        await using var withPlugins = await StartAsync(isolated);
        var id = (await withPlugins.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(withPlugins, id);

        var whoami = await agent.CallTextAsync("toolbox_whoami", []);
        var echo = await agent.CallTextAsync("toolbox_echo", new() { ["text"] = "hi", ["times"] = 3 });
        var add = await agent.CallTextAsync("toolbox_add", new() { ["a"] = 2, ["b"] = 40 });

        Assert.Equal(($"hello {id} via toolbox_whoami", false), whoami);
        Assert.Equal(("hi hi hi", false), echo);
        Assert.False(add.IsError, add.Text);
        using var sum = JsonDocument.Parse(add.Text);
        Assert.Equal(42, sum.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(id, sum.RootElement.GetProperty("terminal").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailuresAreToolErrorsAndTheMcpServerCarriesOn(bool isolated)
    {
        await using var server = await StartAsync(isolated);
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id);

        var boom = await agent.CallTextAsync("toolbox_boom", []);
        var badArguments = await agent.CallTextAsync("toolbox_echo", new() { ["text"] = "hi", ["times"] = "many" });
        var unknown = await agent.CallTextAsync("toolbox_nothing", []);

        Assert.True(boom.IsError);
        Assert.Equal("toolbox_boom failed: the boom tool exploded on purpose", boom.Text);
        Assert.True(badArguments.IsError);
        Assert.StartsWith("Invalid arguments for toolbox_echo:", badArguments.Text);
        Assert.True(unknown.IsError);
        Assert.Contains("No plugin offers a tool named 'toolbox_nothing'", unknown.Text);
        // Still serving: the next call works.
        Assert.Equal(("ok", false), await agent.CallTextAsync("toolbox_echo", new() { ["text"] = "ok" }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUnconfiguredPluginListsItsToolsAndAnswersNotConfigured(bool isolated)
    {
        await using var server = await StartAsync(isolated);
        await using var agent = await McpAgent.StartAsync(server, null);

        var listed = (await server.GetJsonAsync("/plugin-tools")).AsArray().Single(t => t!["name"]!.GetValue<string>() == "unconfigured_ping")!;
        var (text, isError) = await agent.CallTextAsync("unconfigured_ping", []);

        Assert.False(listed["available"]!.GetValue<bool>());
        Assert.True(isError);
        Assert.StartsWith("unconfigured_ping is not available: plugin 'unconfigured' is not configured (plugins.unconfigured.token is not set)", text);
        Assert.Contains("cao plugin reload unconfigured", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NamesThatClashOrSignaturesCaoCannotCallAreRefusedAtLoad(bool isolated)
    {
        await using var server = await StartAsync(isolated);

        var tools = (await server.GetJsonAsync("/plugin-tools")).AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        var toolbox = await server.GetJsonAsync("/plugins/toolbox");
        var send = await server.GetJsonAsync("/plugins/send");
        var clashRefusals = new[] { "clash.a", "clash" }.SelectMany(p => server.GetJsonAsync($"/plugins/{p}").Result["refused_tools"]!.AsArray()).Select(r => r!.GetValue<string>()).ToList();

        Assert.Single(tools, t => t == "clash_a_b_c");
        Assert.Contains("clash_other", tools);
        Assert.DoesNotContain("send_message", tools);
        var clash = Assert.Single(clashRefusals);
        Assert.Contains("'clash_a_b_c' is already offered by plugin", clash);
        Assert.Contains("'send_message' is one of CAO's own tools", Assert.Single(send["refused_tools"]!.AsArray())!.GetValue<string>());
        var bad = Assert.Single(toolbox["refused_tools"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("tool 'bad' (ToolboxPlugin.Bad) refused: parameter 'count' of type Int32 is not allowed", bad);
        // A refused tool costs the plugin nothing else.
        Assert.Equal("loaded", toolbox["status"]!.GetValue<string>());
        if (isolated)
            Assert.Equal("process", toolbox["isolation"]!.GetValue<string>());
        Assert.Contains("toolbox_echo", toolbox["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATerminalsAllowedToolsHideAndRefusePluginTools(bool isolated)
    {
        await using var server = await StartAsync(isolated);
        var id = (await server.PostJsonAsync($"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}"
            + "&allowed_tools=" + Uri.EscapeDataString("@cao-mcp-server/send_message,toolbox_*,!toolbox_boom"), expected: HttpStatusCode.Created))["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id);

        var names = await agent.ToolNamesAsync();
        var refused = await agent.CallTextAsync("unconfigured_ping", []);
        var forbidden = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/plugin-tools/toolbox_boom/call")
        {
            Content = JsonContent.Create(new { terminal_id = id, arguments = new { } }),
        });

        Assert.Contains("toolbox_echo", names);
        Assert.DoesNotContain("toolbox_boom", names);
        Assert.DoesNotContain("unconfigured_ping", names);
        Assert.True(refused.IsError);
        Assert.Contains($"Terminal {id} may not use the tool 'unconfigured_ping'", refused.Text);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Contains("add '@cao-mcp-server/toolbox_boom' to the profile's allowedTools", forbidden.Body);
        Assert.Equal(("x", false), await agent.CallTextAsync("toolbox_echo", new() { ["text"] = "x" }));
    }
}
