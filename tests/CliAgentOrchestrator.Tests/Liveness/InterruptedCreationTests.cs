using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Liveness;

/// <summary>
/// The fault: a terminal whose creation was cut by a server stop kept its row and said
/// <c>processing</c> forever. At the next start it is error, with the reason.
/// </summary>
public sealed class InterruptedCreationTests
{
    [Fact]
    public async Task ATerminalWhoseCreationWasCutIsErrorAfterTheRestart()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        // An initial message makes creation finish in the background, so the stop cuts it.
        var terminal = (await server.PostJsonAsync(
            $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            new { initial_message = "start working" }, System.Net.HttpStatusCode.Created))["id"]!.GetValue<string>();
        Assert.Null(server.TerminalRows().Single().ShellCommand);

        await server.RestartAsync();

        Assert.Equal("error", await server.StatusAsync(terminal));
        var reason = (await server.GetJsonAsync($"/terminals/{terminal}"))["status_reason"]!.GetValue<string>();
        Assert.Contains("creation was interrupted by a server stop before mock_cli was ready", reason);
        await server.PostJsonAsync($"/terminals/{terminal}/input?message=hello", expected: System.Net.HttpStatusCode.Conflict);
        await server.DeleteAsync($"/terminals/{terminal}");
        Assert.Empty(server.TerminalRows());
    }
}
