using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>A plugin's refusal reaches the calling agent as a tool result that says who refused and why.</summary>
public sealed class PreHookRefusalTests
{
    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task AssignAndHandoffTellTheAgentWhyAPluginRefused(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true, "Cao.TestPlugins.Gatekeeper");
        var supervisor = await server.CreateMockSessionAsync("code_supervisor");
        var supervisorId = supervisor["id"]!.GetValue<string>();
        var session = supervisor["session_name"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, supervisorId, transport);

        var assign = await agent.CallAsync("assign", new() { ["agent_profile"] = "forbidden_profile", ["message"] = "do it" });
        var handoff = await agent.CallAsync("handoff", new() { ["agent_profile"] = "developer", ["message"] = "a forbidden task", ["timeout"] = 120 },
            TimeSpan.FromMinutes(3));

        Assert.False(assign["success"]!.GetValue<bool>());
        Assert.Contains("Refused by plugin 'terminal_guard': profile forbidden_profile is not allowed", assign.Field("error"));
        Assert.False(handoff["success"]!.GetValue<bool>());
        Assert.Contains("Refused by plugin 'denier': message mentions 'forbidden'", handoff.Field("error"));
        // The handoff worker whose prompt was refused was removed again; only the supervisor is left.
        Assert.Single((await server.GetJsonAsync($"/sessions/{session}/terminals")).AsArray());
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => e.Is("post_send_message_denied")), "the denial event");
        Assert.DoesNotContain(server.RecordedEvents(), e => e.Is("post_send_message"));
    }
}
