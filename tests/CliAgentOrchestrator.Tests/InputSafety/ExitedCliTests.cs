using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.InputSafety;

/// <summary>
/// Input to a terminal whose CLI exited is refused (409). The attack: after the agent exited,
/// /input was typed into the pane's shell, ran there, and was answered 200.
/// </summary>
public sealed class ExitedCliTests
{
    [Fact]
    public async Task InputAfterTheCliExitedIsRefusedAndNeverRunsInTheShell()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle", "completed");
        await server.PostJsonAsync($"/terminals/{terminal}/input?message=/exit");
        var target = new Core.Tmux.TmuxTarget(server.TerminalRows().Single().SessionName, server.TerminalRows().Single().WindowName);
        await Poll.UntilAsync(async () => (await server.Tmux.CapturePaneAsync(target, Core.Tmux.CaptureRange.Visible)).Contains("goodbye", StringComparison.Ordinal),
            "mock_cli said goodbye");
        // "goodbye" is drawn a moment before mock_cli exits and its shell takes the terminal back.
        await Poll.UntilAsync(async () => (await server.Tmux.DisplayAsync(target, "#{pane_pid}\t#{pane_current_command}")).Split('\t') is [var pid, var command]
            && Core.Terminals.ForegroundShell.IsBackAtShell(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), command), "the pane back at its shell");
        var proof = Path.Combine(server.WorkDirectory, "ran-in-shell");

        using var input = await server.Http.PostAsJsonAsync($"/terminals/{terminal}/input", new { message = $"touch {proof}" });
        var detail = JsonNode.Parse(await input.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Conflict, input.StatusCode);
        Assert.Contains("is not running: the pane is back at its shell", detail);
        Assert.Contains("delete", detail, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(proof));
    }

    [Fact]
    public async Task AQueuedMessageToAnExitedCliFailsWithTheReason()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle", "completed");
        await server.PostJsonAsync($"/terminals/{terminal}/input?message=/exit");
        await server.WaitForStatusAsync(terminal, "error");
        var proof = Path.Combine(server.WorkDirectory, "ran-in-shell");

        await server.PostJsonAsync($"/terminals/{terminal}/inbox/messages", new { sender_id = "aaaa0001", message = $"touch {proof}" });

        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{terminal}/inbox/messages?status=failed")).AsArray().Count == 1, "the message failed");
        var row = (await server.GetJsonAsync($"/terminals/{terminal}/inbox/messages")).AsArray().Single()!;
        Assert.Contains("is not running: the pane is back at its shell", row["error"]!.GetValue<string>());
        Assert.Contains("not running", (await server.GetJsonAsync($"/terminals/{terminal}"))["status_reason"]!.GetValue<string>());
        Assert.False(File.Exists(proof));
    }
}
