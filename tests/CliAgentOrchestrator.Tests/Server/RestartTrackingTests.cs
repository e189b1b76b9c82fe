using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// Terminals survive a server restart fully tracked (Python leaves them "unknown" forever,
/// reference §12.9): status, input, output and delete all keep working, and plugins are torn
/// down at the stop and set up again at the start.
/// </summary>
public sealed class RestartTrackingTests
{
    [Fact]
    public async Task ATerminalKeepsItsStatusInputOutputAndDeleteAcrossARestart()
    {
        await using var server = await CaoTestServer.StartAsync();
        var terminal = await server.CreateMockSessionAsync();
        var id = terminal["id"]!.GetValue<string>();
        await server.PostJsonAsync($"/terminals/{id}/input?message=before%20restart");
        await WaitForAnswerAsync(server, id, "before restart");

        await server.RestartAsync();

        await server.WaitForStatusAsync(id, "idle", "completed");

        // An answer that arrives while the server is down is seen by the next one.
        await server.PostJsonAsync($"/terminals/{id}/input?message=__mock_sleep_5");
        await server.WaitForStatusAsync(id, "processing");
        await server.RestartAsync();
        await WaitForAnswerAsync(server, id, "slept 5s");
        await server.PostJsonAsync($"/terminals/{id}/input?message=after%20restart");
        await WaitForAnswerAsync(server, id, "after restart");
        // The full buffer comes from the output stream, which may trail the screen by a moment.
        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{id}/output?mode=full"))["output"]!.GetValue<string>().Contains("> MOCK: after restart"),
            "the new answer in the full output");

        await server.DeleteAsync($"/terminals/{id}");
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => Field(e, "event_type") == "post_kill_terminal"), "post_kill_terminal recorded", TimeSpan.FromSeconds(60));
        var events = server.RecordedEvents();
        Assert.Equal(["post_create_terminal", "post_create_session", "post_kill_terminal"], events.Select(e => Field(e, "event_type")));
        Assert.Equal((id, "developer"), (Field(events[2], "terminal_id"), Field(events[2], "agent_name")));
        Assert.Empty(server.TerminalRows());
        Assert.Equal(["recorder|setup", "recorder|teardown", "recorder|setup", "recorder|teardown", "recorder|setup"], server.RecordedLifecycle());
    }

    // Completed alone is not enough: the terminal may still be latched on the previous answer.
    private static Task WaitForAnswerAsync(CaoTestServer server, string id, string answer) =>
        Poll.UntilAsync(async () =>
            await server.StatusAsync(id) == "completed"
            && (await server.GetJsonAsync($"/terminals/{id}/output?mode=last"))["output"]!.GetValue<string>() == answer,
            $"terminal {id} completed with answer '{answer}'", TimeSpan.FromSeconds(60));

    private static string? Field(JsonObject e, string name) => e[name]?.GetValue<string>();
}
