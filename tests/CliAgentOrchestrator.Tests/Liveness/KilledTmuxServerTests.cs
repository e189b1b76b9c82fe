using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Liveness;

/// <summary>
/// The fault: after <c>tmux kill-server</c> of CAO's socket every terminal looked alive and
/// <c>/health</c> still said tmux ok (it only ran <c>tmux -V</c>).
/// </summary>
public sealed class KilledTmuxServerTests
{
    [Fact]
    public async Task EveryTerminalIsErrorAndHealthIsDegradedWithTheReason()
    {
        await using var server = await CaoTestServer.StartAsync();
        var first = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var second = (await server.CreateMockSessionAsync("reviewer"))["id"]!.GetValue<string>();
        Assert.Equal("ok", (await server.GetJsonAsync("/health"))["status"]!.GetValue<string>());

        await server.Tmux.KillServerAsync();

        foreach (var terminal in new[] { first, second })
        {
            await Poll.UntilAsync(async () => await server.StatusAsync(terminal) == "error", $"{terminal} in error", TimeSpan.FromSeconds(5));
            Assert.Contains("tmux server (socket", (await server.GetJsonAsync($"/terminals/{terminal}"))["status_reason"]!.GetValue<string>());
        }
        var health = await server.GetJsonAsync("/health");
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Contains("is not running, so the windows of 2 terminal(s) are gone", health["components"]!["tmux"]!.GetValue<string>());
        await Poll.UntilAsync(() => server.RecordedEvents().Count(e => e.Is("post_kill_terminal")) == 2, "one post_kill_terminal each");
        Assert.Equal(new[] { first, second }.Order(), server.RecordedEvents().Where(e => e.Is("post_kill_terminal")).Select(e => e.Field("terminal_id")!).Order());
    }

    [Fact]
    public async Task HealthIsOkBeforeAnyTerminalExists()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var health = (JsonObject)await server.GetJsonAsync("/health");

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Contains("no server running yet", health["components"]!["tmux"]!.GetValue<string>());
    }
}
