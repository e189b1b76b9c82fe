using System.Net;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Liveness;

/// <summary>
/// The fault: after <c>tmux kill-window</c>, the terminal kept its last status forever, output and
/// input answered 500, queued messages were retried every 2 s with a stack trace each, no event.
/// </summary>
public sealed class KilledWindowTests
{
    [Fact]
    public async Task AKilledWindowIsErrorWithAReasonWithinSecondsAndItsMessagesFail()
    {
        await using var server = await CaoTestServer.StartAsync();
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        // Another session keeps the tmux server alive when the window (and with it its session) goes.
        var bystander = (await server.CreateMockSessionAsync("reviewer"))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle", "completed");
        // Busy, so the next messages stay queued.
        await server.PostJsonAsync($"/terminals/{terminal}/input?message=__mock_sleep_60");
        await server.WaitForStatusAsync(terminal, "processing");
        for (var i = 0; i < 3; i++)
            await server.PostJsonAsync($"/terminals/{terminal}/inbox/messages", new { sender_id = "aaaa0001", message = $"queued-{i}" });
        var row = server.TerminalRows().Single(r => r.Id == terminal);

        await server.Tmux.KillWindowAsync(new TmuxTarget(row.SessionName, row.WindowName));

        await Poll.UntilAsync(async () => await server.StatusAsync(terminal) == "error", "status error", TimeSpan.FromSeconds(5));
        var view = await server.GetJsonAsync($"/terminals/{terminal}");
        Assert.Contains("is gone (killed outside CAO)", view["status_reason"]!.GetValue<string>());
        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{terminal}/inbox/messages?status=failed")).AsArray().Count == 3,
            "the queued messages failed", TimeSpan.FromSeconds(5));
        var rows = (await server.GetJsonAsync($"/terminals/{terminal}/inbox/messages")).AsArray();
        Assert.All(rows, r => Assert.Contains("is out of service: its tmux window", r!["error"]!.GetValue<string>()));

        var output = await server.GetJsonAsync($"/terminals/{terminal}/output", HttpStatusCode.Conflict);
        Assert.Contains("is out of service", output["detail"]!.GetValue<string>());
        var input = await server.PostJsonAsync($"/terminals/{terminal}/input?message=hello", expected: HttpStatusCode.Conflict);
        Assert.Contains("Delete it", input["detail"]!.GetValue<string>());

        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => e.Is("post_kill_terminal")), "post_kill_terminal recorded");
        await server.DeleteAsync($"/terminals/{terminal}");
        await server.PostJsonAsync($"/terminals/{terminal}/inbox/messages", new { sender_id = "aaaa0001", message = "too late" }, HttpStatusCode.NotFound);
        Assert.Single(server.RecordedEvents(), e => e.Is("post_kill_terminal"));
        Assert.NotEqual("error", await server.StatusAsync(bystander));
        // One warning line for the death, not a stack trace per sweep.
        var log = ServerLogFiles.ReadAll(server.Home);
        Assert.Single(log.Split('\n'), l => l.Contains($"Terminal {terminal}", StringComparison.Ordinal) && l.Contains("out of service", StringComparison.Ordinal));
        var entries = System.Text.RegularExpressions.Regex.Split(log, @"\n(?=\d{4}-\d{2}-\d{2} )");
        Assert.DoesNotContain(entries, e => (e.Contains(" WRN ", StringComparison.Ordinal) || e.Contains(" ERR ", StringComparison.Ordinal)) && e.Contains("   at ", StringComparison.Ordinal));
    }
}
