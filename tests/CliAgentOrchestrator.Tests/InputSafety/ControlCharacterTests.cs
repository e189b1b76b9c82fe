using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.InputSafety;

/// <summary>
/// Message text never acts as keystrokes. The attack: a Ctrl-C inside a message killed mock_cli and
/// the rest of the line ran in its shell; an ESC[201~ inside a message ended the bracketed paste.
/// </summary>
public sealed class ControlCharacterTests
{
    [Fact]
    public async Task CtrlCInAnInboxMessageIsRefusedAndNothingRunsInTheShell()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(receiver, "idle", "completed");
        var proof = Path.Combine(server.WorkDirectory, "injected");

        using var response = await server.Http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages",
            new { sender_id = "aaaa0001", message = $"please review\u0003touch {proof}" });
        var detail = await DetailAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0003 (Ctrl-C) at position 13", detail);
        Assert.Empty((await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages")).AsArray());
        // The agent is untouched: it still answers, and no shell ran the tail of the message.
        await server.PostJsonAsync($"/terminals/{receiver}/input?message=still-alive");
        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Contains("still-alive"), "mock_cli still answering");
        Assert.False(File.Exists(proof));
    }

    [Theory]
    [InlineData("done\u001b[201~\rtouch /tmp/x\r", "U+001B (ESC) at position 4")]
    [InlineData("tab\tand\nnewline are fine but not \u007f", "U+007F (DEL) at position 33")]
    [InlineData("bell\u0007", "U+0007 (Ctrl-G) at position 4")]
    public async Task InputWithControlCharactersIsRefusedWithThePosition(string message, string expected)
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        using var byBody = await server.Http.PostAsJsonAsync($"/terminals/{terminal}/input", new { message });
        using var byQuery = await server.Http.PostAsync($"/terminals/{terminal}/input?message={Uri.EscapeDataString(message)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, byBody.StatusCode);
        Assert.Contains(expected, await DetailAsync(byBody));
        Assert.Equal(HttpStatusCode.BadRequest, byQuery.StatusCode);
        Assert.Contains(expected, await DetailAsync(byQuery));
    }

    [Fact]
    public async Task AnInitialTaskWithControlCharactersIsRefusedBeforeAWorkerStarts()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        using var response = await server.Http.PostAsJsonAsync(
            $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            new { initial_message = "work\u0004" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0004 (Ctrl-D) at position 4", await DetailAsync(response));
        Assert.Empty(server.TerminalRows());
    }

    [Fact]
    public async Task CarriageReturnsBecomeNewlines()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle", "completed");

        await server.PostJsonAsync($"/terminals/{terminal}/input", new { message = "first-line\r\nsecond-line\rthird-line" });

        await Poll.UntilAsync(() => TerminalLog.Answers(server, terminal).Contains("third-line"), "all three lines answered");
        Assert.Equal(["first-line", "second-line", "third-line"], TerminalLog.Answers(server, terminal).Where(a => a.EndsWith("-line", StringComparison.Ordinal)));
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\n", text.TrimEnd());
        return JsonNode.Parse(text)!["detail"]!.GetValue<string>();
    }
}
